// Socket Mode: Bolt's SocketModeReceiver for the envelopes, with our own reconnection (the socket
// client's gives up after an HTTP error from apps.connections.open, and would otherwise inherit the
// Web API retry settings) and our own HTTP server for /healthz and the install routes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SocketModeReceiver, type App, type CustomRoute, type LogLevel, type Receiver } from "@slack/bolt";
import { ConfigError } from "../config";
import { pathOf } from "../http";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { countingFetch } from "../observability/slackCalls";
import { slackErrorCode } from "./client";

/** Waits between attempts to reach Slack again: doubling from `firstMs`, never above `capMs`. */
export type Backoff = { firstMs: number; capMs: number };

/** Capped at 8 s: once Slack is back, the bot listens again within 8 s. */
export const SOCKET_BACKOFF: Backoff = { firstMs: 1_000, capMs: 8_000 };

/** How long the bot may be without a Socket Mode connection before /healthz says so (a refresh takes a second or two). */
export const SOCKET_GRACE_MS = 30_000;

/** Errors from apps.connections.open that no retry will fix: at start they are a configuration error. */
const UNRECOVERABLE = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "user_removed_from_team",
  "team_disabled",
  "not_allowed_token_type",
]);

/**
 * The wait after the `failures`-th failed attempt in a row: the doubling ceiling, capped, with the
 * wait drawn in its upper half so that many bots cut off together do not come back in step.
 */
