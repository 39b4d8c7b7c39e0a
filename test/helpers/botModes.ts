// The bot in each token mode, against the sandbox, with its workspace installed and OKRs imported:
// one bot token (SLACK_BOT_TOKEN), or OAuth installations (the real install flow over HTTP).
import type { Db } from "../../src/db/types";
import { importOkrs } from "../../src/services/importOkrs";
import { SlackRequester, SlackSandbox, type SandboxWorkspace } from "../../src/sandbox";
import type { Provider } from "./databases";
import { createTestDatabase } from "./databases";
import { install, OAUTH_APP, startOAuthBot } from "./oauthStack";
import { startTestStack } from "./stack";

/** The shapes of SlackRequester's payloads: Slack Connect's person of another team, Enterprise Grid's org-level payloads. */
export type RequestShape = { userTeamId?: string; orgLevel?: boolean };

export type BotUnderTest = {
  /** Requests reach it as Socket Mode envelopes rather than signed HTTP. */
  socketMode: boolean;
  sandbox: SlackSandbox;
  db: Db;
  /** The test database's URL (for PostgreSQL, with its own schema). */
  databaseUrl: string;
  /** Every log line of the bot. */
  logs: string[];
  port: number;
  requester(shape?: RequestShape, ws?: SandboxWorkspace): SlackRequester;
  runCheckins(): Promise<unknown>;
  stop(): Promise<void>;
};

export type BotOptions = { now: Date; yaml: string; enterpriseId?: string };

export async function singleTokenBot(provider: Provider, opts: BotOptions, socketMode = false): Promise<BotUnderTest> {
  // Debug, as the OAuth bot logs: what is logged at debug is seen too.
  const stack = await startTestStack(provider, opts.now, {
    logLevel: "debug",
    socketMode,
    ...(opts.enterpriseId ? { enterpriseId: opts.enterpriseId } : {}),
  });
  await stack.importYaml(opts.yaml);
  const url = `http://127.0.0.1:${stack.bot.port}/slack/events`;
  return {
    socketMode,
    sandbox: stack.sandbox,
    db: stack.bot.database.db,
    databaseUrl: stack.testDb.config.url,
    logs: stack.logs,
    port: stack.bot.port,
    requester: (shape = {}, ws = stack.sandbox) =>
      socketMode
        ? new SlackRequester({ socketMode: stack.sandbox.socketMode, sandbox: ws, ...shape })
        : new SlackRequester({ url, signingSecret: stack.signingSecret, sandbox: ws, ...shape }),
    runCheckins: () => stack.runJob("checkins"),
    stop: () => stack.close(),
  };
}

export async function oauthBot(provider: Provider, opts: BotOptions): Promise<BotUnderTest> {
  const sandbox = new SlackSandbox({
    oauth: OAUTH_APP,
    ...(opts.enterpriseId ? { enterpriseId: opts.enterpriseId } : {}),
  });
  await sandbox.start();
  const testDb = await createTestDatabase(provider);
  const okr = await startOAuthBot(sandbox, testDb.config);
  const installed = await install(okr.bot, sandbox, sandbox.teamId);
  if (installed.status !== 200) throw new Error(`the install failed: ${installed.status} ${installed.text}`);
  const db = okr.bot.database.db;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slackTeamId: sandbox.teamId } });
  await importOkrs(db, workspace.id, opts.yaml, opts.now);
  const url = `http://127.0.0.1:${okr.bot.port}/slack/events`;
  return {
    socketMode: false,
    sandbox,
    db,
    databaseUrl: testDb.config.url,
    logs: okr.logs,
    port: okr.bot.port,
    requester: (shape = {}, ws = sandbox) =>
      new SlackRequester({ url, signingSecret: okr.signingSecret, sandbox: ws, ...shape }),
    runCheckins: () => okr.runJob("checkins", opts.now),
    stop: async () => {
      await okr.bot.stop();
      await sandbox.stop();
      await testDb.drop();
    },
  };
}

export const BOT_MODES = [
  ["one bot token", (provider: Provider, opts: BotOptions) => singleTokenBot(provider, opts)],
  ["OAuth installations", oauthBot],
] as const;

/** The token modes, and a bot token over Socket Mode (OAuth installations are served over HTTP only). */
export const TRANSPORT_MODES = [
  ...BOT_MODES,
  ["one bot token over Socket Mode", (provider: Provider, opts: BotOptions) => singleTokenBot(provider, opts, true)],
] as const;
