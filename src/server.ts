// `okr-bot start`: migrate, open the database, start the Bolt app and the scheduler, and shut all
// of it down cleanly on SIGTERM/SIGINT.
import type { AddressInfo, Server } from "node:net";
import type { App } from "@slack/bolt";
import { createApp } from "./app";
import { AfterAck } from "./listeners/afterAck";
import { ConfigError, type Config } from "./config";
import { ensureWorkspace } from "./db/workspaces";
import { openDatabase, type Database } from "./db/client";
import { migrate, MigrationError } from "./db/migrate";
import { startScheduler, type Scheduler } from "./jobs/scheduler";
import type { Logger } from "./logger";
import { createJobsSlackClient, slackErrorCode, type SlackClient } from "./slack/client";
import { Pacer } from "./slack/pacer";

export type RunningBot = { app: App; database: Database; scheduler: Scheduler | null; slack: SlackClient; pacer: Pacer; port: number; stop(): Promise<void> };

export type StartOptions = {
  scheduler?: boolean;
  clock?: () => Date;
  /** While the database cannot be reached at start: how often to try, and the first wait (doubling). */
  databaseRetries?: { attempts: number; delayMs: number };
};

/** 1 + 2 + 4 + 8 + 16 s: a database that comes up within half a minute of the bot is waited for. */
export const DATABASE_RETRIES = { attempts: 6, delayMs: 1000 };

export async function startBot(config: Config, log: Logger, opts: StartOptions = {}): Promise<RunningBot> {
  const clock = opts.clock ?? (() => new Date());
  const result = await migrateWhenReachable(config, log, opts.databaseRetries ?? DATABASE_RETRIES);
  if (result.applied.length > 0) log.info(`applied migrations: ${result.applied.join(", ")}`);
  const database = openDatabase(config.database);
  await database.ping();
  const slack = createJobsSlackClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, logger: log.child("web-api") });
  const home = await homeWorkspace(database, slack, config);
  const inFlight = new Set<Promise<unknown>>();
  const afterAck = new AfterAck(log);
  const app = createApp({ config, database, log, clock, homeWorkspaceId: home.id, inFlight, afterAck });
  const server = (await app.start(config.port)) as Server | undefined;
  // With PORT=0 the system picks a free port; report the real one.
  const port = (server?.address?.() as AddressInfo | null)?.port ?? config.port;
  const pacer = new Pacer({ perSecond: config.slack.postsPerSecond, perChannelPerSecond: config.slack.postsPerChannelPerSecond });
  const scheduler = opts.scheduler === false ? null : startScheduler({ db: database.db, slack, pacer, log: log.child("jobs") }, log.child("jobs"), clock);
  log.info(`connected to Slack workspace ${home.name ?? home.slackTeamId} (${home.slackTeamId})`);
  log.info(`okr-bot is running (${config.slack.appToken ? "Socket Mode" : "HTTP"} on port ${port}, ${database.provider})`);
  let stopping: Promise<void> | null = null;
  return {
    app,
    database,
    scheduler,
    slack,
    pacer,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await scheduler?.stop();
        await app.stop();
        // Requests already acked may still be writing: let them finish before the database closes.
        await Promise.allSettled([...inFlight]);
        await afterAck.idle();
        await database.close();
      })()),
  };
}

/** Where the database is, for messages: never the password. */
function describeDatabase(config: Config["database"]): string {
  if (config.provider === "sqlite") return config.file;
  try {
    const url = new URL(config.url);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
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
        throw new ConfigError([`The database at ${describeDatabase(config.database)} could not be reached after ${attempt} attempts (${reason}): check DATABASE_URL and that the database is up.`]);
      }
      const wait = retries.delayMs * 2 ** (attempt - 1);
      log.warn(`the database at ${describeDatabase(config.database)} is not reachable (${reason}); trying again in ${wait / 1000} s`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The workspace the bot token belongs to; a refused token or an unreachable Slack stops the start. */
async function homeWorkspace(database: Database, slack: SlackClient, config: Config) {
  let auth;
  try {
    auth = await slack.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    await database.close();
    throw new ConfigError([
      code
        ? `SLACK_BOT_TOKEN was refused by Slack (${code}): check the Bot User OAuth Token`
        : `Slack could not be reached at ${config.slack.apiUrl ?? "https://slack.com/api/"} (${(err as Error).message})`,
    ]);
  }
  // Slack accepts the token: whatever was uninstalled before is installed again.
  const workspace = await ensureWorkspace(database.db, auth.team_id!, auth.team);
  if (workspace.uninstalledAt) await database.db.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt: null } });
  return workspace;
}
