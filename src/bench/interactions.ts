// Interactions: check-in submissions (view_submission) from many people at once, to the bot
// running as `okr-bot start` in its own process, or to one of the reference apps (reference/: the
// same form stored by a minimal Bolt app, with Prisma or with the driver alone), each in its own
// process too (the local Slack and the sender run here, so they take no CPU from it). Each person
// first has their check-in modal open (not timed); then the submissions are sent `concurrency` at a
// time and each one's ack latency (the HTTP response) is measured.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { checkinModal } from "../blocks/checkin";
import { IDS } from "../blocks/ids";
import { countCheckIns } from "../db/checkIns";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { ownedKeyResults } from "../db/okrs";
import { ensureWorkspace } from "../db/workspaces";
import { createLogger } from "../logger";
import { SlackRequester, SlackSandbox, waitFor } from "../sandbox";
import { checkinForm } from "../services/checkins";
import { forEachConcurrently } from "../services/concurrently";
import { createSlackClient } from "../slack/client";
import { type BotProcess, COUNT_STATEMENTS, startBotProcess, startProcess } from "./botProcess";
import { benchDatabase } from "./databases";
import { ownerId, seedInto } from "./fixtures";
import { percentile } from "./report";

export const APPS = ["okr-bot", "lean Prisma", "driver"] as const;
export type BenchApp = (typeof APPS)[number];

/** The built entry points beside the CLI's (dist/cli/main.js → dist/bench/…): the reference apps, and okr-bot counting its statements. */
const ENTRY: Record<Exclude<BenchApp, "okr-bot"> | "counting okr-bot", string> = {
  "lean Prisma": "reference/leanPrisma.js",
  driver: "reference/driver.js",
  "counting okr-bot": "countingBot.js",
};
const entry = (cli: string, which: keyof typeof ENTRY) => path.join(path.dirname(cli), "..", "bench", ENTRY[which]);

export type Latencies = { p50Ms: number; p99Ms: number };

export type InteractionsResult = {
  app: BenchApp;
  /** At `concurrency.high`: the burst CPU and throughput are measured on. */
  high: Latencies;
  /** At `concurrency.low`, after the first burst is done (absent when only counting). */
  low?: Latencies;
  /** Check-ins acked per second in the first burst (first submission → last ack). */
  perSecond: number;
  /** The process's CPU time from the first submission until it is idle after the last, per check-in. */
  cpuMsPerCheckIn: number;
  peakRssMb: number;
  /** Only when counting (statements: true): SQL statements per check-in, the work after the ack included. */
  statementsPerCheckIn?: number;
  stored: number;
  errors: number;
};

export type InteractionsOptions = {
  app: BenchApp;
  submissions: number;
  concurrency: { high: number; low?: number };
  provider: "sqlite" | "postgresql";
  postgresUrl?: string;
  cli: string;
  /** Counts the SQL statements (their bookkeeping costs CPU: a run of its own, not a timed one). */
  statements?: boolean;
  /** Check-ins submitted (by other people) before anything is measured, so no app is timed while it warms up. */
  warmup?: number;
};

