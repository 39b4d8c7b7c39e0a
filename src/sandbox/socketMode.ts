// Socket Mode as Slack speaks it (see shared/notes/slack-platform.md): `apps.connections.open`,
// called with the app-level token, hands out a WebSocket URL with a one-time ticket; on that link
// the sandbox says `hello`, delivers envelopes and reads the app's acks, pings, asks the app to
// reconnect (`disconnect`), and can drop links or make `apps.connections.open` fail for a while.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { Json } from "./types";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface SandboxSocketModeOptions {
  /** The app-level token apps.connections.open accepts (default a fixed xapp- token). */
  appToken?: string;
  /** How often Slack pings each link (default 10 s; the socket client gives up after 30 s without one). */
  pingIntervalMs?: number;
  /** How long a ticket from apps.connections.open may wait before it is used (default 30 s). */
  ticketTtlMs?: number;
}

/** One call of apps.connections.open, as the sandbox answered it. */
export interface ConnectionsOpenRecord {
  at: number;
  outcome: "url" | "refused" | "http_error" | "reset";
  /** HTTP status answered (0 for a reset connection). */
  status: number;
  error?: string;
}

/** An envelope the sandbox delivered, and the app's ack. */
export interface EnvelopeRecord {
  envelopeId: string;
  type: EnvelopeType;
  payload: Json;
  acceptsResponsePayload: boolean;
  link: number;
  at: number;
  ack?: { at: number; payload?: Json };
}

/** What the app answered, in the shape the HTTP requester uses: the ack's payload is the "body". */
export interface DeliveryResult {
  /** 200 once acked; 0 when no ack came within the timeout. */
  status: number;
  /** The ack's payload as JSON text ("" for an ack without one, as an empty HTTP 200). */
  body: string;
  json?: unknown;
  durationMs: number;
  timedOut?: boolean;
}

export interface DeliverOptions {
  /** Events API redeliveries: `retry_attempt` (0 for the first delivery) and `retry_reason`. */
  retryAttempt?: number;
  retryReason?: string;
  /** Give up waiting for the ack after this long (default 10 s; Slack itself waits 3 s — check durationMs). */
  timeoutMs?: number;
}

type Outage = { until: number; how: "http" | "reset" | "alternate"; status: number; count: number };

type Pending = {
  resolve: (r: DeliveryResult) => void;
  reject: (e: Error) => void;
  started: number;
  timer: NodeJS.Timeout;
  record: EnvelopeRecord;
};

class Link {
  helloSent = false;
  readonly pending = new Map<string, Pending>();
  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    readonly host: string,
  ) {}

  get open(): boolean {
    return this.helloSent && this.ws.readyState === WebSocket.OPEN;
  }
}

