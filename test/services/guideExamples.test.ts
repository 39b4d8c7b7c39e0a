// Every example key result of the two guides in ../shared/seeds/, written as the guides write them,
// imported: the outcomes without a warning, the ones the second guide calls gameable or outputs
// flagged with its alternative. Thresholds, relative targets and missing baselines included.
import { ensureWorkspace } from "../../src/db/workspaces";
import { importOkrs, type ImportReport } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

type Example = { title: string; baseline?: number; target: number | string; unit?: string };

// Each objective's key results are owned by its owner (the guides' shared key results), and each says
// where its number comes from, so the only findings left are about the key results themselves.
const OUTCOMES: Record<string, Example[]> = {
  // Guide 1 (000_…): its examples of good key results.
  "Make payments fast": [
    { title: "Reduce P99 latency of payment processing by 30%", target: "-30%", unit: "ms" },
    { title: "Increase user engagement by 15% with Feature X", target: "+15%", unit: "%" },
    { title: "Increase user engagement with Feature X by 20%", target: "+20%", unit: "%" },
  ],
  "Establish a world-class CI/CD pipeline": [
    { title: "Reduce deployment time by 50%", target: "-50%", unit: "min" },
    { title: "Reduce rollback rate to under 1%", target: "< 1", unit: "%" },
  ],
  // Guide 2 (001_…).
  "Make our platform reliable enough that customers trust us": [
    { title: "Reduce P1 incidents from 8/quarter to 2/quarter", baseline: 8, target: 2 },
    { title: "Improve checkout success rate from 94% to 98%", baseline: 94, target: 98, unit: "%" },
    { title: "Reduce mean time to recovery (MTTR) from 2 hours to 30 minutes", baseline: 120, target: 30, unit: "min" },
  ],
  "Connect engineering levers to business needs": [
    { title: "Reduce checkout page load time from 3.2s to 1.5s", baseline: 3.2, target: 1.5, unit: "s" },
    { title: "Achieve 99.95% uptime (from current 99.7%)", baseline: 99.7, target: ">= 99.95", unit: "%" },
    { title: "Reduce lead time from 14 days to 3 days", baseline: 14, target: 3, unit: "days" },
    { title: "Reduce cloud spend per transaction from $0.12 to $0.06", baseline: 0.12, target: 0.06, unit: "$" },
  ],
  "Use ungameable key results": [
    { title: "Reduce escaped bugs (bugs found in production) from 12/month to 4/month", baseline: 12, target: 4 },
    { title: "Reduce time from merge to production from 48 hours to 4 hours", baseline: 48, target: 4, unit: "h" },
    { title: "Reduce build time from 25 minutes to 8 minutes", baseline: 25, target: 8, unit: "min" },
  ],
  "Make infrastructure a competitive advantage": [
    { title: "Reduce deployment failure rate from 8% to 1%", baseline: 8, target: 1, unit: "%" },
    { title: "Achieve autoscaling response time < 60s for traffic spikes", target: "< 60", unit: "s" },
    { title: "Reduce infrastructure cost per active user from $2.40 to $1.50", baseline: 2.4, target: 1.5, unit: "$" },
  ],
  "Ship features that move business metrics": [
    { title: "Features shipped this quarter increase NPS by 5 points", target: "+5" },
    { title: "Reduce average bug fix time from 5 days to 1 day", baseline: 5, target: 1, unit: "days" },
    { title: "New features have < 2% error rate in first week post-launch", target: "< 2", unit: "%" },
  ],
  "Make data trustworthy and accessible": [
    { title: "Data pipeline freshness: all dashboards < 15 min stale", target: "< 15", unit: "min" },
    { title: "Reduce data quality incidents from 6/quarter to 1/quarter", baseline: 6, target: 1 },
    {
      title:
        "Self-serve analytics adoption: 80% of data requests resolved without data team intervention (currently 40%)",
      baseline: 40,
      target: 80,
      unit: "%",
    },
  ],
  "Make features pay off": [
    { title: "Feature X increases activation by 10% within 30 days of launch", target: "+10%", unit: "%" },
  ],
};

/** The ones the second guide calls gameable or outputs, with what the linter must say. */
const FLAGGED: Array<Example & { code: "vanity_metric" | "output_verb"; suggestion: RegExp }> = [
  {
    title: "Increase test coverage to 80%",
    target: 80,
    unit: "%",
    code: "vanity_metric",
    suggestion: /Reduce escaped bugs \(bugs found in production\) from 12\/month to 4\/month/,
  },
  {
    title: "Increase automated test coverage from 60% to 85%",
    baseline: 60,
    target: 85,
    code: "vanity_metric",
    suggestion: /escaped bugs/,
  },
  { title: "Reduce linting errors by 50%", target: "-50%", code: "vanity_metric", suggestion: /escaped bugs/ },
  {
    title: "Conduct 10 architecture reviews",
    baseline: 0,
    target: 10,
    code: "vanity_metric",
    suggestion: /outcome|incidents|escaped/i,
  },
  {
    title: "Deploy 3x more frequently",
    target: "+200%",
    code: "vanity_metric",
    suggestion: /Reduce time from merge to production from 48 hours to 4 hours/,
  },
  {
    title: "Increase deployment frequency to daily",
    baseline: 1,
    target: 5,
    code: "vanity_metric",
    suggestion: /merge to production/,
  },
  {
    title: "Reduce tech debt backlog by 50%",
    target: "-50%",
    code: "vanity_metric",
    suggestion: /Reduce build time from 25 minutes to 8 minutes/,
  },
  {
    title: "Ship feature X by date Y",
    baseline: 0,
    target: 1,
    code: "output_verb",
    suggestion: /increases .* within 30 days of launch/,
  },
  { title: "Complete Feature X", baseline: 0, target: 1, code: "output_verb", suggestion: /Say what it should change/ },
  { title: "Deploy Feature X", baseline: 0, target: 1, code: "output_verb", suggestion: /Say what it should change/ },
];

