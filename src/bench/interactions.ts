// Interactions: check-in submissions (view_submission) from many people at once, to the bot
// running as `okr-bot start` in its own process (the local Slack and the sender run here, so they
// take no CPU from it). Each person first opens their check-in modal (not timed); then the
// submissions are sent `concurrency` at a time and each one's ack latency (the HTTP response) is
// measured.
import { randomBytes } from "node:crypto";
import { IDS } from "../blocks/ids";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { SlackRequester, SlackSandbox, waitFor } from "../sandbox";
import { forEachConcurrently } from "../services/concurrently";
import { startBotProcess } from "./botProcess";
import { benchDatabase } from "./databases";
import { ownerId, seedInto } from "./fixtures";
import { percentile } from "./report";

export type InteractionsResult = { p50Ms: number; p99Ms: number; perSecond: number; stored: number; errors: number };

export async function interactions(opts: {
  submissions: number;
  concurrency: number;
  provider: "sqlite" | "postgresql";
  postgresUrl?: string;
  cli: string;
}): Promise<InteractionsResult> {
  const db = await benchDatabase(opts.provider, opts.postgresUrl);
  const sandbox = new SlackSandbox();
  await sandbox.start();
  await migrate(db.config);
  const database = openDatabase(db.config);
  const signingSecret = randomBytes(16).toString("hex");
  let bot: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  try {
    await seedInto(database.db, sandbox, opts.submissions, new Date());
    bot = await startBotProcess(opts.cli, {
      SLACK_BOT_TOKEN: sandbox.token,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: sandbox.apiUrl,
      DATABASE_URL: db.config.url,
      LOG_LEVEL: "error",
    });
    const requester = new SlackRequester({ url: `${bot.url}/slack/events`, signingSecret, sandbox });
    const users = Array.from({ length: opts.submissions }, (_, i) => ownerId(i));
    const krIds = new Map(
      (await database.db.keyResult.findMany({ include: { owner: true } })).map((kr) => [kr.owner!.slackUserId, kr.id]),
    );
    const views = new Map<string, string>();
    await forEachConcurrently(users, 20, async (user) => {
      await requester.command({ user, text: "checkin" });
      const view = await waitFor(() => sandbox.openViews(user).find((v) => v.callbackId === IDS.views.checkin), {
        timeoutMs: 30_000,
      });
      views.set(user, view.id);
    });
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await forEachConcurrently(users, opts.concurrency, async (user) => {
      const id = krIds.get(user)!;
      const res = await requester.viewSubmission({
        user,
        view: { id: views.get(user)! },
        values: { [`${IDS.checkinBlocks.value}${id}`]: "5", [`${IDS.checkinBlocks.confidence}${id}`]: "on_track" },
      });
      latencies.push(res.durationMs);
      if (res.status !== 200 || res.outcome.action !== "closed") errors += 1;
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      perSecond: opts.submissions / seconds,
      stored: await database.db.checkIn.count(),
      errors,
    };
  } finally {
    await bot?.stop();
    await database.close();
    await sandbox.stop();
    await db.drop();
  }
}
