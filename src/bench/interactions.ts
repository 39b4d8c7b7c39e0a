// Interactions: check-in submissions (view_submission) from many people at once, through Bolt over
// HTTP. Each person first opens their check-in modal (not timed); then the submissions are sent
// `concurrency` at a time and each one's ack latency (the HTTP response) is measured.
import { IDS } from "../blocks/ids";
import { startLocalStack } from "../demo/localStack";
import { createLogger } from "../logger";
import { waitFor } from "../sandbox";
import { benchDatabase } from "./databases";
import { ownerId, seed } from "./fixtures";
import { percentile } from "./report";

export type InteractionsResult = { p50Ms: number; p99Ms: number; perSecond: number; stored: number; errors: number };

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export async function interactions(opts: { submissions: number; concurrency: number; provider: "sqlite" | "postgresql"; postgresUrl?: string }): Promise<InteractionsResult> {
  const db = await benchDatabase(opts.provider, opts.postgresUrl);
  const stack = await startLocalStack({ database: db.config, now: new Date("2026-11-24T10:00:00Z"), log: createLogger("error") });
  try {
    await seed(stack, opts.submissions);
    const users = Array.from({ length: opts.submissions }, (_, i) => ownerId(i));
    const krIds = new Map((await stack.bot.database.db.keyResult.findMany({ include: { owner: true } })).map((kr) => [kr.owner!.slackUserId, kr.id]));
    const views = new Map<string, string>();
    await pool(users, 20, async (user) => {
      await stack.requester.command({ user, text: "checkin" });
      const view = await waitFor(() => stack.sandbox.openViews(user).find((v) => v.callbackId === IDS.views.checkin), { timeoutMs: 30_000 });
      views.set(user, view.id);
    });
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await pool(users, opts.concurrency, async (user) => {
      const id = krIds.get(user)!;
      const res = await stack.requester.viewSubmission({
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
      stored: await stack.bot.database.db.checkIn.count(),
      errors,
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
}
