// `npm run bench`: the figures of issues 6, 14 (measured values) and 15 (the check-in path beside
// its floor: reference apps, see sideBySide.ts), measured against the local Slack sandbox on this
// machine. Prints a table (and the check-in path's side by side) and writes bench/results.json.
// `--quick` is the small variant CI runs so the benchmark never rots; its figures are not the ones
// to quote.
// `--postgres <url>` adds the PostgreSQL figures (a throwaway schema is created and dropped).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { digestBuild } from "./digestBuild";
import { fanout } from "./fanout";
import { prometheusMissing } from "./prometheus";
import { median, round, table, writeResults, type Figure } from "./report";
import { sideBySide } from "./sideBySide";
import { SOURCE_CONCURRENCY, sourcesFanout } from "./sourcesFanout";
import { startup } from "./startup";

const CAPPED_HEAP = "--max-old-space-size=128";

export type BenchOptions = {
  quick: boolean;
  out: string;
  postgresUrl?: string;
  log?: (line: string) => void /** The built CLI (default: next to this file in dist/). */;
  cli?: string;
};

export async function runBench(opts: BenchOptions): Promise<Figure[]> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const size = opts.quick
    ? { owners: 40, sourced: 20, fanoutRuns: 1, digestRuns: 2, startRuns: 1 }
    : { owners: 2000, sourced: 500, fanoutRuns: 3, digestRuns: 5, startRuns: 5 };
  const checkIns = opts.quick
    ? { rounds: 1, submissions: 30, concurrency: { high: 10, low: 5 }, countedSubmissions: 10, warmup: 5 }
    : { rounds: 3, submissions: 1000, concurrency: { high: 50, low: 10 }, countedSubmissions: 100, warmup: 20 };
  const cli = opts.cli ?? path.join(__dirname, "..", "cli", "main.js");
  const figures: Figure[] = [];
  /** Sections that could not run here, and why. */
  const skipped: string[] = [];
  /** The side-by-side tables of the check-in path, one per database. */
  const tables: string[] = [];
  // Written after each section, so a run that fails late keeps what it measured.
  const save = () => writeResults(opts.out, figures, opts.quick ? "quick" : "full", skipped, tables);

  for (const faults of [undefined, { rate429: 0.05, rate5xx: 0.01 }]) {
    const label = faults ? ", 5% 429 + 1% 5xx" : "";
    const runs = [];
    for (let i = 0; i < size.fanoutRuns; i++) {
      log(`fan-out: ${size.owners} owners at 50/s${label}, run ${i + 1}/${size.fanoutRuns}`);
      runs.push(await fanout({ owners: size.owners, perSecond: 50, cli, ...(faults ? { faults } : {}) }));
    }
    const ratio = median(runs.map((r) => r.ratio));
    figures.push(
      {
        name: `fan-out ${size.owners} DMs${label}: time / lower bound`,
        value: round(ratio),
        unit: "×",
        target: "≤ 1.05",
        note: `median ${round(median(runs.map((r) => r.seconds)), 1)} s vs ${round(runs[0]!.lowerBoundSeconds, 1)} s at 50/s`,
      },
      {
        name: `fan-out ${size.owners} DMs${label}: duplicates`,
        value: Math.max(...runs.map((r) => r.duplicates)),
        unit: "DMs",
        target: "0",
      },
      {
        name: `fan-out ${size.owners} DMs${label}: lost`,
        value: Math.max(...runs.map((r) => r.lost)),
        unit: "DMs",
        target: "0",
      },
    );
    save();
    if (!faults)
      figures.push({
        name: `peak RSS during the ${size.owners}-owner fan-out`,
        value: round(Math.max(...runs.map((r) => r.peakRssMb)), 0),
        unit: "MB",
        target: "< 200",
        note: "okr-bot job checkins, its own process (VmHWM)",
      });
  }
  // Node's default heap limit is a quarter of the machine's memory (the CLI keeps the heap's growth
  // modest itself, src/cli/memoryDefaults.ts); the same fan-out with the heap also capped shows what
  // the job really needs (README: setting NODE_OPTIONS).
  log(`fan-out: ${size.owners} owners at 50/s with NODE_OPTIONS=${CAPPED_HEAP}`);
  const capped = await fanout({ owners: size.owners, perSecond: 50, cli, nodeOptions: CAPPED_HEAP });
  figures.push({
    name: `peak RSS during the ${size.owners}-owner fan-out, ${CAPPED_HEAP}`,
    value: round(capped.peakRssMb, 0),
    unit: "MB",
    target: "< 200",
    note: `time / lower bound ${round(capped.ratio)} ×, ${capped.duplicates} duplicates, ${capped.lost} lost`,
  });
  save();

  const missing = prometheusMissing();
  if (missing) {
    skipped.push(`measured values before a fan-out: ${missing}`);
    log(`SKIPPED measured values before a fan-out: ${missing}`);
  } else {
    log(`fan-out: ${size.owners} owners at 50/s, ${size.sourced} key results read from one Prometheus first`);
    figures.push(
      ...sourcesFigures(
        await sourcesFanout({ owners: size.owners, keyResults: size.sourced, perSecond: 50, cli }),
        size,
      ),
    );
  }
  save();

  const providers: Array<"sqlite" | "postgresql"> = opts.postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];
  for (const provider of providers) {
    const r = await sideBySide({
      rounds: checkIns.rounds,
      submissions: checkIns.submissions,
      concurrency: checkIns.concurrency,
      countedSubmissions: checkIns.countedSubmissions,
      warmup: checkIns.warmup,
      provider,
      cli,
      log,
      ...(opts.postgresUrl ? { postgresUrl: opts.postgresUrl } : {}),
    });
    figures.push(...r.figures);
    tables.push(r.table);
    log(r.table);
    save();
  }

  for (const keyResults of [20, 200]) {
    log(`digest: a team with ${keyResults} key results × 13 weeks`);
    const r = await digestBuild({ keyResults, runs: size.digestRuns });
    figures.push(
      { name: `digest build, ${keyResults} KRs × 13 weeks`, value: round(r.medianMs, 1), unit: "ms" },
      {
        name: `digest SQL statements, ${keyResults} KRs × 13 weeks`,
        value: r.queries,
        unit: "statements",
        target: "same for 20 and 200",
      },
    );
    save();
  }

  log("start → healthy /healthz");
  const s = await startup({ runs: size.startRuns, cli });
  figures.push(
    {
      name: "start → healthy /healthz, SQLite, new database",
      value: round(s.firstStartMs, 0),
      unit: "ms",
      target: "< 2000",
      note: "includes applying every migration",
    },
    { name: "start → healthy /healthz, SQLite, migrated", value: round(s.restartMs, 0), unit: "ms", target: "< 2000" },
  );

  save();
  return figures;
}

