// The small variant of `npm run bench`, so the benchmark never rots: every figure is measured and
// written; delivery figures must hold (nothing doubled, nothing lost); the targets are for the
// full run on a quiet machine and are not asserted here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runBench } from "../../src/bench/main";

jest.setTimeout(360_000);

it("measures every figure and writes them with their units and the machine", async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "okr-bench-")), "results.json");
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  const cli = path.join(__dirname, "..", "..", "dist", "cli", "main.js"); // npm test builds first
  const figures = await runBench({
    quick: true,
    out,
    cli,
    ...(postgresUrl ? { postgresUrl } : {}),
    log: () => undefined,
  });
  const written = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(written.mode).toBe("quick");
  expect(written.machine.cores).toBeGreaterThan(0);
  expect(written.figures).toEqual(figures);
  expect(written.skipped).toEqual([]); // CI installs Prometheus: the measured-values section runs
  const names = figures.map((f) => f.name);
  for (const expected of [
    /^fan-out .*time \/ lower bound$/,
    /5% 429 \+ 1% 5xx: duplicates$/,
    /^peak RSS/,
    /^ack latency p99 \(.*sqlite\)$/,
    /^throughput/,
    // okr-bot beside the reference apps (issue 15): each one's figures, the ratios, the targets.
    /^ack latency p99 \(.*sqlite, lean Prisma\)$/,
    /^CPU per check-in, until idle \(.*sqlite, driver\)$/,
    /^SQL statements per check-in \(.*sqlite\)$/,
    /^CPU per check-in, okr-bot ÷ lean Prisma \(.*sqlite\)$/,
    /^ack p99 at \d+ concurrent, okr-bot ÷ lean Prisma \(.*sqlite\)$/,
    /^digest SQL statements, 200 KRs/,
    /^start → healthy \/healthz, SQLite, new database$/,
    /^reading \d+ key results from one Prometheus \(concurrency 8\): time$/,
    /^fan-out \d+ DMs, \d+ with measured values: time \/ lower bound$/,
  ]) {
    expect(names.some((n) => expected.test(n))).toBe(true);
  }
  if (postgresUrl) expect(names.some((n) => /postgresql\)$/.test(n))).toBe(true);
  if (postgresUrl)
    expect(names.some((n) => /^CPU per check-in, okr-bot ÷ lean Prisma \(.*postgresql\)$/.test(n))).toBe(true);
  expect(written.tables).toHaveLength(postgresUrl ? 2 : 1);
  for (const side of written.tables as string[]) {
    expect(side).toMatch(/okr-bot ÷ lean/);
    // Every app stored every check-in it was sent (okr-bot and the reference apps alike).
    const stored = [.../stored \(worst round\): (.*)$/m.exec(side)![1]!.matchAll(/(\d+)\/(\d+)/g)];
    expect(stored).toHaveLength(3);
    for (const [, got, sent] of stored) expect(got).toBe(sent);
  }
  for (const f of figures) {
    expect(Number.isFinite(f.value)).toBe(true);
    expect(f.unit).not.toBe("");
  }
  for (const f of figures.filter((f) => /duplicates$|lost$/.test(f.name))) expect(f.value).toBe(0);
  // The reference apps store a check-in in one read and one write: counted, not assumed.
  for (const f of figures.filter((f) => /^SQL statements per check-in \(.*(lean Prisma|driver)\)$/.test(f.name)))
    expect(f.value).toBeLessThanOrEqual(3);
  // Every sourced key result read once before its prompt, each counted by Prometheus itself.
  const reads = figures.find((f) => /^reading (\d+) key results .*: reads$/.test(f.name))!;
  expect(reads.value).toBe(Number(/^reading (\d+)/.exec(reads.name)![1]));
  expect(reads.note).toMatch(new RegExp(`the job: ${reads.value} measured, 0 failed`));
  const readTime = figures.find((f) => /^reading .*: time$/.test(f.name))!;
  expect(Number(/at most (\d+) at once/.exec(readTime.note!)![1])).toBeLessThanOrEqual(8); // the source's limit
  const statements = figures.filter((f) => f.name.startsWith("digest SQL statements")).map((f) => f.value);
  expect(new Set(statements).size).toBe(1); // no N+1: the same number of statements for 20 and 200
});
