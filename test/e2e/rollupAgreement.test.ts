// The roll-up figures every surface shows — the digest, the leadership digest, /okr tree and the
// App Home — agree with the domain functions, computed here from the numbers themselves. A threshold
// key result counts by its share of check-ins met; one that cannot be scored yet (measure-first,
// before its first check-in) is left out, not counted as 0.
import { formatPercent, progress } from "../../src/domain/progress";
import { objectiveProgress, rollUp } from "../../src/domain/rollup";
import { isComparator, meets } from "../../src/domain/targets";
import { objectiveFigures } from "../../src/domain/tree";
import { leadershipDigest } from "../../src/services/leadership";
import { cycleObjectives } from "../../src/services/tree";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Company
    channel: C0COMPANY
    objectives:
      - title: Grow revenue
        key_results:
          - { title: Revenue, owner: U0CEO, baseline: 0, target: 100, weight: 2, measured_by: Finance }
          - { title: Markets, owner: U0CEO, baseline: 0, target: 10, measured_by: Finance }
  - name: Engineering
    parent: Company
    channel: C0ENG
    objectives:
      - title: Be reliable
        aligns_to: { team: Company, objective: Grow revenue }
        weight: 3
        key_results:
          - { title: Availability, owner: U0ENG, baseline: 99, target: 100, weight: 3, measured_by: SLO }
          - { title: Regions, owner: U0ENG, baseline: 0, target: 4, measured_by: Infra }
          - { title: Latency, owner: U0ENG, target: "-30%", unit: ms, weight: 5, measured_by: APM }
  - name: Sales
    parent: Company
    channel: C0SALES
    objectives:
      - title: Win deals
        aligns_to: { team: Company, objective: Grow revenue }
        key_results:
          - { title: Deals, owner: U0SALES, baseline: 0, target: 20, measured_by: CRM }
          - { title: Reply time, owner: U0SALES, target: "< 60", unit: min, measured_by: Helpdesk }
  - name: Platform
    parent: Engineering
    channel: C0PLATFORM
    objectives:
      - title: Fewer incidents
        aligns_to: { team: Engineering, objective: Be reliable }
        key_results:
          - { title: P1 incidents, owner: U0PLAT, baseline: 8, target: 2, measured_by: Tracker }
