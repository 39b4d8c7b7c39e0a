import cron, { type ScheduledTask } from "node-cron";
import { HEARTBEAT_MS } from "../domain/claims";
import { fields, type Logger } from "../logger";
import { observerFor, releaseDeadHolders } from "../services/claimHolders";
import { JOB_NAMES, JOBS, runJob, type JobDeps, type JobName } from "./index";

export type Scheduler = { stop(): Promise<void> };
export type JobRunner = ReturnType<typeof createJobRunner>;

/**
 * Runs jobs for the scheduler: a job that throws is logged and the process carries on; a tick that
 * finds the previous run of the same job still going is skipped (resolves to false), or with
 * `again`, runs once more when that run ends (it may have passed over work that came free since).
 */
export function createJobRunner(deps: Omit<JobDeps, "now">, log: Logger, clock: () => Date, run = runJob) {
  const running = new Map<JobName, Promise<void>>();
  const again = new Set<JobName>();
  let closed = false;
  const tick = (name: JobName, opts: { again?: boolean } = {}): Promise<boolean> => {
    if (closed) return Promise.resolve(false);
    if (running.has(name)) {
      if (opts.again) again.add(name);
      return Promise.resolve(false);
    }
    const started = Date.now();
    const done = run(name, { ...deps, now: clock() })
      .then((summary) =>
        log.debug(`job ${name}: ${JSON.stringify(summary)}`, fields({ job: name, durationMs: Date.now() - started })),
      )
      .catch((err) => log.error(`job ${name} failed`, err, fields({ job: name, durationMs: Date.now() - started })))
      .finally(() => {
        running.delete(name);
        if (again.delete(name)) void tick(name);
      });
    running.set(name, done);
    return done.then(() => true);
  };
  return {
    tick,
    /** Stops taking ticks and resolves once no job is running. */
    close: async () => {
      closed = true;
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}

/**
 * The lifeline: at start and every heartbeat, finds the processes that died holding outbox claims,
 * gives their claims back and runs the jobs that send those messages, so nobody waits for the next
 * tick (or a lease) because a replica crashed.
 */
export function startLifeline(
  deps: Omit<JobDeps, "now">,
  runner: JobRunner,
  log: Logger,
  intervalMs = HEARTBEAT_MS,
): { stop(): Promise<void> } {
  let checking: Promise<void> | null = null;
  const check = () => {
    checking ??= releaseDeadHolders(deps.db, observerFor(deps.holder))
      .then((kinds) => {
        for (const name of JOB_NAMES) {
          if (!JOBS[name].sends.some((kind) => kinds.has(kind))) continue;
          log.info(`a stopped process held ${name} messages: running ${name} now to send them`);
          void runner.tick(name, { again: true });
        }
      })
      .catch((err) => log.warn("could not look for the claims of stopped processes", err))
      .finally(() => (checking = null));
  };
  check();
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await checking;
    },
  };
}

/**
 * node-cron only ticks; the work itself is claimed from the database (the outbox), so every
 * replica may tick without anything being sent twice.
 */
export function startScheduler(
  deps: Omit<JobDeps, "now">,
  log: Logger,
  clock: () => Date = () => new Date(),
): Scheduler {
  const runner = createJobRunner(deps, log, clock);
  const tasks: ScheduledTask[] = JOB_NAMES.map((name) =>
    cron.schedule(JOBS[name].schedule, () => void runner.tick(name)),
  );
  const lifeline = startLifeline(deps, runner, log);
  return {
    stop: async () => {
      for (const t of tasks) await t.stop();
      await lifeline.stop();
      await runner.close();
    },
  };
}
