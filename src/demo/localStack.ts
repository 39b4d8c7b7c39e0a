// The bot and a local Slack sandbox wired together, for the demo and the end-to-end tests:
// the real Bolt app over real HTTP (or Socket Mode), its WebClient pointed at the sandbox with SLACK_API_URL.
import { randomBytes } from "node:crypto";
import {
  type Config,
  type DatabaseConfig,
  type LogFormat,
  type LogLevel,
  noSources,
  type SourcesConfig,
} from "../config";
import { IDS } from "../blocks/ids";
import { keyResultIdByTitle } from "../db/okrs";
import { runJob, type JobName, type JobOptions } from "../jobs";
import { loggerFor, type Logger, type LogSink } from "../logger";
import { SlackRequester, SlackSandbox, waitFor, type SubmissionOutcome } from "../sandbox";
import { startBot, type RunningBot } from "../server";

export type LocalStack = {
  sandbox: SlackSandbox;
  requester: SlackRequester;
  /** What Slack signs requests to this bot with (for requesters of other shapes). */
  signingSecret: string;
  bot: RunningBot;
  /** What the bot was started with (its secrets included). */
  config: Config;
  log: Logger;
  /** The bot's clock; set it to move time. */
  clock: { now: Date };
  runJob(name: JobName, opts?: JobOptions): Promise<unknown>;
  /**
   * What a person does to check in: click the button on their latest prompt DM (or run
   * `/okr checkin`), then submit the modal with `values` (block_id → typed value).
   */
  checkIn(
    user: string,
    values: (keyResultId: (title: string) => Promise<number>) => Promise<Record<string, string>>,
    opts?: { via?: "dm" | "command" | "open-modal" },
  ): Promise<{ outcome: SubmissionOutcome; body: string }>;
  stop(): Promise<void>;
};

export async function startLocalStack(opts: {
  database: DatabaseConfig;
  now: Date;
  log?: Logger;
  scheduler?: boolean;
  /** The bot's own pacing of posts (default: effectively none; the sandbox has no limits unless set). */
  pace?: { postsPerSecond: number; postsPerChannelPerSecond: number };
  /** Requests reach the bot over Socket Mode (SLACK_APP_TOKEN set) instead of signed HTTP. */
  socketMode?: boolean;
  /** Enterprise Grid: the organisation the sandbox's workspace belongs to. */
  enterpriseId?: string;
  /** Without `log`: the logger the bot makes from its configuration (LOG_LEVEL, LOG_FORMAT), writing to `sink` (default stderr). */
  logging?: { level: LogLevel; format: LogFormat; sink?: LogSink };
  /** METRICS_PORT (0: any free port). */
  metricsPort?: number;
  /** The sources of measured values (default: none). */
  sources?: SourcesConfig;
  /** Sees every SQL statement the bot runs. */
  onQuery?: (sql: string) => void;
}): Promise<LocalStack> {
  const clock = { now: opts.now };
  // Slack stamps messages with the bot's (possibly simulated) time, so transcripts read in order.
  const sandbox = new SlackSandbox({
    messageClock: () => clock.now.getTime(),
    ...(opts.enterpriseId ? { enterpriseId: opts.enterpriseId } : {}),
  });
  await sandbox.start();
  const signingSecret = randomBytes(16).toString("hex");
  const config: Config = {
    // Local: no real limits to respect unless a test sets them on the sandbox.
    slack: {
      botToken: sandbox.token,
      // Socket Mode needs no signing secret, as a trial needs none.
      ...(opts.socketMode ? { appToken: sandbox.socketMode.appToken, signingSecret: undefined } : { signingSecret }),
      apiUrl: sandbox.apiUrl,
      ...(opts.pace ?? { postsPerSecond: 1000, postsPerChannelPerSecond: 1000 }),
    },
    port: 0,
    database: opts.database,
    // Bolt follows the level of the logger it is given.
    logLevel: (opts.log?.getLevel() as LogLevel | undefined) ?? opts.logging?.level ?? "warn",
    ...(opts.logging ? { logFormat: opts.logging.format } : {}),
    ...(opts.metricsPort !== undefined ? { metricsPort: opts.metricsPort } : {}),
  };
  const log = opts.log ?? loggerFor(config, opts.logging?.sink);
  const bot = await startBot(config, log, {
    scheduler: opts.scheduler ?? false,
    clock: () => clock.now,
    sources: opts.sources ?? noSources(),
    ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
  });
  const requester = opts.socketMode
    ? new SlackRequester({ socketMode: sandbox.socketMode, sandbox })
    : new SlackRequester({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret, sandbox });
  return {
    sandbox,
    requester,
    signingSecret,
    bot,
    config,
    log,
    clock,
    runJob: (name, jobOpts) =>
      runJob(
        name,
        {
          db: bot.database.db,
          slack: bot.clients,
          now: clock.now,
          log,
          holder: bot.holder,
          retryBaseMs: 5,
          metrics: bot.metrics,
          sources: bot.sources,
        },
        jobOpts,
      ),
    checkIn: async (user, values, checkInOpts = {}) => {
      const via = checkInOpts.via ?? "dm";
      if (via === "dm") {
        const prompt = sandbox
          .dmsTo(user)
          .findLast((m) => JSON.stringify(m.blocks ?? []).includes(IDS.actions.openCheckin));
        if (!prompt) throw new Error(`no check-in prompt for ${user}`);
        await requester.blockAction({
          user,
          actionId: IDS.actions.openCheckin,
          container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
        });
      } else if (via === "command") {
        await requester.command({ user, text: "checkin" });
      }
      const view = await waitFor(
        () =>
          sandbox
            .openViews(user)
            .findLast(
              (v) => v.callbackId === IDS.views.checkin && JSON.stringify(v.view).includes(IDS.checkinBlocks.value),
            ),
        { timeoutMs: 5000, message: `check-in modal for ${user}` },
      );
      const krId = (title: string) => keyResultIdByTitle(bot.database.db, title);
      const result = await requester.viewSubmission({ user, view: { id: view.id }, values: await values(krId) });
      return { outcome: result.outcome, body: result.body };
    },
    stop: async () => {
      await bot.stop();
      await sandbox.stop();
    },
  };
}