/** The OKR file, and each key result's path in it ("teams[0].objectives[1].key_results[2]"). */
function yamlOf(objectives: Record<string, Example[]>): { source: string; paths: Map<string, string> } {
  const kr = (e: Example) =>
    [
      `          - title: ${JSON.stringify(e.title)}`,
      e.baseline === undefined ? null : `            baseline: ${e.baseline}`,
      `            target: ${JSON.stringify(e.target)}`,
      e.unit ? `            unit: ${JSON.stringify(e.unit)}` : null,
      `            measured_by: Team dashboard`,
    ]
      .filter((l) => l !== null)
      .join("\n");
  // At most 5 objectives per team, as the guides ask.
  const entries = Object.entries(objectives);
  const teams = Array.from({ length: Math.ceil(entries.length / 5) }, (_, t) => entries.slice(t * 5, t * 5 + 5));
  const paths = new Map(
    teams.flatMap((team, t) =>
      team.flatMap(([, krs], o) =>
        krs.map((e, k) => [e.title, `teams[${t}].objectives[${o}].key_results[${k}]`] as const),
      ),
    ),
  );
  const source = [
    "cycle: 2026-Q4",
    "teams:",
    ...teams.flatMap((team, t) => [
      `  - name: Team ${t + 1}`,
      `    channel: C0TEAM${t + 1}`,
      "    objectives:",
      ...team.flatMap(([title, krs]) => [
        `      - title: ${JSON.stringify(title)}`,
        "        owner: U0LEAD",
        "        key_results:",
        ...krs.map(kr),
      ]),
    ]),
  ].join("\n");
  return { source, paths };
}

describe.each(PROVIDERS)("the guides' example key results on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeAll(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0GUIDES")).id;
  });
  afterAll(async () => t.cleanup());

  const findingsFor = (report: ImportReport, paths: Map<string, string>, title: string) =>
    report.warnings.filter((w) => w.path.startsWith(`${paths.get(title)!}.`));

  it("imports every outcome without a warning; a missing baseline is only a hint", async () => {
    const { source, paths } = yamlOf(OUTCOMES);
    const report = await importOkrs(t.db, workspaceId, source, new Date("2026-10-05T09:00:00Z"));
    const all = Object.values(OUTCOMES).flat();
    expect(report.keyResults.created).toBe(all.length);
    // About the key results themselves (the guides' groupings of 1–2 examples draw "too few key results" on their objective).
    expect(report.warnings.filter((w) => w.severity !== "hint" && w.code !== "too_few_key_results")).toEqual([]);
    for (const e of all) {
      const codes = findingsFor(report, paths, e.title).map((f) => `${f.severity} ${f.code}`);
      expect([e.title, codes]).toEqual([
        e.title,
        e.baseline === undefined && !/^[<>]/.test(String(e.target)) ? ["hint missing_baseline"] : [],
      ]);
    }
    const stored = await t.db.keyResult.findMany({ where: { objective: { team: { workspaceId } } } });
    const byTitle = new Map(stored.map((k) => [k.title, k]));
    expect(byTitle.get("Achieve 99.95% uptime (from current 99.7%)")).toMatchObject({
      baseline: 99.7,
      target: 99.95,
      comparator: ">=",
      direction: "increase",
    });
    expect(byTitle.get("New features have < 2% error rate in first week post-launch")).toMatchObject({
      target: 2,
      comparator: "<",
      baselineFromCheckIn: true,
    });
    expect(byTitle.get("Reduce P99 latency of payment processing by 30%")).toMatchObject({
      targetText: "-30%",
      baselineFromCheckIn: true,
      direction: "decrease",
    });
  });

  it("flags each gameable metric and output with the second guide's alternative", async () => {
    const { source, paths } = yamlOf({ "Improve code quality": FLAGGED.slice(0, 5), "Ship things": FLAGGED.slice(5) });
    const report = await importOkrs(t.db, workspaceId, source, new Date("2026-10-05T09:00:00Z"));
    expect(report.keyResults.created).toBe(FLAGGED.length);
    for (const e of FLAGGED) {
      const finding = findingsFor(report, paths, e.title).find((f) => f.code === e.code);
      expect([e.title, finding?.code]).toEqual([e.title, e.code]);
      expect(finding!.suggestion).toMatch(e.suggestion);
    }
  });
});