const DEFAULT_APP_TOKEN =
  "xapp-1-A0SANDBOX-1000000000000-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export class SandboxSocketMode {
  readonly appToken: string;
  /** Every apps.connections.open call, in order. */
  readonly opens: ConnectionsOpenRecord[] = [];
  /** Every envelope delivered, with its ack once it came. */
  readonly envelopes: EnvelopeRecord[] = [];
  /** What the app sent that Slack would not understand (not JSON, an unknown envelope_id...). */
  readonly protocolErrors: string[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, number>();
  private readonly links = new Map<number, Link>();
  private readonly pingIntervalMs: number;
  private readonly ticketTtlMs: number;
  private nextLink = 1;
  private turn = 0;
  private outage: Outage | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private readonly closers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly host: { readonly url: string; readonly identity: { readonly appId: string } },
    opts: SandboxSocketModeOptions = {},
  ) {
    this.appToken = opts.appToken ?? DEFAULT_APP_TOKEN;
    this.pingIntervalMs = opts.pingIntervalMs ?? 10_000;
    this.ticketTtlMs = opts.ticketTtlMs ?? 30_000;
  }

  // ---------------------------------------------------------------- what tests use

  /** Links that said hello and are still open. */
  get connections(): number {
    return [...this.links.values()].filter((l) => l.open).length;
  }

  /** Links opened since the sandbox started (each reconnect adds one). */
  get linksOpened(): number {
    return this.nextLink - 1;
  }

  /**
   * From now on and for `forMs`, apps.connections.open fails: `http` answers HTTP `status`
   * (default 503), `reset` drops the connection without an answer, `alternate` does both in turn.
   */
  failConnectionsOpen(opts: { forMs: number; how?: Outage["how"]; status?: number }): void {
    this.outage = { until: Date.now() + opts.forMs, how: opts.how ?? "http", status: opts.status ?? 503, count: 0 };
  }

  /** apps.connections.open works again. */
  endOutage(): void {
    this.outage = undefined;
  }

  /**
   * Slack asks the app to reconnect: a `disconnect` message on every open link (or one). After
   * `refresh_requested` or `link_disabled` Slack closes the link itself if the app has not after `closeAfterMs`.
   */
  disconnect(reason: DisconnectReason, opts: { link?: number; closeAfterMs?: number } = {}): void {
    for (const link of this.targets(opts.link)) {
      link.ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: link.host } }));
      if (reason === "warning") continue;
      const closer = setTimeout(() => {
        this.closers.delete(closer);
        if (link.ws.readyState === WebSocket.OPEN) link.ws.close(1000);
      }, opts.closeAfterMs ?? 5_000);
      this.closers.add(closer);
    }
  }

  /** The links go away without a close frame, as when a network path dies. */
  dropLinks(opts: { link?: number } = {}): void {
    for (const link of this.targets(opts.link)) link.ws.terminate();
  }

  /** Resolves once `count` links are open (after a reconnect: the new one said hello). */
  async waitForConnections(count = 1, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections < count) {
      if (Date.now() > deadline)
        throw new Error(`Socket Mode: ${this.connections} connection(s) open after ${timeoutMs} ms, expected ${count}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Deliver an envelope on one of the open links (any of them, as Slack does) and wait for the
   * app's ack. Throws when no link is open (Slack would fail the request) or when the link closes
   * before the ack.
   */
  deliver(type: EnvelopeType, payload: Json, opts: DeliverOptions = {}): Promise<DeliveryResult> {
    const open = [...this.links.values()].filter((l) => l.open);
    const link = open[this.turn++ % Math.max(1, open.length)];
    if (!link) return Promise.reject(new Error("Socket Mode: the app has no open connection to deliver to"));
    const envelopeId = randomUUID();
    // Slack takes a response payload with the ack for commands, view submissions and option requests.
    const acceptsResponsePayload =
      type === "slash_commands" ||
      (type === "interactive" && (payload.type === "view_submission" || payload.type === "block_suggestion"));
    const envelope: Json = { envelope_id: envelopeId, payload, type, accepts_response_payload: acceptsResponsePayload };
    if (type === "events_api") {
      envelope.retry_attempt = opts.retryAttempt ?? 0;
      envelope.retry_reason = opts.retryReason ?? "";
    }
    const record: EnvelopeRecord = { envelopeId, type, payload, acceptsResponsePayload, link: link.id, at: Date.now() };
    this.envelopes.push(record);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        link.pending.delete(envelopeId);
        resolve({ status: 0, body: "", durationMs: Date.now() - started, timedOut: true });
      }, opts.timeoutMs ?? 10_000);
      link.pending.set(envelopeId, { resolve, reject, started, timer, record });
      link.ws.send(JSON.stringify(envelope));
    });
  }

  /** Forget the records (calls, envelopes, protocol errors) and any outage; links stay open. */
  reset(): void {
    this.opens.length = 0;
    this.envelopes.length = 0;
    this.protocolErrors.length = 0;
    this.outage = undefined;
  }

  // ---------------------------------------------------------------- what the HTTP server calls

  /** @internal apps.connections.open: the answer to send, or "reset" to drop the connection. */
  open(token: string | undefined): { status: number; json?: Json; text?: string } | "reset" {
    const at = Date.now();
    if (this.outage && at >= this.outage.until) this.outage = undefined;
    if (this.outage) {
      const o = this.outage;
      const reset = o.how === "reset" || (o.how === "alternate" && o.count % 2 === 1);
      o.count += 1;
      if (reset) {
        this.opens.push({ at, outcome: "reset", status: 0 });
        return "reset";
      }
      this.opens.push({ at, outcome: "http_error", status: o.status });
      return { status: o.status, text: `HTTP ${o.status} (Slack is unavailable)` };
    }
    const error = !token
      ? "not_authed"
      : token === this.appToken
        ? undefined
        : /^xox[a-z]-/.test(token)
          ? "not_allowed_token_type"
          : "invalid_auth";
    if (error) {
      this.opens.push({ at, outcome: "refused", status: 200, error });
      return { status: 200, json: { ok: false, error } };
    }
    const ticket = randomUUID();
    this.tickets.set(ticket, at + this.ticketTtlMs);
    this.opens.push({ at, outcome: "url", status: 200 });
    const url = `${this.host.url.replace(/^http/, "ws")}/link/?ticket=${ticket}&app_id=${this.host.identity.appId}`;
    return { status: 200, json: { ok: true, url } };
  }

  /** @internal An HTTP upgrade on the sandbox's port: a link when the ticket is good, else refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const u = new URL(req.url ?? "/", "http://sandbox");
    const ticket = u.searchParams.get("ticket") ?? "";
    const expires = this.tickets.get(ticket);
    // A ticket works once, and only for a short while.
    this.tickets.delete(ticket);
    if (!/^\/link\/?$/.test(u.pathname) || expires === undefined || expires < Date.now()) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.accept(ws, u.searchParams.get("debug_reconnects") === "true"),
    );
  }

  /** @internal */
  stop(): void {
    for (const closer of this.closers) clearTimeout(closer);
    this.closers.clear();
    for (const link of this.links.values()) link.ws.terminate();
    this.links.clear();
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = undefined;
    this.tickets.clear();
  }

  // ---------------------------------------------------------------- links

  private targets(id: number | undefined): Link[] {
    const all = [...this.links.values()].filter((l) => l.ws.readyState === WebSocket.OPEN);
    return id === undefined ? all : all.filter((l) => l.id === id);
  }

  private accept(ws: WebSocket, debugReconnects: boolean): void {
    const link = new Link(this.nextLink++, ws, `applink-sandbox-${randomBytes(4).toString("hex")}`);
    this.links.set(link.id, link);
    ws.on("message", (data: RawData, isBinary: boolean) => this.receive(link, data, isBinary));
    ws.on("error", () => undefined);
    ws.on("close", () => {
      this.links.delete(link.id);
      for (const [id, p] of link.pending) {
        clearTimeout(p.timer);
        p.reject(new Error(`Socket Mode: the link closed before the app acknowledged envelope ${id}`));
      }
      link.pending.clear();
    });
    link.helloSent = true;
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.connections,
        debug_info: {
          host: link.host,
          started: new Date().toISOString().replace("T", " ").replace("Z", ""),
          build_number: 1,
          // Seconds until Slack refreshes the link; `debug_reconnects=true` shortens it, as in Slack.
          approximate_connection_time: debugReconnects ? 360 : 18060,
        },
        connection_info: { app_id: this.host.identity.appId },
      }),
    );
    this.pinger ??= setInterval(() => {
      for (const l of this.links.values()) if (l.ws.readyState === WebSocket.OPEN) l.ws.ping(`ping from ${l.host}`);
    }, this.pingIntervalMs);
  }

  private receive(link: Link, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.protocolErrors.push(`link ${link.id}: a binary frame`);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      this.protocolErrors.push(`link ${link.id}: not JSON: ${String(data).slice(0, 200)}`);
      return;
    }
    const m = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof m.envelope_id !== "string") {
      this.protocolErrors.push(`link ${link.id}: a message without envelope_id: ${String(data).slice(0, 200)}`);
      return;
    }
    const pending = link.pending.get(m.envelope_id);
    if (!pending) {
      const late = this.envelopes.find((e) => e.envelopeId === m.envelope_id);
      if (late && !late.ack) late.ack = { at: Date.now(), ...(isObject(m.payload) ? { payload: m.payload } : {}) };
      else
        this.protocolErrors.push(
          `link ${link.id}: an ack for an unknown or already acknowledged envelope ${m.envelope_id}`,
        );
      return;
    }
    link.pending.delete(m.envelope_id);
    clearTimeout(pending.timer);
    if (m.payload !== undefined && !isObject(m.payload))
      this.protocolErrors.push(`link ${link.id}: ack payload is not an object`);
    const payload = isObject(m.payload) ? m.payload : undefined;
    pending.record.ack = { at: Date.now(), ...(payload ? { payload } : {}) };
    const body = payload && Object.keys(payload).length > 0 ? JSON.stringify(payload) : "";
    pending.resolve({
      status: 200,
      body,
      ...(body ? { json: payload } : {}),
      durationMs: Date.now() - pending.started,
    });
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
