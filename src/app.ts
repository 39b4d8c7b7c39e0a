// The Bolt app: HTTP receiver on /slack/events (Socket Mode when SLACK_APP_TOKEN is set), the
// health route, the error handler and every listener.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, type AuthorizeResult, type CustomRoute, type LogLevel } from "@slack/bolt";
import { ConfigError, type Config } from "./config";
import type { Database } from "./db/client";
import type { TokenCipher } from "./db/tokenCipher";
import { registerListeners } from "./listeners";
import { ackEverything } from "./listeners/ackEverything";
import { AfterAck } from "./listeners/afterAck";
import type { SourceReader } from "./sources/reader";
import type { Holder } from "./services/claimHolders";
import { Lookups } from "./services/lookups";
import { AUTHORIZE_FAILED_MARK, INSTALLED_WORKSPACE_MARK } from "./listeners/requestWorkspace";
import type { Logger } from "./logger";
import { timeAcks } from "./observability/acks";
import { METRICS_PATH, type Metrics } from "./observability/metrics";
import { NotInstalledError, type BotTokens } from "./slack/botTokens";
import { tokenRefusedCode, webClientOptions } from "./slack/client";
import type { HomeAuthorization } from "./slack/connect";
import { oauthRoutes } from "./slack/oauthInstall";
import { SOCKET_GRACE_MS, SocketReceiver, type Backoff } from "./slack/socketMode";

export type AppDeps = {
  config: Config;
  database: Database;
  log: Logger;
  clock: () => Date;
  /** Single-workspace mode: the bot token's workspace. */
  homeWorkspaceId?: number;
  /**
   * Single-workspace mode: what auth.test said of the token at start. Every request is authorized
   * with it (without it Bolt calls auth.test itself, and a revoked token fails every request).
   */
  homeAuthorization?: HomeAuthorization;
  /** Multi-workspace mode: each request is authorized with its workspace's stored token. */
  installations?: { tokens: BotTokens; cipher: TokenCipher };
  /** Listener work still running (it goes on after the ack): stopping waits for it before closing the database. */
  inFlight?: Set<Promise<unknown>>;
  /** Follow-up work queued by listeners; stopping waits for it too. */
  afterAck?: AfterAck;
  /** Socket Mode: the waits between attempts to reconnect (default SOCKET_BACKOFF). */
  socketBackoff?: Backoff;
  /** This process as the holder of the outbox claims its listeners make. */
  holder?: Holder;
  /** Counted here: acks, Slack calls, check-ins; served at /metrics on the bot's port unless config.metricsPort says elsewhere. */
  metrics?: Metrics;
  /** The operator's sources of measured values. */
  sources?: SourceReader;
};

export function createApp({
  config,
  database,
  log,
  clock,
  homeWorkspaceId,
  homeAuthorization,
  installations,
  inFlight,
  afterAck = new AfterAck(log),
  socketBackoff,
  holder,
  metrics,
  sources,
}: AppDeps): App {
  const { oauth, appToken } = config.slack;
  let socket: SocketReceiver | undefined;
  const customRoutes: CustomRoute[] = [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req: IncomingMessage, res: ServerResponse) => void health(database, res, socket),
    },
    ...(metrics && config.metricsPort === undefined
      ? [{ path: METRICS_PATH, method: ["GET"], handler: metrics.handler() }]
      : []),
    ...(oauth && installations
      ? oauthRoutes(oauth, config.slack.apiUrl, { db: database.db, cipher: installations.cipher, log, metrics })
      : []),
  ];
  if (appToken) {
    socket = new SocketReceiver({
      appToken,
      apiUrl: config.slack.apiUrl,
      port: config.port,
      routes: customRoutes,
      log: log.child("bolt"),
      logLevel: config.logLevel as LogLevel,
      ...(socketBackoff ? { backoff: socketBackoff } : {}),
      ...(metrics ? { metrics } : {}),
    });
  }
  const app = new App({
    ...(installations
      ? {
          authorize: (source: { teamId?: string; enterpriseId?: string }) =>
            authorizeInstallation(installations.tokens, source),
        }
      : homeAuthorization
        ? { authorize: async () => ({ ...homeAuthorization }) }
        : { token: config.slack.botToken }),
    receiver: socket ?? httpReceiver(config.slack.signingSecret, customRoutes, log),
    // The Web API calls of listeners; Socket Mode's own client has its own settings (see SocketReceiver).
    clientOptions: webClientOptions({ apiUrl: config.slack.apiUrl, logger: log.child("web-api"), metrics }),
    logger: log.child("bolt"),
    // Without it Bolt sets its logger to "info", whatever LOG_LEVEL says.
    logLevel: config.logLevel as LogLevel,
  });
  app.error(async (err) => {
    // Logged, never rethrown: one failing listener must not take the process down.
    const refused = tokenRefusedCode(err);
    if (refused) log.warn(`dropped a request: Slack refused the workspace's bot token (${refused})`);
    else log.error("listener failed", err);
  });
  ackEverything(app, log, afterAck);
  if (inFlight) {
    app.use(async ({ next }) => {
      const work = next();
      inFlight.add(work);
      try {
        await work;
      } finally {
        inFlight.delete(work);
      }
    });
  }
  if (metrics) timeAcks(app, metrics);
  registerListeners(app, {
    db: database.db,
    log,
    clock,
    homeWorkspaceId,
    afterAck,
    holder,
    metrics,
    sources,
    lookups: new Lookups(),
  });
  return app;
}

