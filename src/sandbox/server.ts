import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { chatMethods } from "./api/chat";
import { type ApiHandler, SlackApiError } from "./api/common";
import { fileMethods } from "./api/files";
import { viewMethods } from "./api/views";
import { workspaceMethods } from "./api/workspace";
import { ArgParseError, parseApiArgs, parseMultipart, readBody, sendJson, sendText } from "./httpUtil";
import { SandboxOAuth, type SandboxOAuthApp } from "./oauth";
import { handleResponseUrl } from "./responseUrl";
import { SandboxSocketMode, type SandboxSocketModeOptions } from "./socketMode";
import type { ApiCallRecord, FaultSpec, Json } from "./types";
import { SandboxWorkspace, type SandboxWorkspaceOptions } from "./workspace";

export interface SlackSandboxOptions extends Partial<SandboxWorkspaceOptions> {
  /** Bot token the default workspace accepts (default "xoxb-sandbox-token"). */
  token?: string;
  /** The app as registered with Slack, for the OAuth install flow (`/oauth/v2/authorize`, `oauth.v2.access`). */
  oauth?: SandboxOAuthApp;
  /** Socket Mode: the app-level token, ping interval, ticket lifetime. */
  socketMode?: SandboxSocketModeOptions;
  /**
   * For a bot in a container: listen on every interface and give out URLs with this host name (e.g.
   * host.containers.internal). Default: 127.0.0.1 only.
   */
  publicHost?: string;
}

const METHODS: Record<string, ApiHandler> = { ...workspaceMethods, ...chatMethods, ...viewMethods, ...fileMethods };

/**
 * A local HTTP server speaking the Slack Web API (see shared/notes/slack-platform.md). It is itself
 * the default workspace (single-workspace tests use it as such); `addWorkspace` hosts more, each
 * reached with its own tokens, and `oauth` installs the app into any of them.
 */
export class SlackSandbox extends SandboxWorkspace {
  /** The default workspace's fixed bot token. */
  readonly token: string;
  readonly oauth: SandboxOAuth;
  /** Socket Mode: apps.connections.open and the WebSocket links (on this sandbox's port). */
  readonly socketMode: SandboxSocketMode;
  private readonly publicHost: string | undefined;
  private readonly hosted: SandboxWorkspace[] = [];
  private server: Server | undefined;
  private port: number | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(opts: SlackSandboxOptions = {}) {
    super({
      ...opts,
      teamId: opts.teamId ?? "T0SANDBOX",
      teamDomain: opts.teamDomain ?? "sandbox",
      teamName: opts.teamName ?? "Sandbox",
      botUserId: opts.botUserId ?? "U0SANDBOXBOT",
      botId: opts.botId ?? "B0SANDBOX",
      appId: opts.appId ?? "A0SANDBOX",
    });
    this.token = opts.token ?? "xoxb-sandbox-token";
    this.acceptToken(this.token);
    this.oauth = new SandboxOAuth(opts.oauth, (teamId) => this.workspace(teamId), this.teamId);
    this.socketMode = new SandboxSocketMode(this, opts.socketMode);
    this.publicHost = opts.publicHost;
  }

  // ---------------------------------------------------------------- workspaces

  /** Host another workspace (the app is not installed in it until the OAuth flow or `issueToken`). */
  addWorkspace(opts: Omit<SandboxWorkspaceOptions, "appId">): SandboxWorkspace {
    if (this.workspace(opts.teamId)) throw new Error(`addWorkspace: ${opts.teamId} exists already`);
    const ws = new SandboxWorkspace({ ...opts, appId: this.identity.appId }, this);
    this.hosted.push(ws);
    return ws;
  }

  /** Every workspace this sandbox hosts, the default one first. */
  get workspaces(): SandboxWorkspace[] {
    return [this, ...this.hosted];
  }

  workspace(teamId: string): SandboxWorkspace | undefined {
    return this.workspaces.find((w) => w.teamId === teamId);
  }

  /** The app is uninstalled from a workspace: its access and refresh tokens stop working. */
  uninstall(teamId: string): void {
    const ws = this.workspace(teamId);
    if (!ws) throw new Error(`uninstall: no workspace ${teamId}`);
    ws.revokeTokens();
    this.oauth.revoke(teamId);
  }

