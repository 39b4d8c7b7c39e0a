// `okr-bot start`: migrate, open the database, start the Bolt app and the scheduler, and shut all
// of it down cleanly on SIGTERM/SIGINT.
import type { AddressInfo, Server } from "node:net";
import type { App } from "@slack/bolt";
import { createApp } from "./app";
import { AfterAck } from "./listeners/afterAck";
import { ConfigError, type Config, loadSourcesConfig, type SourcesConfig } from "./config";
import { openDatabase, type Database } from "./db/client";
import { describeDatabase } from "./db/describe";
import { migrate, MigrationError } from "./db/migrate";
import { startScheduler, type Scheduler } from "./jobs/scheduler";
import type { Logger } from "./logger";
import { METRICS_PATH, Metrics, serveMetrics } from "./observability/metrics";
import { registerHolder, type Holder, type RegisteredHolder } from "./services/claimHolders";
import { connectSlack, type SlackConnection } from "./slack/connect";
import { INSTALL_PATH } from "./slack/oauthInstall";
import type { SlackClients } from "./slack/workspaceClients";
import { createSourceReader, type SourceReader } from "./sources/reader";

export type RunningBot = {
  app: App;
  database: Database;
  scheduler: Scheduler | null;
  /** What jobs send with: a client per workspace. */
  clients: SlackClients;
  /** This process as the holder of outbox claims (heartbeating until stop). */
  holder: Holder;
  connection: SlackConnection;
  port: number;
  metrics: Metrics;
  /** Where /metrics is served: `port`, or config.metricsPort's (the real one when it was 0). */
  metricsPort: number;
  /** What key results' measured values are read with. */
  sources: SourceReader;
  /** The work listeners queued after their answers (its `idle()` resolves when it is done). */
  afterAck: AfterAck;
  stop(): Promise<void>;
};

export type StartOptions = {
  scheduler?: boolean;
  /** Sees every SQL statement the bot runs (tests and the benchmark count them). */
  onQuery?: (sql: string) => void;
  clock?: () => Date;
  /** While the database cannot be reached at start: how often to try, and the first wait (doubling). */
  databaseRetries?: { attempts: number; delayMs: number };
  /** The sources of measured values (default: SOURCES_FILE's). */
  sources?: SourcesConfig;
};

/** How long a Socket Mode bot that is stopping waits for the requests it is handling to answer. */
const SOCKET_DRAIN_MS = 3_000;

/** 1 + 2 + 4 + 8 + 16 s: a database that comes up within half a minute of the bot is waited for. */
export const DATABASE_RETRIES = { attempts: 6, delayMs: 1000 };

export async function startBot(config: Config, log: Logger, opts: StartOptions = {}): Promise<RunningBot> {
  const clock = opts.clock ?? (() => new Date());
  const result = await migrateWhenReachable(config, log, opts.databaseRetries ?? DATABASE_RETRIES);
  if (result.applied.length > 0) log.info(`applied migrations: ${result.applied.join(", ")}`);
  const database = openDatabase(config.database, opts.onQuery ? { onQuery: opts.onQuery } : {});
  await database.ping().catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const sourcesConfig = opts.sources ?? loadSourcesConfig();
  for (const problem of sourcesConfig.problems) log.warn(`sources: ${problem}`);
  const sources = createSourceReader(sourcesConfig, clock);
  const metrics = new Metrics();
  metrics.watchDatabase(database);
  let connection: SlackConnection;
  let registered: RegisteredHolder;
  try {
    registered = await registerHolder(database.db, log);
    connection = await connectSlack(config, database.db, log, metrics).catch(async (err: unknown) => {
      await registered.stop();
      throw err;
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  const { holder } = registered;
  const inFlight = new Set<Promise<unknown>>();
  const afterAck = new AfterAck(log);
  const app = createApp({
    config,
    database,
    log,
    clock,
    inFlight,
    afterAck,
    holder,
    metrics,
    sources,
    ...(connection.mode === "single"
      ? { homeWorkspaceId: connection.home.id, homeAuthorization: connection.authorization }
      : { installations: connection }),
  });
  let server: Server | undefined;
  let metricsServer: Server | undefined;
  try {
    if (config.metricsPort !== undefined) metricsServer = await serveMetrics(metrics, config.metricsPort);
    server = (await app.start(config.port)) as Server | undefined;
  } catch (err) {
    if (metricsServer) await new Promise((resolve) => metricsServer!.close(resolve));
    await registered.stop().catch(() => undefined);
    await database.close();
    throw err;
  }
  // With PORT=0 the system picks a free port; report the real one.
  const port = (server?.address?.() as AddressInfo | null)?.port ?? config.port;
  const clients = connection.clients;
  const scheduler =
    opts.scheduler === false
      ? null
      : startScheduler(
          { db: database.db, slack: clients, log: log.child("jobs"), holder, metrics, sources },
          log.child("jobs"),
          clock,
        );
  if (connection.mode === "single")
    log.info(
      `connected to Slack workspace ${connection.home.name ?? connection.home.slackTeamId} (${connection.home.slackTeamId})`,
    );
  else log.info(`installable in any workspace: open ${INSTALL_PATH} on this bot's public URL`);
  log.info(
    `okr-bot is running (${config.slack.appToken ? "Socket Mode" : "HTTP"} on port ${port}, ${database.provider})`,
  );
  const metricsPort = metricsServer ? (metricsServer.address() as AddressInfo).port : port;
  if (metricsServer) log.info(`${METRICS_PATH} is served on port ${metricsPort} only`);
  let stopping: Promise<void> | null = null;
  return {
    app,
    database,
    scheduler,
    clients,
    holder,
    connection,
    port,
    metrics,
    metricsPort,
    sources,
    afterAck,
    stop: () =>
      (stopping ??= (async () => {
        await scheduler?.stop();
        // Over Socket Mode an ack travels on the socket: let the requests being handled answer before it closes.
        if (config.slack.appToken)
          await Promise.race([
            Promise.allSettled([...inFlight]),
            new Promise((r) => setTimeout(r, SOCKET_DRAIN_MS).unref()),
          ]);
        await app.stop();
        if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
        // Requests already acked may still be writing: let them finish before the database closes.
        await Promise.allSettled([...inFlight]);
        await afterAck.idle();
        await registered.stop();
        await database.close();
      })()),
  };
}

/** Migrations need the database: wait for it a while (replicas and databases start in any order), then say clearly why not. */
async function migrateWhenReachable(config: Config, log: Logger, retries: { attempts: number; delayMs: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrate(config.database);
    } catch (err) {
      if (err instanceof MigrationError) throw err;
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      if (attempt >= retries.attempts) {
        throw new ConfigError([
          `The database at ${describeDatabase(config.database)} could not be reached after ${attempt} attempts (${reason}): check DATABASE_URL and that the database is up.`,
        ]);
      }
      const wait = retries.delayMs * 2 ** (attempt - 1);
      log.warn(
        `the database at ${describeDatabase(config.database)} is not reachable (${reason}); trying again in ${wait / 1000} s`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
