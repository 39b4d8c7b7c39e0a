import { ensureWorkspace } from "../../src/db/workspaces";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { ImportError, importOkrs } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const NOW = new Date("2026-11-22T12:00:00Z");

const kr = (title: string, extra = "") => `          - title: ${title}
            baseline: 0
            target: 10
            measured_by: Dashboard
${extra}`;

// Written in the export's own layout, so that export(import(TREE)) is TREE itself.
const TREE = `cycle: 2026-Q4
teams:
  - name: Company
    channel: C0COMPANY
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Grow revenue
        key_results:
${kr("Reach 10 enterprise customers", "            weight: 2\n")}${kr("Launch in two new markets")}  - name: Engineering
    parent: Company
    channel: C0ENG
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Be reliable enough for enterprise
        aligns_to:
          team: Company
          objective: Grow revenue
        weight: 3
        key_results:
${kr("Hit 99.95% availability")}  - name: Payments
    parent: Sales
    channel: C0PAY
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Make checkout effortless
        aligns_to:
          team: Company
          objective: Grow revenue
        key_results:
${kr("Raise checkout success", "            weight: 0.5\n")}  - name: Platform
    parent: Engineering
    channel: C0PLATFORM
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Fewer incidents
        aligns_to:
          team: Engineering
          objective: Be reliable enough for enterprise
        key_results:
${kr("Cut P1 incidents")}  - name: Sales
    parent: Company
    channel: C0SALES
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Win enterprise deals
        aligns_to:
          team: Company
          objective: Grow revenue
        key_results:
${kr("Close 5 enterprise deals")}  - name: Search
    parent: Engineering
    channel: C0SEARCH
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives: []
  - name: Support
    parent: Sales
    channel: C0SUPPORT
    managers: []
    checkin:
      day: monday
      time: 09:00
    objectives: []
`;

