import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { chatMethods } from "./api/chat";
import { type ApiContext, type ApiHandler, type SandboxIdentity, SlackApiError, apiMessage } from "./api/common";
import { fileMethods } from "./api/files";
import { type SubmissionOutcome, applySubmissionResponse, closeStack, popView, viewMethods } from "./api/views";
import { workspaceMethods } from "./api/workspace";
import { FaultInjector, RateLimiter } from "./faults";
import { ArgParseError, parseApiArgs, parseMultipart, readBody, sendJson, sendText } from "./httpUtil";
import { handleResponseUrl } from "./responseUrl";
import { SandboxState } from "./state";
import type {
  ApiCallRecord,
  Block,
  FaultSpec,
  Json,
  RateLimitSpec,
  ResponseUrlContext,
  ResponseUrlRecord,
  SandboxEphemeral,
  SandboxFile,
  SandboxMessage,
  SandboxUser,
  SandboxUserSeed,
  SandboxView,
} from "./types";

export interface SlackSandboxOptions {
  /** Bot token the API accepts (default "xoxb-sandbox-token"). */
  token?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** trigger_id lifetime (default 3000 ms, like Slack). Lower it only to test expiry quickly. */
  triggerTtlMs?: number;
  /** response_url lifetime (default 30 min). */
  responseUrlTtlMs?: number;
  /** Where message timestamps come from (default the real clock); the demo passes its own. */
  messageClock?: () => number;
}

const METHODS: Record<string, ApiHandler> = { ...workspaceMethods, ...chatMethods, ...viewMethods, ...fileMethods };

/** A local HTTP server speaking the Slack Web API (see shared/notes/slack-platform.md). */
export class SlackSandbox {
  readonly token: string;
  readonly identity: SandboxIdentity;
  private readonly state: SandboxState;
  private readonly faults = new FaultInjector();
  private readonly limiter = new RateLimiter();
  private readonly triggerTtlMs: number;
  private readonly responseUrlTtlMs: number;
  private server: Server | undefined;
  private port: number | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(opts: SlackSandboxOptions = {}) {
    this.state = new SandboxState(opts.messageClock);
    this.token = opts.token ?? "xoxb-sandbox-token";
    this.identity = {
      teamId: opts.teamId ?? "T0SANDBOX",
      teamDomain: opts.teamDomain ?? "sandbox",
      teamName: "Sandbox",
      botUserId: opts.botUserId ?? "U0SANDBOXBOT",
      botUserName: "okr-bot",
      botId: opts.botId ?? "B0SANDBOX",
      appId: opts.appId ?? "A0SANDBOX",
    };
    this.triggerTtlMs = opts.triggerTtlMs ?? 3000;
    this.responseUrlTtlMs = opts.responseUrlTtlMs ?? 30 * 60 * 1000;
  }

  // ---------------------------------------------------------------- lifecycle