  /** Where the app's install button sends people (`https://slack.com/oauth/v2/authorize` in Slack). */
  get authorizeUrl(): string {
    return `${this.url}/oauth/v2/authorize`;
  }

  /** Clear messages, views, files, calls, responses, triggers, faults and rate limits of every workspace; keep users and tokens. */
  override reset(): void {
    super.reset();
    for (const ws of this.hosted) ws.reset();
    this.socketMode.reset();
  }

  // ---------------------------------------------------------------- lifecycle

  async start(port = 0): Promise<void> {
    if (this.server) throw new Error("SlackSandbox already started");
    this.stopped = false;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed)
          sendText(res, 500, `sandbox error: ${e instanceof Error ? e.stack : String(e)}`);
      });
    });
    server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.socketMode.upgrade(req, socket, head),
    );
    server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, this.publicHost ? "0.0.0.0" : "127.0.0.1", () => resolve());
    });
    const addr = server.address();
    if (addr === null || typeof addr === "string") throw new Error("unexpected server address");
    this.server = server;
    this.port = addr.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
    this.socketMode.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
    this.server = undefined;
    this.port = undefined;
  }

  /** http://127.0.0.1:PORT (or the public host) */
  override get url(): string {
    if (this.port === undefined) throw new Error("SlackSandbox not started");
    return `http://${this.publicHost ?? "127.0.0.1"}:${this.port}`;
  }

  /** Pass as `slackApiUrl` to WebClient / Bolt's clientOptions. Ends with "/api/". */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  // ---------------------------------------------------------------- HTTP

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? "/", "http://sandbox");
    const body = await readBody(req);
    if (u.pathname === "/oauth/v2/authorize" && req.method === "GET") {
      const answer = this.oauth.authorize(u.searchParams);
      if (answer.redirect) {
        res.writeHead(302, { location: answer.redirect }).end();
        return;
      }
      return sendText(res, 400, answer.error);
    }
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(u.pathname);
    if (api?.[1] !== undefined) return this.handleApi(api[1], req, res, body, u.searchParams);
    const upload = /^\/upload\/v1\/([A-Za-z0-9]+)$/.exec(u.pathname);
    if (upload?.[1] !== undefined && req.method === "POST") return this.handleUpload(upload[1], req, res, body);
    const response = /^\/response\/([^/]+)$/.exec(u.pathname);
    if (response?.[1] !== undefined && req.method === "POST") {
      return this.handleResponseUrl(decodeURIComponent(response[1]), req, res, body);
    }
    sendText(res, 404, "not found");
  }

  /** Apply an injected fault that answers instead of Slack; returns true when it answered. */
  private async applyFault(
    fault: FaultSpec | undefined,
    res: ServerResponse,
    record: (status: number, response: unknown, fault?: ApiCallRecord["fault"]) => void,
  ): Promise<boolean> {
    if (!fault) return false;
    switch (fault.kind) {
      case "ratelimited": {
        const response = { ok: false, error: "ratelimited" };
        record(429, response, "ratelimited");
        sendJson(res, 429, response, { "retry-after": String(fault.retryAfter) });
        return true;
      }
      case "http": {
        const text = `HTTP ${fault.status} (injected)`;
        record(fault.status, text, "http");
        sendText(res, fault.status, text);
        return true;
      }
      case "error": {
        const response = { ok: false, error: fault.error };
        record(200, response, "error");
        sendJson(res, 200, response);
        return true;
      }
      case "delay":
        await this.sleep(fault.ms);
        return this.stopped;
      case "accept_then_drop":
        return false;
    }
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    query: URLSearchParams,
  ): Promise<void> {
    const at = Date.now();
    let args: Json;
    try {
      args = parseApiArgs(req.headers["content-type"], body, query);
    } catch (e) {
      if (!(e instanceof ArgParseError)) throw e;
      args = {};
      const response = { ok: false, error: e.slackError };
      this.state.calls.push({ method, args, status: 200, response, at });
      sendJson(res, 200, response);
      return;
    }
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith("Bearer ") ? auth.slice(7).trim() : undefined;
    const token = bearer ?? (typeof args.token === "string" ? args.token : undefined);
    delete args.token;
    // The workspace the token belongs to answers (unknown tokens: the default one, which refuses them).
    const ws = (token && this.workspaces.find((w) => w.ownsToken(token))) || this;

    let faultKind: ApiCallRecord["fault"];
    const record = (status: number, response: unknown, fault?: ApiCallRecord["fault"]): void => {
      ws.state.calls.push({ method, args, status, response, at, ...(fault ? { fault } : {}) });
    };
    const fault = ws.faults.take(method, true);
    if (await this.applyFault(fault, res, record)) return;
    if (fault) faultKind = fault.kind;

    const answer = (status: number, response: Json, headers: Record<string, string> = {}, fk = faultKind): void => {
      if (fault?.kind === "accept_then_drop") {
        record(0, response, "accept_then_drop");
        req.socket.destroy();
        return;
      }
      record(status, response, fk);
      sendJson(res, status, response, headers);
    };

    // The OAuth exchange authenticates with the app's client id and secret, not a token.
    if (method === "oauth.v2.access") return answer(200, this.oauth.access(args, auth));
    // Socket Mode authenticates with the app-level token.
    if (method === "apps.connections.open") {
      const opened = this.socketMode.open(token);
      if (opened === "reset") {
        record(0, null);
        req.socket.destroy();
      } else if (opened.json) answer(opened.status, opened.json);
      else {
        record(opened.status, opened.text);
        sendText(res, opened.status, opened.text ?? "");
      }
      return;
    }
    const handler = METHODS[method];
    if (!handler) return answer(200, { ok: false, error: "unknown_method" });
    if (token === undefined || token === "") return answer(200, { ok: false, error: "not_authed" });
    const refused = ws.checkToken(token);
    if (refused) return answer(200, { ok: false, error: refused });

    const channelArg = args.channel ?? args.channel_id;
    const resolved = ws.state.resolveChannel(channelArg);
    const limit = ws.limiter.check(method, resolved.ok ? resolved.channel : undefined);
    if (!limit.ok) {
      return answer(
        429,
        { ok: false, error: "ratelimited" },
        { "retry-after": String(limit.retryAfter) },
        "rate_limit",
      );
    }

    let response: Json;
    try {
      response = handler(args, ws.ctx());
    } catch (e) {
      if (!(e instanceof SlackApiError)) throw e;
      response = { ok: false, error: e.error, ...e.extra };
    }
    answer(200, response);
  }

  private async handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const ws = this.workspaces.find((w) => w.state.files.has(fileId)) ?? this;
    const fault = ws.faults.take("file_upload", false);
    const noop = (): void => undefined;
    if (await this.applyFault(fault, res, noop)) return;
    const file = ws.state.files.get(fileId);
    if (!file || file.completed) {
      sendText(res, 404, "not found");
      return;
    }
    let bytes = body;
    const ct = req.headers["content-type"] ?? "";
    if (ct.toLowerCase().startsWith("multipart/form-data")) {
      const parts = parseMultipart(ct, body);
      const part = parts.find((p) => p.filename !== undefined) ?? parts[0];
      bytes = part?.data ?? Buffer.alloc(0);
    }
    file.bytes = Buffer.from(bytes);
    file.uploaded = true;
    if (fault?.kind === "accept_then_drop") {
      req.socket.destroy();
      return;
    }
    sendText(res, 200, `OK - ${bytes.length}`);
  }

  private async handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const ws = this.workspaces.find((w) => w.state.responseUrls.has(id)) ?? this;
    const fault = ws.faults.take("response_url", false);
    const noop = (): void => undefined;
    if (await this.applyFault(fault, res, noop)) return;
    let json: Json;
    try {
      const ct = (req.headers["content-type"] ?? "").split(";")[0]?.trim();
      if (ct === "application/json") json = JSON.parse(body.toString("utf8")) as Json;
      else json = parseApiArgs(ct, body, new URLSearchParams());
      if (typeof json.payload === "string") json = JSON.parse(json.payload) as Json;
    } catch {
      sendJson(res, 400, { ok: false, error: "invalid_payload" });
      return;
    }
    const url = `${this.url}/response/${encodeURIComponent(id)}`;
    const out = handleResponseUrl(ws.ctx(), id, url, json, ws.responseUrlTtlMs);
    ws.state.responses.push(out.record);
    if (fault?.kind === "accept_then_drop") {
      req.socket.destroy();
      return;
    }
    sendJson(res, out.status, out.json);
  }
}
