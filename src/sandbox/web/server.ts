// The sandbox as a web page: a local HTTP server that shows what each person sees (channels, their
// DM with the bot, App Home, modals) and turns their clicks into the requests Slack would send the
// bot, through the SlackRequester.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { readBody, sendJson, sendText } from "../httpUtil";
import type { SlackRequester } from "../requester";
import type { SlackSandbox } from "../server";
import type { Json } from "../types";
import type { SimpleValues } from "../viewState";
import { PAGE_HTML } from "./page";
import { conversationState } from "./pageState";

/** A clock the page can move (the demo's story): where it is, and where it can jump. */
export type WebClock = {
  now(): Date;
  jumps: ReadonlyArray<{ id: string; label: string }>;
  /** Move to the jump and run what runs then; says what happened. */
  jump(id: string): Promise<string>;
};

export type SandboxWebOptions = {
  sandbox: SlackSandbox;
  requester: SlackRequester;
  clock?: WebClock;
  /** A channel's name (default: its id without the C0 prefix, lower case). */
  channelName?: (id: string) => string;
};

type Body = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === "string" ? v : "");

export class SandboxWebServer {
  private server: Server | undefined;
  private port: number | undefined;
  private readonly sockets = new Set<Socket>();
  private lastClockNote = "";

  constructor(private readonly opts: SandboxWebOptions) {}

  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed)
          sendJson(res, 500, { ok: false, error: e instanceof Error ? e.message : String(e) });
      });
    });
    server.on("connection", (sock: Socket) => {
      this.sockets.add(sock);
      sock.on("close", () => this.sockets.delete(sock));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    const addr = server.address();
    if (addr === null || typeof addr === "string") throw new Error("unexpected server address");
    this.server = server;
    this.port = addr.port;
    return this.url;
  }

  get url(): string {
    if (this.port === undefined) throw new Error("SandboxWebServer not started");
    return `http://127.0.0.1:${this.port}/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const sock of this.sockets) sock.destroy();
    await closed;
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? "/", "http://page");
    // Only this page may drive the bot: another site's page in the same browser can neither reach
    // it by a DNS name (Host) nor send JSON without a preflight this server never answers.
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) return sendText(res, 421, "wrong host");
    if (req.method === "POST" && !(req.headers["content-type"] ?? "").startsWith("application/json"))
      return sendText(res, 415, "JSON only");
    if (req.method === "GET" && u.pathname === "/") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy":
          "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' http: https: data:",
      });
      res.end(PAGE_HTML);
      return;
    }
    if (req.method === "GET" && u.pathname === "/state") {
      sendJson(res, 200, this.state(u.searchParams.get("as") ?? "", u.searchParams.get("at") ?? "dm"));
      return;
    }
    const file = /^\/files\/([A-Za-z0-9]+)$/.exec(u.pathname);
    if (req.method === "GET" && file?.[1] !== undefined) return this.sendFile(file[1], res);
    if (req.method !== "POST") return sendText(res, 404, "not found");
    let body: Body;
    try {
      body = JSON.parse((await readBody(req)).toString("utf8")) as Body;
    } catch {
      return sendJson(res, 400, { ok: false, error: "invalid JSON" });
    }
    try {
      const result = await this.post(u.pathname, body);
      if (result === undefined) return sendText(res, 404, "not found");
      sendJson(res, 200, { ok: true, ...result });
    } catch (e) {
      // What Slack itself would have refused (a required field left empty, a view no longer open):
      // said on the page rather than failing silently.
      sendJson(res, 200, { ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private async post(path: string, b: Body): Promise<Json | undefined> {
    const { sandbox, requester } = this.opts;
    const user = s(b.as);
    if (path !== "/clock" && !sandbox.users.has(user)) throw new Error(`no such person: ${user}`);
    switch (path) {
      case "/action": {
        const container = b.container as Body | undefined;
        const values = (b.values ?? undefined) as SimpleValues | undefined;
        const value = b.value as string | string[] | null | undefined;
        const result = await requester.blockAction({
          user,
          actionId: s(b.actionId),
          ...(s(b.blockId) ? { blockId: s(b.blockId) } : {}),
          ...(value !== undefined && value !== null && value !== "" ? { value } : {}),
          ...(container?.type === "view"
            ? { container: { type: "view", view_id: s(container.viewId) }, ...(values ? { values } : {}) }
            : {
                container: {
                  type: "message",
                  channel_id: s(container?.channel),
                  message_ts: s(container?.ts),
                  ...(container?.ephemeral === true ? { is_ephemeral: true } : {}),
                },
              }),
        });
        return { status: result.status };
      }
      case "/submit": {
        const result = await requester.viewSubmission({
          user,
          view: { id: s(b.viewId) },
          values: (b.values ?? {}) as SimpleValues,
        });
        return { outcome: result.outcome.action };
      }
      case "/close":
        await requester.viewClosed({ user, viewId: s(b.viewId) });
        return {};
      case "/command": {
        const text = s(b.text).trim();
        const m = /^(\/[a-z0-9_-]+)\s*([\s\S]*)$/i.exec(text);
        if (!m) throw new Error("Only slash commands are sent to the bot here: type /okr …");
        const channel = this.conversationId(user, s(b.at));
        const result = await requester.command({ user, command: m[1] ?? "/okr", text: m[2] ?? "", channel });
        sandbox.showCommandAck({ user, channel, status: result.status, body: result.body });
        return {};
      }
      case "/home":
        await requester.appHomeOpened({ user });
        return {};
      case "/clock": {
        const clock = this.opts.clock;
        if (!clock) throw new Error("this sandbox has no clock to move");
        this.lastClockNote = await clock.jump(s(b.jump));
        return { note: this.lastClockNote };
      }
      default:
        return undefined;
    }
  }

  /** The conversation id Slack would put in a command sent from where the person is. */
  private conversationId(user: string, at: string): string {
    if (at === "dm" || at === "home" || at === "") return this.opts.sandbox.dmChannelId(user);
    return at;
  }

  private sendFile(id: string, res: ServerResponse): void {
    const f = this.opts.sandbox.files().find((x) => x.id === id);
    if (!f?.bytes) {
      sendText(res, 404, "no such file");
      return;
    }
    const type = /\.png$/i.test(f.filename)
      ? "image/png"
      : /\.svg$/i.test(f.filename)
        ? "text/plain; charset=utf-8"
        : "application/octet-stream";
    res.writeHead(200, {
      "content-type": type,
      "content-length": String(f.bytes.length),
      "cache-control": "max-age=3600",
    });
    res.end(f.bytes);
  }

  private state(as: string, at: string): Json {
    const { sandbox, clock } = this.opts;
    const channelName = this.opts.channelName ?? ((id: string) => id.replace(/^C0?/, "").toLowerCase());
    return {
      ...conversationState(sandbox, { as, at, channelName }),
      clock: clock ? { now: clock.now().toISOString(), jumps: clock.jumps, note: this.lastClockNote } : null,
    };
  }
}