describe.each(PROVIDERS)("the team tree and alignment in OKR files on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0TEST")).id;
  });
  afterEach(async () => t.cleanup());

  /** The line (1-based) where `text` first appears in `source`. */
  const lineOf = (source: string, text: string) => source.slice(0, source.indexOf(text)).split("\n").length;

  async function refusal(source: string) {
    const error = await importOkrs(t.db, workspaceId, source, NOW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).problems;
  }

  it("imports a company, two departments and four teams (children listed before parents) and exports them back unchanged", async () => {
    const report = await importOkrs(t.db, workspaceId, TREE, NOW);
    expect(report.teams.created).toBe(7);
    const teams = await t.db.team.findMany({ include: { parent: true }, orderBy: { name: "asc" } });
    expect(teams.map((x) => `${x.name}<${x.parent?.name ?? "-"}`)).toEqual([
      "Company<-",
      "Engineering<Company",
      "Payments<Sales",
      "Platform<Engineering",
      "Sales<Company",
      "Search<Engineering",
      "Support<Sales",
    ]);
    const fewer = await t.db.objective.findFirstOrThrow({
      where: { title: "Fewer incidents" },
      include: { alignsTo: true },
    });
    expect(fewer.alignsTo?.title).toBe("Be reliable enough for enterprise");
    const weights = await t.db.keyResult.findMany({ select: { title: true, weight: true }, orderBy: { title: "asc" } });
    expect(weights.filter((w) => w.weight !== 1)).toEqual([
      { title: "Raise checkout success", weight: 0.5 },
      { title: "Reach 10 enterprise customers", weight: 2 },
    ]);
    const objectiveWeights = await t.db.objective.findMany({
      where: { weight: { not: 1 } },
      select: { title: true, weight: true },
    });
    expect(objectiveWeights).toEqual([{ title: "Be reliable enough for enterprise", weight: 3 }]);
    expect(await exportOkrsYaml(t.db, workspaceId, "2026-Q4")).toBe(TREE);
    const again = await importOkrs(t.db, workspaceId, TREE, NOW);
    expect([again.teams, again.objectives, again.keyResults].map((c) => c.created + c.updated)).toEqual([0, 0, 0]);
  });

  it("changes an objective's weight with the file, back to 1 when the file leaves it out", async () => {
    await importOkrs(t.db, workspaceId, TREE, NOW);
    const weight = async () =>
      (await t.db.objective.findFirstOrThrow({ where: { title: "Be reliable enough for enterprise" } })).weight;
    const lighter = TREE.replace("        weight: 3\n", "        weight: 0.25\n");
    expect((await importOkrs(t.db, workspaceId, lighter, NOW)).objectives.updated).toBe(1);
    expect(await weight()).toBe(0.25);
    expect(await exportOkrsYaml(t.db, workspaceId, "2026-Q4")).toBe(lighter);
    const unweighted = TREE.replace("        weight: 3\n", "");
    expect((await importOkrs(t.db, workspaceId, unweighted, NOW)).objectives.updated).toBe(1);
    expect(await weight()).toBe(1);
    expect(await exportOkrsYaml(t.db, workspaceId, "2026-Q4")).toBe(unweighted);
  });

  it("imports a weight on an objective that aligns to nothing, with a hint that it has no effect", async () => {
    const source = TREE.replace("      - title: Grow revenue\n", "      - title: Grow revenue\n        weight: 2\n");
    const report = await importOkrs(t.db, workspaceId, source, NOW);
    expect(report.warnings.filter((w) => w.code === "weight_without_alignment")).toEqual([
      expect.objectContaining({
        severity: "hint",
        path: "teams[0].objectives[0].weight",
        line: lineOf(source, "weight: 2\n        key_results"),
      }),
    ]);
    expect((await t.db.objective.findFirstOrThrow({ where: { title: "Grow revenue" } })).weight).toBe(2);
  });

  it("moves a team and re-aligns an objective when the file says so", async () => {
    await importOkrs(t.db, workspaceId, TREE, NOW);
    const moved = TREE.replace(
      "  - name: Platform\n    parent: Engineering",
      "  - name: Platform\n    parent: Company",
    ).replace(
      "          team: Engineering\n          objective: Be reliable enough for enterprise",
      "          team: Company\n          objective: Grow revenue",
    );
    const report = await importOkrs(t.db, workspaceId, moved, NOW);
    expect(report.teams.updated).toBe(1);
    expect(report.objectives.updated).toBe(1);
    expect(await exportOkrsYaml(t.db, workspaceId, "2026-Q4")).toBe(moved);
  });

  it("takes a parent team and an objective to align to from the database when the file does not list them", async () => {
    await importOkrs(t.db, workspaceId, TREE, NOW);
    const alone = `cycle: 2026-Q4
teams:
  - name: Mobile
    parent: Engineering
    channel: C0MOBILE
    objectives:
      - title: Crash-free app
        aligns_to: { team: Company, objective: Grow revenue }
`;
    await importOkrs(t.db, workspaceId, alone, NOW);
    const mobile = await t.db.objective.findFirstOrThrow({
      where: { title: "Crash-free app" },
      include: { alignsTo: true, team: { include: { parent: true } } },
    });
    expect([mobile.team.parent?.name, mobile.alignsTo?.title]).toEqual(["Engineering", "Grow revenue"]);
  });

  it.each([
    [
      "a cycle in the team tree",
      TREE.replace("  - name: Company\n", "  - name: Company\n    parent: Platform\n"),
      "parent: Platform",
      "teams[0].parent",
      /cycle in the team tree: Company → Platform → Engineering → Company/,
    ],
    [
      "a team that is its own parent",
      TREE.replace("    parent: Sales\n    channel: C0SUPPORT", "    parent: Support\n    channel: C0SUPPORT"),
      "parent: Support",
      "teams[6].parent",
      /its own parent/,
    ],
    [
      "an unknown parent team",
      TREE.replace("parent: Sales\n    channel: C0PAY", "parent: Salse\n    channel: C0PAY"),
      "parent: Salse",
      "teams[2].parent",
      /no team is named "Salse"/,
    ],
    [
      "an unknown team to align to",
      TREE.replace("team: Engineering\n", "team: Engineeering\n"),
      "team: Engineeering",
      "teams[3].objectives[0].aligns_to.team",
      /no team is named "Engineeering"/,
    ],
    [
      "an unknown objective",
      TREE.replace("objective: Be reliable enough for enterprise", "objective: Be reliable"),
      "objective: Be reliable\n",
      "teams[3].objectives[0].aligns_to.objective",
      /"Engineering" has no objective "Be reliable" in 2026-Q4/,
    ],
    [
      "a team that is not an ancestor",
      TREE.replace(
        "          team: Company\n          objective: Grow revenue\n        key_results:\n          - title: Raise",
        "          team: Engineering\n          objective: Be reliable enough for enterprise\n        key_results:\n          - title: Raise",
      ),
      "team: Engineering\n          objective: Be reliable enough for enterprise\n        key_results:\n          - title: Raise",
      "teams[2].objectives[0].aligns_to.team",
      /"Engineering" is not an ancestor of "Payments": its ancestors are "Sales", "Company"/,
    ],
    [
      "a sibling team's objective",
      TREE.replace(
        "          team: Engineering\n          objective: Be reliable enough for enterprise",
        "          team: Search\n          objective: Be reliable enough for enterprise",
      ),
      "team: Search",
      "teams[3].objectives[0].aligns_to.team",
      /"Search" is not an ancestor/,
    ],
    [
      "a key result weighing 0",
      TREE.replace("weight: 2", "weight: 0"),
      "weight: 0\n",
      "teams[0].objectives[0].key_results[0].weight",
      /greater than 0/,
    ],
    [
      "an objective weighing 0",
      TREE.replace("        weight: 3\n", "        weight: 0\n"),
      "        weight: 0\n",
      "teams[1].objectives[0].weight",
      /greater than 0/,
    ],
    [
      "an objective weighing infinitely much",
      TREE.replace("        weight: 3\n", "        weight: .inf\n"),
      "weight: .inf",
      "teams[1].objectives[0].weight",
      /a number greater than 0/,
    ],
    [
      "a negative weight",
      TREE.replace("weight: 0.5", "weight: -1"),
      "weight: -1",
      "teams[2].objectives[0].key_results[0].weight",
      /greater than 0/,
    ],
  ])("refuses %s, saying where, and writes nothing", async (_what, source, at, path, message) => {
    expect(source).toContain(at);
    const problems = await refusal(source);
    expect(problems[0]).toMatchObject({ path, line: lineOf(source, at) });
    expect(problems[0]!.message).toMatch(message);
    expect(await t.db.team.count()).toBe(0);
  });

  it("refuses an objective of another cycle", async () => {
    await importOkrs(t.db, workspaceId, TREE.replace("cycle: 2026-Q4", "cycle: 2026-Q3"), NOW);
    const q4 = `cycle: 2026-Q4
teams:
  - name: Platform
    parent: Engineering
    channel: C0PLATFORM
    objectives:
      - title: Fewer incidents
        aligns_to: { team: Engineering, objective: Be reliable enough for enterprise }
`;
    const problems = await refusal(q4);
    expect(problems).toEqual([
      {
        path: "teams[0].objectives[0].aligns_to.objective",
        line: 8,
        message:
          '"Be reliable enough for enterprise" is an objective of 2026-Q3, not of 2026-Q4: an objective aligns within its own cycle',
      },
    ]);
  });
});
