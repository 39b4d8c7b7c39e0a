// Fan-out: every owner's check-in DM under a workspace-wide chat.postMessage limit (plus Slack's
// 1/s per channel), optionally with random 429s and 5xx. The job runs as production runs it, in a
// process of its own (`okr-bot job checkins`), so its peak RSS is the bot's alone. Reports time /
// lower bound, duplicates, lost and that peak.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { startLocalStack } from "../demo/localStack";
import { createLogger } from "../logger";
import { benchDatabase } from "./databases";
import { ownerId, seed, type SeedSources } from "./fixtures";

export type FanoutResult = {
  seconds: number;
  lowerBoundSeconds: number;
  ratio: number;
  duplicates: number;
  lost: number;
  peakRssMb: number;
  runs: number;
  /** Key results' values read from their sources, and reads that failed (the jobs' summaries). */
  measured: number;
  readFailed: number;
  /** When the first run started and the last ended (performance.now(), this process). */
  startedAt: number;
  endedAt: number;
};

type JobRun = { peakRss: number; measured: number; readFailed: number };

/** Runs `okr-bot job checkins` once; resolves with its peak resident memory (VmHWM), in bytes, and what it read. */
function runJobProcess(cli: string, env: Record<string, string>): Promise<JobRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "job", "checkins", "--now", "2026-11-23T09:30:00Z"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peak = 0;
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const sample = () => {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (kb) peak = Math.max(peak, Number(kb) * 1024);
      } catch {
        // not started yet, or exited
      }
    };
    const sampler = setInterval(sample, 50);
    child.on("exit", (code) => {
      clearInterval(sampler);
      // 3: some messages were left for the next run (the loop below runs it).
      if (code === 0 || code === 3) resolve({ peakRss: peak, ...readsIn(stdout) });
      else reject(new Error(`okr-bot job checkins exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/** The job prints its summary as `checkins at <time>: {json}`. */
function readsIn(stdout: string): { measured: number; readFailed: number } {
  const json = /^checkins at \S+: (\{.*\})$/m.exec(stdout)?.[1];
  if (!json) throw new Error(`okr-bot job checkins printed no summary: ${stdout.slice(-2000)}`);
  const summary = JSON.parse(json) as { measured?: number; readFailed?: number };
  return { measured: summary.measured ?? 0, readFailed: summary.readFailed ?? 0 };
}

export async function fanout(opts: {
  owners: number;
  perSecond: number;
  cli: string;
  faults?: { rate429: number; rate5xx: number };
  maxRuns?: number;
  /** NODE_OPTIONS for the job's process (e.g. a heap limit). */
  nodeOptions?: string;
  /** Key results that name a source, read from this sources file (SOURCES_FILE) before the prompts. */
  sources?: SeedSources & { file: string };
}): Promise<FanoutResult> {
  const db = await benchDatabase("sqlite");
  // Monday 09:30 UTC: every owner (all in UTC) is due.
  const stack = await startLocalStack({
    database: db.config,
    now: new Date("2026-11-23T09:30:00Z"),
    log: createLogger("error"),
    pace: { postsPerSecond: opts.perSecond, postsPerChannelPerSecond: 1 },
  });
  let peak = 0;
  let measured = 0;
  let readFailed = 0;
  try {
    await seed(stack, opts.owners, opts.sources);
    // Like Slack, a short burst (one second's worth) passes, then calls are held to the rate.
    stack.sandbox.setRateLimit("chat.postMessage", {
      perSecond: opts.perSecond,
      perChannelPerSecond: 1,
      burst: opts.perSecond,
    });
    if (opts.faults) {
      stack.sandbox.injectRandomFaults(
        { method: "chat.postMessage", kind: "ratelimited", retryAfter: 1 },
        opts.faults.rate429,
        42,
      );
      stack.sandbox.injectRandomFaults({ method: "chat.postMessage", kind: "http", status: 503 }, opts.faults.rate5xx);
    }
    const started = performance.now();
    // A run that gives up on a message (5xx five times) leaves it to the next run, as the scheduler would.
    let runs = 0;
    const delivered = () => Array.from({ length: opts.owners }, (_, i) => stack.sandbox.dmsTo(ownerId(i)).length);
    const env = {
      SLACK_BOT_TOKEN: stack.sandbox.token,
      SLACK_SIGNING_SECRET: "bench",
      SLACK_API_URL: stack.sandbox.apiUrl,
      DATABASE_URL: db.config.url,
      SLACK_POSTS_PER_SECOND: String(opts.perSecond),
      SLACK_POSTS_PER_CHANNEL_PER_SECOND: "1",
      LOG_LEVEL: "error",
      ...(opts.nodeOptions ? { NODE_OPTIONS: opts.nodeOptions } : {}),
      ...(opts.sources ? { SOURCES_FILE: opts.sources.file } : {}),
    };
    do {
      const run = await runJobProcess(opts.cli, env);
      peak = Math.max(peak, run.peakRss);
      measured += run.measured;
      readFailed += run.readFailed;
      runs += 1;
    } while (delivered().some((n) => n === 0) && runs < (opts.maxRuns ?? 5));
    const endedAt = performance.now();
    const seconds = (endedAt - started) / 1000;
    const counts = delivered();
    // The fastest any sender could go: the burst at once, the rest at the rate.
    const lowerBoundSeconds = Math.max(opts.owners - opts.perSecond, 1) / opts.perSecond;
    return {
      seconds,
      lowerBoundSeconds,
      ratio: seconds / lowerBoundSeconds,
      duplicates: counts.reduce((n, c) => n + Math.max(0, c - 1), 0),
      lost: counts.filter((c) => c === 0).length,
      peakRssMb: peak / 2 ** 20,
      runs,
      measured,
      readFailed,
      startedAt: started,
      endedAt,
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
}