function sourcesFigures(
  r: Awaited<ReturnType<typeof sourcesFanout>>,
  size: { owners: number; sourced: number },
): Figure[] {
  const what = `${size.sourced} key results from one Prometheus (concurrency ${SOURCE_CONCURRENCY})`;
  const label = `fan-out ${size.owners} DMs, ${size.sourced} with measured values`;
  return [
    {
      name: `reading ${what}: time`,
      value: round(r.readSeconds, 2),
      unit: "s",
      note: `first query → last answer, done ${round(r.readsDoneAfterSeconds, 1)} s after the job started; at most ${r.peakInFlight} at once`,
    },
    {
      name: `reading ${what}: reads`,
      value: r.reads,
      unit: "reads",
      target: `${size.sourced}`,
      note: `Prometheus' prometheus_http_requests_total{handler="/api/v1/query"}; the job: ${r.fanout.measured} measured, ${r.fanout.readFailed} failed`,
    },
    {
      name: `${label}: time / lower bound`,
      value: round(r.fanout.ratio),
      unit: "×",
      target: "≤ 1.05",
      note: `${r.fanout.ratio <= 1.05 ? "met" : "NOT met"}: ${round(r.fanout.seconds, 1)} s vs ${round(r.fanout.lowerBoundSeconds, 1)} s at 50/s, reading included; one run`,
    },
    { name: `${label}: duplicates`, value: r.fanout.duplicates, unit: "DMs", target: "0" },
    { name: `${label}: lost`, value: r.fanout.lost, unit: "DMs", target: "0" },
  ];
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      out: { type: "string", default: path.join("bench", "results.json") },
      postgres: { type: "string" },
    },
  });
  const postgresUrl = values.postgres;
  runBench({
    quick: values.quick ?? false,
    out: values.out ?? path.join("bench", "results.json"),
    ...(postgresUrl ? { postgresUrl } : {}),
  }).then(
    (figures) => {
      console.log(table(figures));
      const out = values.out ?? path.join("bench", "results.json");
      const written = JSON.parse(fs.readFileSync(out, "utf8")) as { skipped?: string[]; tables?: string[] };
      for (const side of written.tables ?? []) console.log(`\n${side}`);
      for (const why of written.skipped ?? []) console.log(`\nskipped ${why}`);
      console.log(`\nwritten to ${out}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
