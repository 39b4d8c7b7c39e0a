// The scheduled jobs: what each runs and how often node-cron ticks it. Every job is idempotent
// (sends go through the outbox), so ticking often only makes delivery prompt, never double.
import type { ServiceDeps } from "../services/deps";
import { sendCheckinPrompts } from "../services/prompts";
import { postDigests } from "../services/digest";
import { sendReminders } from "../services/reminders";
import { postRetros } from "../services/retro";
import { sendRetroRequests } from "../services/retroAnswers";

export type JobDeps = ServiceDeps;
export type JobOptions = { team?: string };

export const JOBS = {
  checkins: { schedule: "*/5 * * * *", run: (deps: JobDeps, opts: JobOptions) => sendCheckinPrompts(deps, opts) },
  reminders: { schedule: "*/15 * * * *", run: (deps: JobDeps, opts: JobOptions) => sendReminders(deps, opts) },
  digest: { schedule: "*/15 * * * *", run: (deps: JobDeps, opts: JobOptions) => postDigests(deps, opts) },
  /** Asks owners for their retro answers near the cycle's end, then posts the retro thread at its end. */
  retro: {
    schedule: "0 * * * *",
    run: async (deps: JobDeps, opts: JobOptions) => {
      const asks = await sendRetroRequests(deps, opts);
      const threads = await postRetros(deps, opts);
      return { ...threads, asked: asks.asked, reminded: asks.reminded, failed: asks.failed + threads.failed };
    },
  },
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

export async function runJob(name: JobName, deps: JobDeps, opts: JobOptions = {}): Promise<unknown> {
  return JOBS[name].run(deps, opts);
}