/** One app, a fresh database: a burst at `concurrency.high`, then (if set) another at `concurrency.low`. */
export async function interactions(opts: InteractionsOptions): Promise<InteractionsResult> {
  const db = await benchDatabase(opts.provider, opts.postgresUrl);
  const sandbox = new SlackSandbox();
  await sandbox.start();
  await migrate(db.config);
  const database = openDatabase(db.config);
  const signingSecret = randomBytes(16).toString("hex");
  const bursts = opts.concurrency.low ? 2 : 1;
  let app: BotProcess | undefined;
  try {
    const now = new Date();
    const warmup = opts.warmup ?? 0;
    await seedInto(database.db, sandbox, warmup + opts.submissions * bursts, now);
    app = await startApp(opts, {
      SLACK_BOT_TOKEN: sandbox.token,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: sandbox.apiUrl,
      DATABASE_URL: db.config.url,
      LOG_LEVEL: "error",
    });
    const requester = new SlackRequester({ url: `${app.url}/slack/events`, signingSecret, sandbox });
    const users = Array.from({ length: warmup + opts.submissions * bursts }, (_, i) => ownerId(i));
    const krIds = new Map((await ownedKeyResults(database.db)).map((kr) => [kr.ownerSlackUserId, kr.id]));
    const views = new Map<string, string>();
    if (opts.app === "okr-bot") {
      // As people do: `/okr checkin` opens the form (and the bot keeps what it looked up for the submission).
      await forEachConcurrently(users, 20, async (user) => {
        await requester.command({ user, text: "checkin" });
        const view = await waitFor(() => sandbox.openViews(user).find((v) => v.callbackId === IDS.views.checkin), {
          timeoutMs: 120_000,
        });
        views.set(user, view.id);
      });
    } else {
      // The same form, opened here: the reference apps answer only its submission.
      const workspace = await ensureWorkspace(database.db, sandbox.teamId);
      const slack = createSlackClient({ token: sandbox.token, apiUrl: sandbox.apiUrl });
      const deps = { db: database.db, slack, now, log: createLogger("error") };
      await forEachConcurrently(users, 20, async (user) => {
        const form = await checkinForm(deps, workspace.id, user);
        if (!form) throw new Error(`no check-in form for ${user}`);
        const opened = await slack.views.open({ trigger_id: sandbox.issueTriggerId(user), view: checkinModal(form) });
        views.set(user, opened.view!.id!);
      });
    }
    const burst = async (who: string[], concurrency: number) => {
      const latencies: number[] = [];
      let errors = 0;
      await forEachConcurrently(who, concurrency, async (user) => {
        const id = krIds.get(user)!;
        const res = await requester.viewSubmission({
          user,
          view: { id: views.get(user)! },
          values: { [`${IDS.checkinBlocks.value}${id}`]: "5", [`${IDS.checkinBlocks.confidence}${id}`]: "on_track" },
        });
        latencies.push(res.durationMs);
        if (res.status !== 200 || res.outcome.action !== "closed") errors += 1;
      });
      return { latencies, errors };
    };

    const published = () => sandbox.callsTo("views.publish").length;
    /** okr-bot's work after the ack ends with each person's Home tab: waits for it, then for the CPU to settle. */
    const settled = async (count: number, publishedBefore: number) => {
      if (opts.app === "okr-bot")
        await waitFor(() => published() - publishedBefore >= count, { timeoutMs: 120_000, intervalMs: 50 }).catch(
          () => undefined,
        );
      return idle(app!);
    };
    if (warmup > 0) {
      const publishedBefore = published();
      await burst(users.slice(0, warmup), opts.concurrency.low ?? opts.concurrency.high);
      await settled(warmup, publishedBefore);
    }
    const first = users.slice(warmup, warmup + opts.submissions);
    const publishedBefore = published();
    const statementsBefore = opts.statements ? await app.statements() : 0;
    const cpuBefore = app.cpuMs();
    const started = performance.now();
    const high = await burst(first, opts.concurrency.high);
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (await settled(first.length, publishedBefore)) - cpuBefore;
    const statements = opts.statements ? (await app.statements()) - statementsBefore : undefined;
    const low = opts.concurrency.low
      ? await burst(users.slice(warmup + opts.submissions), opts.concurrency.low)
      : undefined;
    return {
      app: opts.app,
      high: latenciesOf(high.latencies),
      ...(low ? { low: latenciesOf(low.latencies) } : {}),
      perSecond: opts.submissions / seconds,
      cpuMsPerCheckIn: cpuMs / opts.submissions,
      peakRssMb: app.peakRssMb(),
      ...(statements !== undefined ? { statementsPerCheckIn: statements / opts.submissions } : {}),
      stored: await countCheckIns(database.db),
      errors: high.errors + (low?.errors ?? 0),
    };
  } finally {
    await app?.stop();
    await database.close();
    await sandbox.stop();
    await db.drop();
  }
}

function startApp(opts: InteractionsOptions, env: Record<string, string>): Promise<BotProcess> {
  if (opts.app !== "okr-bot")
    return startProcess([entry(opts.cli, opts.app), ...(opts.statements ? [COUNT_STATEMENTS] : [])], env);
  // Counting needs the query events: the same `startBot`, from an entry that counts them.
  if (opts.statements) return startProcess([entry(opts.cli, "counting okr-bot")], env);
  return startBotProcess(opts.cli, env);
}

const latenciesOf = (ms: number[]): Latencies => ({ p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) });

/** Waits until the process uses at most one clock tick of CPU in half a second (60 s at most); its CPU time then. */
async function idle(app: BotProcess): Promise<number> {
  const window: number[] = [app.cpuMs()];
  const deadline = performance.now() + 60_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    window.push(app.cpuMs());
    if (window.length > 6) window.shift();
    if (window.length === 6 && window[5]! - window[0]! <= 10) return window[0]!;
    if (performance.now() > deadline) return window.at(-1)!;
  }
}