`;

/** This week's values (2026-W48); Latency has none (measure-first: nothing to score yet). */
const VALUES: Record<string, number> = {
  Revenue: 50,
  Markets: 8,
  Availability: 99.5,
  Regions: 1,
  Deals: 15,
  "Reply time": 45,
  "P1 incidents": 5,
};
/** The week before's (2026-W47): the threshold was not met then, and is now. */
const WEEK_BEFORE: Record<string, number> = { Availability: 99.2, "Reply time": 75 };

describe.each(PROVIDERS)("roll-up figures agree everywhere on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    for (const id of ["U0CEO", "U0ENG", "U0SALES", "U0PLAT"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
    await s.importYaml(OKRS);
    for (const [title, value] of Object.entries(VALUES)) {
      const kr = await db().keyResult.findFirstOrThrow({ where: { title } });
      await db().checkIn.create({
        data: { keyResultId: kr.id, authorId: kr.ownerId!, week: "2026-W48", value, confidence: "on_track" },
      });
    }
    for (const [title, value] of Object.entries(WEEK_BEFORE)) {
      const kr = await db().keyResult.findFirstOrThrow({ where: { title } });
      await db().checkIn.create({
        data: { keyResultId: kr.id, authorId: kr.ownerId!, week: "2026-W47", value, confidence: "at_risk" },
      });
    }
    s.clock.now = new Date("2026-11-27T17:00:00Z");
  });
  afterEach(async () => s.close());

  /** The domain's figures, from the key results as stored and the values of the weeks given (oldest first). */
  async function expected() {
    const objectives = await db().objective.findMany({ include: { keyResults: true } });
    type Stored = (typeof objectives)[number]["keyResults"][number];
    const score = (kr: Stored, weeks: Array<Record<string, number>>): number | null => {
      const values = weeks.map((w) => w[kr.title]).filter((v): v is number => v !== undefined);
      if (isComparator(kr.comparator))
        return values.length === 0
          ? null
          : values.filter((v) => meets(kr.comparator as "<", kr.target, v)).length / values.length;
      if (kr.baselineFromCheckIn && values.length === 0) return null;
      const direction = kr.direction as "increase" | "decrease";
      return progress({ baseline: kr.baseline, target: kr.target, direction }, values.at(-1) ?? kr.baseline);
    };
    const own = (title: string, weeks = [WEEK_BEFORE, VALUES]) =>
      objectives
        .find((x) => x.title === title)!
        .keyResults.map((kr) => ({ progress: score(kr, weeks), weight: kr.weight }));
    const weight = (title: string) => objectives.find((x) => x.title === title)!.weight;
    const platform = { keyResults: own("Fewer incidents"), weight: weight("Fewer incidents"), children: [] };
    const engineering = { keyResults: own("Be reliable"), weight: weight("Be reliable"), children: [platform] };
    const sales = { keyResults: own("Win deals"), weight: weight("Win deals"), children: [] };
    const company = { keyResults: own("Grow revenue"), children: [engineering, sales] };
    const lastWeek = objectiveProgress(own("Be reliable", [WEEK_BEFORE]))!;
    return {
      company: rollUp(company),
      // What the company's roll-up would be if Engineering's objective had no weight of its own.
      companyUnweighted: rollUp({ ...company, children: [{ ...engineering, weight: 1 }, sales] }),
      engineeringWeight: engineering.weight,
      engineering: rollUp(engineering),
      sales: rollUp(sales),
      engineeringChange: Math.round((rollUp(engineering).own! - lastWeek) * 100),
      // What counting the unscored key result as 0 would show instead.
      engineeringIfUnscoredWereZero: objectiveProgress(
        own("Be reliable").map((kr) => ({ ...kr, progress: kr.progress ?? 0 })),
      ),
      salesLastWeek: objectiveProgress(own("Win deals", [WEEK_BEFORE])),
    };
  }
  const pct = (n: number | null) => formatPercent(n!);

  it("in the digest, the leadership digest, /okr tree and the App Home", async () => {
    const want = await expected();
    // The figures are not trivial: weights and alignment change them.
    expect([
      pct(want.company.own),
      pct(want.company.rollup),
      pct(want.engineering.own),
      pct(want.engineering.rollup),
      want.engineeringChange,
    ]).toEqual(["60%", "48%", "44%", "50%", 29]);
    // Engineering's objective weighs 3 in the company's roll-up; without that it would be 53%.
    expect([want.engineeringWeight, pct(want.companyUnweighted.rollup)]).toEqual([3, "53%"]);
    // Left out, the unscored key result (weight 5) changes the figure; the threshold counts half met.
    expect(pct(want.engineeringIfUnscoredWereZero)).toBe("19%");
    expect(pct(want.sales.own)).toBe("63%");

    await s.runJob("digest");
    const posted = (channel: string, kind: string) =>
      JSON.stringify(s.sandbox.messages(channel).find((m) => m.text.includes(kind))!.blocks);
    // The team digests.
    expect(posted("C0COMPANY", "OKR digest")).toContain(
      `*Grow revenue*\\n${"▰".repeat(6)}${"▱".repeat(4)} ${pct(want.company.own)} · aligned: ${pct(want.company.rollup)}`,
    );
    expect(posted("C0ENG", "OKR digest")).toContain(
      `${pct(want.engineering.own)} · aligned: ${pct(want.engineering.rollup)}`,
    );
    expect(posted("C0COMPANY", "OKR digest")).toContain("weight 2");
    expect(posted("C0SALES", "OKR digest")).toContain(
      `*Win deals*\\n${"▰".repeat(6)}${"▱".repeat(4)} ${pct(want.sales.own)}`,
    );
    // The leadership digest: its own objective, then the children's lines with the change since last week.
    const leadership = posted("C0COMPANY", "leadership digest");
    // Nothing was checked in before this week, so the change is the whole progress.
    expect(leadership).toContain(
      `${pct(want.company.own)} · +${Math.round(want.company.own! * 100)} pts this week · :large_green_circle: · Grow revenue · aligned: ${pct(want.company.rollup)}`,
    );
    expect(leadership).toContain(
      `${pct(want.engineering.own)} · +${want.engineeringChange} pts this week · :large_green_circle: · Be reliable ×3`,
    );
    expect(leadership).toContain(
      `${pct(want.sales.own)} · +${Math.round((want.sales.own! - want.salesLastWeek!) * 100)} pts this week · :large_green_circle: · Win deals ×1`,
    );

    // /okr tree.
    const before = s.sandbox.responses().length;
    await s.requester.command({ user: "U0PLAT", text: "tree" });
    const tree = JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    expect(tree).toContain(
      `${pct(want.company.own)} · :large_green_circle: · _no owner_ · 2 KRs · *Grow revenue* · aligned 2 objectives: ${pct(want.company.rollup)}`,
    );
    expect(tree).toContain(
      `${pct(want.engineering.own)} · :large_green_circle: · _no owner_ · 3 KRs · *Be reliable* ×3 · aligned 1 objective: ${pct(want.engineering.rollup)}`,
    );
    expect(tree).toContain("2 KRs · *Win deals* ×1");
    // Platform is the only objective serving Engineering's: no weight to compare, none shown.
    expect(tree).toContain("1 KR · *Fewer incidents*");
    expect(tree).not.toContain("*Fewer incidents* ×");

    // The App Home of an Engineering owner: the team's objective, and the line their key results serve.
    await s.requester.appHomeOpened({ user: "U0ENG" });
    const home = JSON.stringify((await waitFor(() => s.sandbox.home("U0ENG"), { timeoutMs: 5000 })).view);
    expect(home).toContain(`${pct(want.engineering.own)} · Be reliable (3 KRs)`);
    // A Sales owner's: the threshold key result counts by its share of check-ins met.
    await s.requester.appHomeOpened({ user: "U0SALES" });
    const salesHome = JSON.stringify((await waitFor(() => s.sandbox.home("U0SALES"), { timeoutMs: 5000 })).view);
    expect(salesHome).toContain(`${pct(want.sales.own)} · Win deals (2 KRs)`);
    expect(home).toContain("_→ Engineering: Be reliable → Company: Grow revenue_");
  });
});

describe.each(PROVIDERS)("a roll-up across cadences on %s", (provider) => {
  let s: TestStack;
  afterEach(async () => s.close());

  it("counts a weekly child's check-in this week under a biweekly parent", async () => {
    const now = new Date("2026-12-04T17:00:00Z"); // Friday of 2026-W49; the biweekly parent's period is W48
    s = await startTestStack(provider, now);
    await s.importYaml(`cycle: 2026-Q4
