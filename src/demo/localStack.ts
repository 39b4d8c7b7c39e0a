// The bot and a local Slack sandbox wired together, for the demo and the end-to-end tests:
// the real Bolt app over real HTTP, its WebClient pointed at the sandbox with SLACK_API_URL.
import { randomBytes } from "node:crypto";
import type { Config, DatabaseConfig } from "../config";
import { runJob, type JobName, type JobOptions } from "../jobs";
import { createLogger, type Logger } from "../logger";
import { SlackRequester, SlackSandbox } from "../sandbox";
import { startBot, type RunningBot } from "../server";

export type LocalStack = {
  sandbox: SlackSandbox;
  requester: SlackRequester;
  bot: RunningBot;
  log: Logger;
  /** The bot's clock; set it to move time. */
  clock: { now: Date };
  runJob(name: JobName, opts?: JobOptions): Promise<unknown>;
  stop(): Promise<void>;
};

export async function startLocalStack(opts: { database: DatabaseConfig; now: Date; log?: Logger; scheduler?: boolean }): Promise<LocalStack> {
  const clock = { now: opts.now };
  // Slack stamps messages with the bot's (possibly simulated) time, so transcripts read in order.
  const sandbox = new SlackSandbox({ messageClock: () => clock.now.getTime() });
  await sandbox.start();
  const signingSecret = randomBytes(16).toString("hex");
  const config: Config = {
    // Local: no real limits to respect unless a test sets them on the sandbox.
    slack: { botToken: sandbox.token, signingSecret, apiUrl: sandbox.apiUrl, postsPerSecond: 1000, postsPerChannelPerSecond: 1000 },
    port: 0,
    database: opts.database,
    logLevel: "warn",
  };
  const log = opts.log ?? createLogger("warn");
  const bot = await startBot(config, log, { scheduler: opts.scheduler ?? false, clock: () => clock.now });
  const requester = new SlackRequester({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret, sandbox });
  return {
    sandbox,
    requester,
    bot,
    log,
    clock,
    runJob: (name, jobOpts) => runJob(name, { db: bot.database.db, slack: bot.slack, pacer: bot.pacer, now: clock.now, log }, jobOpts),
    stop: async () => {
      await bot.stop();
      await sandbox.stop();
    },
  };
}
