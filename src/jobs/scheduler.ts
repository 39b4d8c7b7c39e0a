import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger";
import { JOB_NAMES, JOBS, runJob, type JobDeps, type JobName } from "./index";

export type Scheduler = { stop(): Promise<void> };

/**
 * Runs jobs for the scheduler: a job that throws is logged and the process carries on; a tick that
 * finds the previous run of the same job still going is skipped. Resolves to false when skipped.
 */
export function createJobRunner(deps: Omit<JobDeps, "now">, log: Logger, clock: () => Date, run = runJob) {
  const running = new Map<JobName, Promise<void>>();
  return {
    tick(name: JobName): Promise<boolean> {
      if (running.has(name)) return Promise.resolve(false);
      const done = run(name, { ...deps, now: clock() })
        .then((summary) => log.debug(`job ${name}: ${JSON.stringify(summary)}`))
        .catch((err) => log.error(`job ${name} failed`, err))
        .finally(() => running.delete(name));
      running.set(name, done);
      return done.then(() => true);
    },
    idle: () => Promise.allSettled(running.values()).then(() => undefined),
  };
}

/**
 * node-cron only ticks; the work itself is claimed from the database (the outbox), so every
 * replica may tick without anything being sent twice.
 */
export function startScheduler(deps: Omit<JobDeps, "now">, log: Logger, clock: () => Date = () => new Date()): Scheduler {
  const runner = createJobRunner(deps, log, clock);
  const tasks: ScheduledTask[] = JOB_NAMES.map((name) => cron.schedule(JOBS[name].schedule, () => void runner.tick(name)));
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
      await runner.idle();
    },
  };
}