teams:
  - name: Sales
    channel: C0SALES
    checkin: { day: monday, time: "09:00", cadence: biweekly }
    objectives:
      - title: Win deals
        key_results:
          - { title: Deals, owner: U0CRO, baseline: 0, target: 10, measured_by: CRM }
  - name: Payments
    parent: Sales
    channel: C0PAY
    objectives:
      - title: Checkout
        aligns_to: { team: Sales, objective: Win deals }
        key_results:
          - { title: Success, owner: U0PAY, baseline: 0, target: 100, measured_by: PSP }
`);
    const db = s.bot.database.db;
    const kr = await db.keyResult.findFirstOrThrow({ where: { title: "Success" } });
    const person = await db.person.findFirstOrThrow({ where: { slackUserId: "U0PAY" } });
    await db.checkIn.create({
      data: { keyResultId: kr.id, authorId: person.id, week: "2026-W49", value: 80, confidence: "on_track" },
    });
    const sales = await db.team.findFirstOrThrow({ where: { name: "Sales" } });
    const cycle = await db.cycle.findFirstOrThrow();
    const digest = await leadershipDigest(db, sales, cycle, now);
    expect(digest.children[0]!.objectives[0]!.own).toBeCloseTo(0.8);
    expect(digest.objectives[0]!.rollup).toBeCloseTo(0.8);
    // What the team digest and /okr tree take their roll-ups from.
    const figures = objectiveFigures(await cycleObjectives(db, s.workspaceId, cycle.id, now));
    expect(figures.get(digest.objectives[0]!.id)?.rollup).toBeCloseTo(0.8);
  });
});