export function backoffMs(
  failures: number,
  backoff: Backoff = SOCKET_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(backoff.capMs, backoff.firstMs * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

export type SocketLinkStatus = { up: true } | { up: false; downForMs: number; lastError?: string };

export type SocketReceiverOptions = {
  appToken: string;
  apiUrl?: string;
  port: number;
  /** Served on `port` (Socket Mode needs no public endpoint, but /healthz and the install pages do). */
  routes: CustomRoute[];
  log: Logger;
  logLevel: LogLevel;
  backoff?: Backoff;
  /** Counts apps.connections.open like every other Web API call. */
  metrics?: Metrics;
};

export class SocketReceiver implements Receiver {
  private readonly bolt: SocketModeReceiver;
  private readonly server: Server;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private connected = false;
  /** When the link last came up or went down (or the receiver was made). */
  private since = Date.now();
  private lastError: string | undefined;
  private stopped = false;
  private connecting: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly opts: SocketReceiverOptions) {
    this.log = opts.log;
    this.backoff = opts.backoff ?? SOCKET_BACKOFF;
    this.bolt = new SocketModeReceiver({
      appToken: opts.appToken,
      logger: withQuietReconnects(opts.log),
      logLevel: opts.logLevel,
      // We reconnect ourselves, with capped backoff, whatever apps.connections.open answered.
      autoReconnectEnabled: false,
      // One attempt per call: the waiting between attempts is ours. Bolt would otherwise hand the socket
      // client the app's Web API settings, which decide when it stops trying.
      installerOptions: {
        clientOptions: {
          ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
          timeout: 10_000,
          retryConfig: { retries: 0 },
          ...(opts.metrics ? { fetch: countingFetch(opts.metrics) } : {}),
        },
      },
    });
    const client = this.bolt.client;
    giveEventlessEnvelopesAnEvent(client);
    client.on("connected", () => {
      if (this.stopped) {
        // A connection that was on its way when the bot stopped.
        void client.disconnect();
        return;
      }
      this.connected = true;
      this.since = Date.now();
      this.lastError = undefined;
      this.log.info("Socket Mode: connected to Slack");
    });
    client.on("disconnected", () => {
      if (!this.connected) return; // a failed attempt: the loop that made it decides what is next
      this.connected = false;
      this.since = Date.now();
      if (this.stopped) return;
      this.log.info("Socket Mode: the connection to Slack closed; reconnecting");
      this.connectUntilUp(false).catch((err: unknown) => this.log.error("Socket Mode: reconnecting failed", err));
    });
    this.server = createServer(routeHandler(opts.routes));
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  /** Listens for /healthz first, then connects (retrying until Slack answers); resolves to the HTTP server. */
  async start(): Promise<Server> {
    this.stopped = false;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.opts.port, () => resolve());
    });
    try {
      await this.connectUntilUp(true);
    } catch (err) {
      await new Promise((resolve) => this.server.close(resolve));
      throw err;
    }
    return this.server;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const closed = new Promise((resolve) => this.server.close(resolve));
    // The close handshake waits for Slack; a dead network must not hold the shutdown.
    await Promise.race([this.bolt.client.disconnect(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await closed;
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? this.opts.port;
  }

  /** For /healthz: is a Socket Mode connection open, and if not, for how long has there been none. */
  status(): SocketLinkStatus {
    if (this.connected) return { up: true };
    return { up: false, downForMs: Date.now() - this.since, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  /** Keeps trying until a connection is up (or the receiver stops); one loop at a time. */
  private connectUntilUp(atStart: boolean): Promise<void> {
    this.connecting ??= this.connectLoop(atStart).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connectLoop(atStart: boolean): Promise<void> {
    for (let failures = 0; !this.stopped; ) {
      let failure: string;
      try {
        await this.bolt.client.start();
        // Up, unless the new link already closed again (its close then found this loop still running).
        if (this.connected || this.stopped) return;
        failure = "the connection closed right after Slack said hello";
      } catch (err) {
        if (this.stopped) return;
        const code = slackErrorCode(err);
        if (atStart && code && UNRECOVERABLE.has(code)) {
          throw new ConfigError([
            `Slack refused SLACK_APP_TOKEN (${code}): check the app-level token (Basic Information → App-Level Tokens, scope connections:write)`,
          ]);
        }
        failure = describe(err);
      }
      failures += 1;
      this.lastError = failure;
      const wait = backoffMs(failures, this.backoff);
      this.log.warn(
        `Socket Mode: could not connect to Slack (${failure}); attempt ${failures} failed, trying again in ${(wait / 1000).toFixed(1)} s`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}

function describe(err: unknown): string {
  if (err === undefined) return "the WebSocket closed before Slack said hello";
  const e = err as { code?: string; statusCode?: number; original?: { message?: string }; message?: string };
  const code = slackErrorCode(err);
  if (code) return code;
  if (e.code === "slack_webapi_http_error" && e.statusCode) return `HTTP ${e.statusCode}`;
  if (e.code === "slack_webapi_request_error") return e.original?.message ?? "request failed";
  return e.message ?? String(err);
}

/**
 * The socket client logs each failed attempt as an ERROR; they are expected while Slack or the
 * network is away, and the receiver says what happens in one line of its own: debug them. At debug it
 * also logs every envelope whole (what people typed, Slack's verification token): not those.
 */
function withQuietReconnects(log: Logger): Logger {
  const transient = /^(Failed to retrieve a new WSS URL|WebSocket error)/;
  const whole = /^(Received a message on the WebSocket|Calling ack\(\)|Unable to parse an incoming WebSocket message)/;
  return {
    ...log,
    error: (...args: unknown[]) =>
      typeof args[0] === "string" && transient.test(args[0]) ? log.debug(...args) : log.error(...args),
    debug: (...args: unknown[]) => {
      if (typeof args[0] === "string" && whole.test(args[0]))
        log.debug(`${args[0].split(":")[0]} (not logged: it carries what people typed)`);
      else log.debug(...args);
    },
  };
}

function routeHandler(routes: CustomRoute[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = pathOf(req);
    if (path === null) return void res.writeHead(400).end();
    const method = (req.method ?? "GET").toUpperCase();
    const route = routes.find((r) => r.path === path && [r.method].flat().some((m) => m.toUpperCase() === method));
    if (!route) return void res.writeHead(404).end();
    Promise.resolve(route.handler(Object.assign(req, { params: {} }), res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

/**
 * @slack/socket-mode reads `payload.event.type` of every `events_api` envelope, and throws on one that has no
 * event (`app_rate_limited`), which then goes unacknowledged. Such an envelope gets `event: { type }` first.
 */
function giveEventlessEnvelopesAnEvent(client: SocketModeReceiver["client"]): void {
  const handlers = client.listeners("ws_message") as Array<(data: unknown, isBinary: boolean) => void>;
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    const fixed = isBinary ? data : withEvent(data);
    for (const handle of handlers) handle.call(client, fixed, isBinary);
  });
}

function withEvent(data: unknown): unknown {
  try {
    const message = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer)) as {
      type?: unknown;
      payload?: { type?: unknown; event?: unknown };
    };
    if (message.type !== "events_api" || !message.payload || message.payload.event !== undefined) return data;
    return JSON.stringify({ ...message, payload: { ...message.payload, event: { type: message.payload.type } } });
  } catch {
    return data; // not JSON: the client logs and ignores it
  }
}
