// `/okr tree`'s message stays within Slack's limits whatever the shape of the tree.
import { treeMessage } from "../../src/blocks/tree";
import { buildTree, type TreeObjectiveInput, type TreeTeam } from "../../src/domain/tree";
import { blocksTextLength, findPings, LIMITS, validateBlocks } from "../../src/sandbox";
import { leadershipMessages } from "../../src/blocks/leadership";
import { buildDigest } from "../../src/domain/digest";
import { buildLeadershipDigest } from "../../src/domain/leadership";
import { parseCycleKey } from "../../src/domain/time";
import { objectives } from "../helpers/okrFactory";

const LONG = "Make our platform reliable enough that customers trust us & never <think> twice ".repeat(3);

function tree(teamCount: number, objectivesEach: number, chain: boolean) {
  const teams: TreeTeam[] = Array.from({ length: teamCount }, (_, i) => ({
    id: i + 1,
    name: `Team ${i + 1} ${"x".repeat(60)}`,
    parentId: i === 0 ? null : chain ? i : 1,
  }));
  const objectives: TreeObjectiveInput[] = teams.flatMap((t) =>
    Array.from({ length: objectivesEach }, (_, o) => ({
      id: t.id * 10_000 + o,
      teamId: t.id,
      title: `${LONG}${o}`,
      ownerSlackId: "U0OWNER",
      alignsToId: t.parentId === null ? null : t.parentId * 10_000,
      // Siblings differ in weight, so every aligned objective shows its weight.
      weight: (t.id + o) % 2 === 0 ? 1 : 12.25,
      keyResults: [{ progress: 0.5, confidence: "at_risk" as const }],
    })),
  );
  return buildTree(1, teams, objectives)!;
}

describe.each([
  ["one team with 1000 objectives", 1, 1000, false],
  ["a chain 40 teams deep", 40, 5, true],
  ["a company with 300 direct teams", 300, 1, false],
  ["a small tree", 3, 2, true],
] as const)("the tree message for %s", (_what, teams, each, chain) => {
  it("is valid Block Kit within a message's limits, and says when something was left out", () => {
    const message = treeMessage({ root: tree(teams, each, chain), cycleKey: "2026-Q4", week: "2026-W48" });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksTotalText);
    const text = JSON.stringify(message.blocks);
    if (teams * each > 20) expect(text).toMatch(/folded to fit|not shown here/);
    else expect(text).not.toMatch(/folded to fit|not shown here/);
    // Weights show on the aligned objectives in view, and the header says what they mean only then.
    if (teams > 1 && !chain) expect(text).toContain(":heavy_plus_sign: 299 teams below");
    else if (teams > 1) expect(text).toContain("* ×12.25");
    expect(text.includes("* ×12.25")).toBe(text.includes("×2 = counts twice"));
  });
});

describe("the leadership digest", () => {
  const cycle = parseCycleKey("2026-Q4", "UTC");
  const digest = (name: string, count: number) =>
    buildDigest({
      teamName: `${name} ${"<!here> & ".repeat(10)}`,
      cycle,
      week: "2026-W48",
      now: new Date("2026-11-27T16:00:00Z"),
      timeZone: "UTC",
      objectives: objectives(count, 2),
    });

  it.each([
    [0, 0],
    [3, 2],
    [8, 60],
  ])("with %i child teams of %i objectives each is split into valid messages that ping nobody", (children, each) => {
    const d = buildLeadershipDigest({
      team: digest("Company", 5),
      rollups: new Map(),
      // The longest weight mark on every line.
      weights: new Map(Array.from({ length: 60 }, (_, i) => [i + 1, 12.25])),
      children: Array.from({ length: children }, (_, i) => digest(`Team ${i}`, each)),
    });
    const messages = leadershipMessages(d);
    for (const m of messages) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(blocksTextLength(m.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksTotalText);
      expect(findPings(m)).toEqual([]);
    }
    const all = messages.map((m) => JSON.stringify(m.blocks)).join("");
    for (let i = 0; i < children; i++) expect(all).toContain(`Team ${i}`);
    expect(all).toContain(" ×12.25");
  });
});
