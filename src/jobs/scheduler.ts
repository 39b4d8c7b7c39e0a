import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger";
import { JOB_NAMES, JOBS, runJob, type JobDeps } from "./index";

export type Scheduler = { stop(): Promise<void> };

/**
 * node-cron only ticks; the work itself is claimed from the database, so every replica may tick.
 * A job that throws is logged and the next tick runs as usual; a tick that finds the previous
 * run of the same job still going is skipped.
 */
export function startScheduler(deps: Omit<JobDeps, "now">, log: Logger, clock: () => Date = () => new Date()): Scheduler {
  const running = new Map<string, Promise<unknown>>();
  const tasks: ScheduledTask[] = JOB_NAMES.map((name) =>
    cron.schedule(JOBS[name].schedule, () => {
      if (running.has(name)) return;
      const run = runJob(name, { ...deps, now: clock() })
        .then((summary) => log.debug(`job ${name}: ${JSON.stringify(summary)}`))
        .catch((err) => log.error(`job ${name} failed`, err))
        .finally(() => running.delete(name));
      running.set(name, run);
    }),
  );
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
      await Promise.allSettled(running.values());
    },
  };
}
