import cron from "node-cron";
import { JOB_NAMES, JOBS } from "../../src/jobs";
import { createJobRunner } from "../../src/jobs/scheduler";
import { createLogger } from "../../src/logger";
import type { JobDeps } from "../../src/jobs";

const deps = { db: {}, slack: {}, log: createLogger("error", "t", () => undefined) } as unknown as Omit<JobDeps, "now">;

describe("the job runner behind node-cron", () => {
  it("logs a job that throws and keeps going: the next tick runs again", async () => {
    const lines: string[] = [];
    let calls = 0;
    const runner = createJobRunner(
      deps,
      createLogger("info", "jobs", (l) => lines.push(l)),
      () => new Date("2026-11-23T09:00:00Z"),
      async () => {
        calls += 1;
        throw new Error("database went away");
      },
    );
    expect(await runner.tick("digest")).toBe(true);
    expect(await runner.tick("digest")).toBe(true);
    expect(calls).toBe(2);
    expect(lines.filter((l) => l.includes("job digest failed") && l.includes("database went away"))).toHaveLength(2);
  });

  it("skips a tick while the same job is still running, and passes the clock's time", async () => {
    let release!: () => void;
    const seen: Date[] = [];
    const runner = createJobRunner(
      deps,
      createLogger("error", "jobs", () => undefined),
      () => new Date("2026-11-23T09:05:00Z"),
      (_name, d) => {
        seen.push(d.now);
        return new Promise<Record<string, number>>((resolve) => (release = () => resolve({})));
      },
    );
    const first = runner.tick("checkins");
    expect(await runner.tick("checkins")).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(seen).toEqual([new Date("2026-11-23T09:05:00Z")]);
  });

  it("with `again`, runs a job once more when its current run ends; after close, runs nothing", async () => {
    const releases: Array<() => void> = [];
    let calls = 0;
    const runner = createJobRunner(
      deps,
      createLogger("error", "jobs", () => undefined),
      () => new Date(),
      () => {
        calls += 1;
        return new Promise<Record<string, number>>((resolve) => releases.push(() => resolve({})));
      },
    );
    void runner.tick("checkins");
    expect(await runner.tick("checkins", { again: true })).toBe(false);
    expect(await runner.tick("checkins", { again: true })).toBe(false); // one more run, not two
    releases.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(2);
    const closed = runner.close();
    expect(await runner.tick("digest")).toBe(false);
    releases.shift()!();
    await closed;
    expect(calls).toBe(2);
  });

  it("has a valid cron expression for every job", () => {
    for (const name of JOB_NAMES) expect(cron.validate(JOBS[name].schedule)).toBe(true);
  });
});