/**
 * Multi-workspace mode: the bot token of the installation the request is for. A workspace without
 * one is not an error: the request goes on without a token or workspace, and is acknowledged and dropped with one
 * warning (see requestWorkspace.ts).
 */
async function authorizeInstallation(
  tokens: BotTokens,
  source: { teamId?: string; enterpriseId?: string },
): Promise<AuthorizeResult> {
  try {
    const { workspaceId, ...authorization } = await tokens.forRequest(source);
    return { ...authorization, [INSTALLED_WORKSPACE_MARK]: workspaceId };
  } catch (err) {
    if (err instanceof NotInstalledError) return {};
    // The database did not answer: the request goes on unauthorized, to be told "try again" (not silence).
    return { [AUTHORIZE_FAILED_MARK]: err instanceof Error ? err.message : String(err) };
  }
}

/** Slack payloads are a few KB (a view submission with many blocks, tens of KB): refuse anything near a megabyte. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Slack signs with its current time; a timestamp this far ahead is not Slack's (Bolt checks only the past). */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60;

/**
 * Bolt's HTTP receiver (signature check, stale timestamps, body limit), with one more check in
 * front: a request timestamp more than five minutes in the future is refused like a stale one.
 */
function httpReceiver(signingSecret: string | undefined, customRoutes: CustomRoute[], log: Logger): HTTPReceiver {
  if (!signingSecret) throw new ConfigError(["SLACK_SIGNING_SECRET is required to receive Slack's requests over HTTP"]);
  const receiver = new HTTPReceiver({
    signingSecret,
    customRoutes,
    bodyLimit: MAX_BODY_BYTES,
    logger: log.child("bolt"),
  });
  const handle = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const timestamp = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(timestamp) && timestamp > Date.now() / 1000 + MAX_FUTURE_SKEW_SECONDS) {
      log.warn("refused a request whose timestamp is more than 5 minutes in the future");
      res.writeHead(401).end();
      return;
    }
    handle(req, res);
  };
  return receiver;
}

/** 200 while the database answers and, in Socket Mode, a connection to Slack is open or was lost less than SOCKET_GRACE_MS ago. */
async function health(database: Database, res: ServerResponse, socket: SocketReceiver | undefined) {
  let databaseUp = true;
  try {
    await Promise.race([
      database.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref()),
    ]);
  } catch {
    databaseUp = false;
  }
  const body: Record<string, string> = { status: "ok", database: databaseUp ? "up" : "down" };
  const reasons = databaseUp ? [] : ["the database does not answer"];
  if (socket) {
    const link = socket.status();
    body.socket = link.up ? "connected" : link.downForMs < SOCKET_GRACE_MS ? "reconnecting" : "down";
    if (!link.up && link.downForMs >= SOCKET_GRACE_MS) {
      reasons.push(
        `no Socket Mode connection for ${Math.floor(link.downForMs / 1000)} s${link.lastError ? ` (${link.lastError})` : ""}`,
      );
    }
  }
  const ok = reasons.length === 0;
  if (!ok) {
    body.status = "unavailable";
    // The HTTP-mode answer stays as it was: the database field says it all.
    if (socket) body.reason = reasons.join("; ");
  }
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
