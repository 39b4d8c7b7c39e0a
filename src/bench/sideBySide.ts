// okr-bot's check-in path beside its floor (issue 15 §2): okr-bot and the two reference apps run
// interleaved (round by round, each on a fresh database), medians over the rounds, okr-bot's
// figures as ratios to each reference, and the targets read against lean Prisma.
import { APPS, type BenchApp, interactions, type InteractionsResult } from "./interactions";
import { median, round, type Figure } from "./report";

export type SideBySideOptions = {
  rounds: number;
  submissions: number;
  concurrency: { high: number; low: number };
  /** Submissions of the counting run (one per app, not timed). */
  countedSubmissions: number;
  /** Submissions before each run's measured bursts (see InteractionsOptions). */
  warmup: number;
  provider: "sqlite" | "postgresql";
  postgresUrl?: string;
  cli: string;
  log: (line: string) => void;
};

/** `row`: its name in the table; `figure`: its figure's name, up to the app. */
type Metric = { row: string; figure: string; unit: string; digits: number; of: (r: InteractionsResult) => number };

export async function sideBySide(opts: SideBySideOptions): Promise<{ figures: Figure[]; table: string }> {
  const { provider, submissions, concurrency } = opts;
  const common = {
    submissions,
    provider,
    cli: opts.cli,
    warmup: opts.warmup,
    ...(opts.postgresUrl ? { postgresUrl: opts.postgresUrl } : {}),
  };
  const runs = new Map<BenchApp, InteractionsResult[]>(APPS.map((a) => [a, []]));
  for (let r = 1; r <= opts.rounds; r++) {
    for (const app of APPS) {
      opts.log(
        `interactions ${provider}, round ${r}/${opts.rounds}: ${app}, ${submissions} check-ins at ${concurrency.high} then ${concurrency.low} concurrent`,
      );
      runs.get(app)!.push(await interactions({ ...common, app, concurrency }));
    }
  }
  const statements = new Map<BenchApp, number>();
  for (const app of APPS) {
    opts.log(`interactions ${provider}: ${app}, counting SQL statements over ${opts.countedSubmissions} check-ins`);
    const counted = await interactions({
      ...common,
      app,
      submissions: opts.countedSubmissions,
      concurrency: { high: concurrency.high },
      statements: true,
    });
    statements.set(app, counted.statementsPerCheckIn!);
  }

  const high = `${submissions} check-ins at ${concurrency.high} concurrent`;
  const low = `${submissions} check-ins at ${concurrency.low} concurrent`;
  const metrics: Metric[] = [
    {
      row: `ack p99 @${concurrency.high}`,
      figure: `ack latency p99 (${high}`,
      unit: "ms",
      digits: 0,
      of: (r) => r.high.p99Ms,
    },
    {
      row: `ack p50 @${concurrency.high}`,
      figure: `ack latency p50 (${high}`,
      unit: "ms",
      digits: 0,
      of: (r) => r.high.p50Ms,
    },
    {
      row: `ack p99 @${concurrency.low}`,
      figure: `ack latency p99 (${low}`,
      unit: "ms",
      digits: 0,
      of: (r) => r.low!.p99Ms,
    },
    {
      row: `ack p50 @${concurrency.low}`,
      figure: `ack latency p50 (${low}`,
      unit: "ms",
      digits: 0,
      of: (r) => r.low!.p50Ms,
    },
    {
      row: "CPU ms per check-in",
      figure: `CPU per check-in, until idle (${high}`,
      unit: "ms",
      digits: 2,
      of: (r) => r.cpuMsPerCheckIn,
    },
    {
      row: "throughput /s",
      figure: `throughput (${high}`,
      unit: "check-ins acked/s",
      digits: 0,
      of: (r) => r.perSecond,
    },
    { row: "peak RSS MB", figure: `peak RSS, check-ins (${high}`, unit: "MB", digits: 0, of: (r) => r.peakRssMb },
  ];
  const value = new Map<string, number>();
  const key = (row: string, app: BenchApp) => `${row}|${app}`;
  for (const m of metrics)
    for (const app of APPS) value.set(key(m.row, app), round(median(runs.get(app)!.map(m.of)), m.digits));
  const counted: Metric = {
    row: "SQL statements per check-in",
    figure: `SQL statements per check-in (${opts.countedSubmissions} check-ins at ${concurrency.high} concurrent`,
    unit: "statements",
    digits: 1,
    of: (r) => r.statementsPerCheckIn!,
  };
  for (const app of APPS) value.set(key(counted.row, app), round(statements.get(app)!, 1));
  const rows = [...metrics, counted];

  const label = `${submissions} check-ins, ${provider}`;
  const figures: Figure[] = [];
  const ratio = (row: string, to: BenchApp) => round(value.get(key(row, "okr-bot"))! / value.get(key(row, to))!, 2);
  // okr-bot's own figures keep their names; the references' say which they are.
  for (const app of APPS)
    for (const m of rows)
      figures.push({
        name: `${m.figure}, ${provider}${app === "okr-bot" ? "" : `, ${app}`})`,
        value: value.get(key(m.row, app))!,
        unit: m.unit,
        ...(m === counted ? { note: "a run of its own (counting costs CPU), the work after the ack included" } : {}),
      });
  const p99 = metrics[0]!.row;
  const cpu = metrics[4]!.row;
  const target = (name: string, v: number, limit: number, unit: string, note: string): Figure => ({
    name,
    value: v,
    unit,
    target: `≤ ${limit}`,
    note: `${v <= limit ? "met" : "NOT met"}: ${note}`,
  });
  const okrP99 = value.get(key(p99, "okr-bot"))!;
  figures.push(
    target(
      `CPU per check-in, okr-bot ÷ lean Prisma (${label})`,
      ratio(cpu, "lean Prisma"),
      2,
      "×",
      `${value.get(key(cpu, "okr-bot"))} ms vs ${value.get(key(cpu, "lean Prisma"))} ms`,
    ),
    target(
      `ack p99 at ${concurrency.high} concurrent, okr-bot ÷ lean Prisma (${label})`,
      ratio(p99, "lean Prisma"),
      1.5,
      "×",
      `${okrP99} ms vs ${value.get(key(p99, "lean Prisma"))} ms`,
    ),
    {
      name: `ack p99 at ${concurrency.high} concurrent, okr-bot, stretch (${label})`,
      value: okrP99,
      unit: "ms",
      target: "< 100",
      note: `${okrP99 < 100 ? "met" : "NOT met"}; the driver floor: ${value.get(key(p99, "driver"))} ms`,
    },
    { name: `CPU per check-in, okr-bot ÷ driver (${label})`, value: ratio(cpu, "driver"), unit: "×" },
    {
      name: `ack p99 at ${concurrency.high} concurrent, okr-bot ÷ driver (${label})`,
      value: ratio(p99, "driver"),
      unit: "×",
    },
  );

  const header = ["", ...APPS, "okr-bot ÷ lean", "okr-bot ÷ driver"];
  const cells = rows.map((m) => [
    m.row,
    ...APPS.map((app) => String(value.get(key(m.row, app)))),
    `${ratio(m.row, "lean Prisma")}×`,
    `${ratio(m.row, "driver")}×`,
  ]);
  const rounds = `${opts.rounds} round${opts.rounds > 1 ? "s" : ""}, medians`;
  const title = `Check-in submissions, ${provider}: ${submissions} per burst, ${rounds}, interleaved`;
  const targets = figures
    .filter((f) => f.target)
    .map((f) => `  ${f.name}: ${f.value} ${f.unit}, target ${f.target}, ${f.note}`);
  const errors = APPS.map((app) => `${app} ${Math.max(...runs.get(app)!.map((r) => r.errors))}`).join(", ");
  const submitted = opts.warmup + 2 * submissions;
  const stored = APPS.map((app) => `${app} ${Math.min(...runs.get(app)!.map((r) => r.stored))}/${submitted}`).join(
    ", ",
  );
  return {
    figures,
    table: [
      title,
      alignTable([header, ...cells]),
      "targets:",
      ...targets,
      `not acked as saved (worst round): ${errors}; stored (worst round): ${stored}`,
    ].join("\n"),
  };
}

function alignTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "))
    .join("\n");
}