  async start(port = 0): Promise<void> {
    if (this.server) throw new Error("SlackSandbox already started");
    this.stopped = false;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) sendText(res, 500, `sandbox error: ${e instanceof Error ? e.stack : String(e)}`);
      });
    });
    server.on("connection", (s: Socket) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
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
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
    this.server = undefined;
    this.port = undefined;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    if (this.port === undefined) throw new Error("SlackSandbox not started");
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as `slackApiUrl` to WebClient / Bolt's clientOptions. Ends with "/api/". */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get teamId(): string {
    return this.identity.teamId;
  }

  get botUserId(): string {
    return this.identity.botUserId;
  }

  // ---------------------------------------------------------------- seeding & test hooks

  addUser(seed: SandboxUserSeed): SandboxUser {
    return { ...this.state.addUser(seed) };
  }

  /** Change a seeded user (status, tz, deactivation...). */
  updateUser(id: string, patch: Partial<Omit<SandboxUserSeed, "id">>): SandboxUser {
    const u = this.state.users.get(id);
    if (!u) throw new Error(`updateUser: unknown user ${id}`);
    const merged: SandboxUserSeed = {
      id,
      name: u.name,
      realName: u.realName,
      displayName: u.displayName,
      tz: u.tz,
      isAdmin: u.isAdmin,
      isBot: u.isBot,
      deleted: u.deleted,
      statusEmoji: u.statusEmoji,
      statusText: u.statusText,
      statusExpiration: u.statusExpiration,
      ...patch,
    };
    return this.addUser(merged);
  }

  /** Seeded users by id. */
  get users(): ReadonlyMap<string, SandboxUser> {
    return this.state.users;
  }

  /** Stable DM conversation id (`D…`) for a user, as conversations.open returns it. */
  dmChannelId(userId: string): string {
    return this.state.dmId(userId);
  }

  /** Seed a message written by a person (for reconciliation via conversations.history). */
  addMessage(m: { channel: string; user: string; text: string; threadTs?: string; blocks?: Block[] }): SandboxMessage {
    const r = this.state.resolveChannel(m.channel);
    if (!r.ok) throw new Error(`addMessage: ${r.error} (${m.channel})`);
    const msg: SandboxMessage = {
      channel: r.channel,
      conversationId: r.conversationId,
      ts: this.state.nextTs(),
      text: m.text,
      user: m.user,
      updates: 0,
      args: {},
      ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    };
    this.state.messages.push(msg);
    return msg;
  }

  /** A trigger_id as Slack puts in commands and interactions: single use, valid triggerTtlMs (3 s). */
  issueTriggerId(userId?: string): string {
    return this.state.issueTrigger(userId);
  }

  /** A response_url on this server (5 uses, 30 min). `ctx` tells which user / channel / message it answers. */
  responseUrl(id: string, ctx: ResponseUrlContext = {}): string {
    if (!this.state.responseUrls.has(id)) this.state.responseUrls.set(id, { ctx, uses: 0, createdAt: Date.now() });
    return `${this.url}/response/${encodeURIComponent(id)}`;
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  /** Every matching call fails this way with `probability` (e.g. 5% of chat.postMessage answered 429). */
  injectRandomFaults(spec: FaultSpec, probability: number, seed?: number): void {
    this.faults.injectRandom(spec, probability, seed);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Rate-limit a method (token bucket; short bursts pass, then 429 with Retry-After). */
  setRateLimit(method: string, spec: RateLimitSpec): void {
    this.limiter.set(method, spec);
  }

  clearRateLimits(): void {
    this.limiter.clear();
  }

  /** Clear messages, views, files, calls, responses, triggers, faults and rate limits; keep users. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
    this.limiter.clear();
  }

  /** Apply the bot's answer to a view_submission (used by SlackRequester). */
  applyViewSubmissionResponse(viewId: string, status: number, body: string, values?: Json): SubmissionOutcome {
    const v = this.state.views.get(viewId);
    if (v && values) v.view.state = { values };
    return applySubmissionResponse(this.ctx(), viewId, status, body);
  }

  /**
   * The user dismissed a modal: the close button of a pushed view goes back one view; on the root
   * view (or with `clear_on_close`) the whole stack closes.
   */
  closeView(viewId: string): void {
    const v = this.state.views.get(viewId);
    if (!v) return;
    const stack = this.state.stacks.get(v.user) ?? [];
    if (!stack.includes(viewId)) v.open = false;
    else if (v.view.clear_on_close === true || stack.length === 1) closeStack(v.user, this.ctx());
    else popView(v.user, this.ctx());
  }

  // ---------------------------------------------------------------- inspection

  /** Every API call in order (including faulted / rate-limited ones). */
  get calls(): readonly ApiCallRecord[] {
    return this.state.calls;
  }

  callsTo(method: string): ApiCallRecord[] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /**
   * Messages (thread replies included) in ts order; `channel` may be a channel id, a user id or a
   * `D…` id (DMs are stored under the user id).
   */
  messages(channel?: string): SandboxMessage[] {
    if (channel === undefined) return [...this.state.messages];
    const r = this.state.resolveChannel(channel);
    const key = r.ok ? r.channel : channel;
    return this.state.messages.filter((m) => m.channel === key);
  }

  /** Messages in the bot's DM with a user (sent to `U…` or its `D…` id). */
  dmsTo(userId: string): SandboxMessage[] {
    return this.state.messages.filter((m) => m.channel === userId);
  }

  /** A thread: parent then replies. */
  thread(channel: string, ts: string): SandboxMessage[] {
    return this.messages(channel).filter((m) => m.ts === ts || m.threadTs === ts);
  }

  ephemerals(userId?: string): SandboxEphemeral[] {
    return this.state.ephemerals.filter((e) => userId === undefined || e.user === userId);
  }

  /** Every view ever opened or published, in creation order. */
  views(): SandboxView[] {
    return [...this.state.views.values()];
  }

  view(id: string): SandboxView | undefined {
    return this.state.views.get(id);
  }

  /** The user's open modal stack, bottom → top. */
  openViews(userId: string): SandboxView[] {
    return (this.state.stacks.get(userId) ?? []).flatMap((id) => {
      const v = this.state.views.get(id);
      return v ? [v] : [];
    });
  }

  /** The user's published Home tab. */
  home(userId: string): SandboxView | undefined {
    const id = this.state.homes.get(userId);
    return id === undefined ? undefined : this.state.views.get(id);
  }

  /** A stored message in the shape the Web API / interaction payloads use. */
  apiMessage(m: SandboxMessage): Json {
    return apiMessage(m, this.ctx());
  }

  files(): SandboxFile[] {
    return [...this.state.files.values()];
  }

  /** POSTs received on response_urls (accepted and rejected). */
  responses(): ResponseUrlRecord[] {
    return [...this.state.responses];
  }

  // ---------------------------------------------------------------- HTTP

  private ctx(): ApiContext {
    return { state: this.state, identity: this.identity, baseUrl: this.url, triggerTtlMs: this.triggerTtlMs };
  }

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

  private async handleApi(method: string, req: IncomingMessage, res: ServerResponse, body: Buffer, query: URLSearchParams): Promise<void> {
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

    let faultKind: ApiCallRecord["fault"];
    const record = (status: number, response: unknown, fault?: ApiCallRecord["fault"]): void => {
      this.state.calls.push({ method, args, status, response, at, ...(fault ? { fault } : {}) });
    };
    const fault = this.faults.take(method, true);
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

    const handler = METHODS[method];
    if (!handler) return answer(200, { ok: false, error: "unknown_method" });
    if (token === undefined || token === "") return answer(200, { ok: false, error: "not_authed" });
    if (token !== this.token) return answer(200, { ok: false, error: "invalid_auth" });

    const channelArg = args.channel ?? args.channel_id;
    const resolved = this.state.resolveChannel(channelArg);
    const limit = this.limiter.check(method, resolved.ok ? resolved.channel : undefined);
    if (!limit.ok) {
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.retryAfter) }, "rate_limit");
    }

    let response: Json;
    try {
      response = handler(args, this.ctx());
    } catch (e) {
      if (!(e instanceof SlackApiError)) throw e;
      response = { ok: false, error: e.error, ...e.extra };
    }
    answer(200, response);
  }

  private async handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const fault = this.faults.take("file_upload", false);
    const noop = (): void => undefined;
    if (await this.applyFault(fault, res, noop)) return;
    const file = this.state.files.get(fileId);
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
    const fault = this.faults.take("response_url", false);
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
    const out = handleResponseUrl(this.ctx(), id, url, json, this.responseUrlTtlMs);
    this.state.responses.push(out.record);
    if (fault?.kind === "accept_then_drop") {
      req.socket.destroy();
      return;
    }
    sendJson(res, out.status, out.json);
  }
}
