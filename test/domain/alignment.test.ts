import { ancestorsOf, parentCycle, parentsFirst, servedLine } from "../../src/domain/alignment";
import {
  alignableObjectives,
  buildTree,
  eligibleParents,
  leastConfident,
  objectiveFigures,
  shownWeights,
  topTeam,
  type TreeObjectiveInput,
} from "../../src/domain/tree";

const parents = new Map<string, string | null>([
  ["Company", null],
  ["Engineering", "Company"],
  ["Platform", "Engineering"],
  ["Loop A", "Loop B"],
  ["Loop B", "Loop A"],
  ["Under loop", "Loop A"],
]);

describe("the team tree", () => {
  it.each([
    ["Platform", ["Engineering", "Company"]],
    ["Company", []],
    ["Unknown", []],
    ["Under loop", ["Loop A", "Loop B"]],
  ])("ancestors of %s", (team, expected) => expect(ancestorsOf(team, parents)).toEqual(expected));

  it.each([
    ["Platform", null],
    ["Loop A", ["Loop A", "Loop B", "Loop A"]],
    ["Under loop", null], // the loop above it is reported for its own members
  ])("the cycle through %s", (team, expected) => expect(parentCycle(team, parents)).toEqual(expected));

  it("orders parents before children, keeping the file's order otherwise", () => {
    const teams = ["Platform", "Search", "Company", "Engineering"].map((name) => ({ name }));
    const tree = new Map([...parents, ["Search", "Engineering"]]);
    expect(parentsFirst(teams, tree).map((t) => t.name)).toEqual(["Company", "Engineering", "Platform", "Search"]);
  });

  const teams = [
    { id: 1, name: "Company", parentId: null },
    { id: 2, name: "Engineering", parentId: 1 },
    { id: 3, name: "Platform", parentId: 2 },
    { id: 4, name: "Sales", parentId: 1 },
    { id: 5, name: "Other company", parentId: null },
  ];

  it.each([
    [null, [1, 2, 3, 4, 5]],
    [1, [5]],
    [2, [1, 4, 5]],
    [3, [1, 2, 4, 5]],
  ])("a team %p may belong to any team but itself and those below it", (id, expected) => {
    expect(eligibleParents(id, teams).map((t) => t.id)).toEqual(expected);
  });

  it("finds the top of a team's tree, even through a loop", () => {
    expect(topTeam(3, teams)).toBe(1);
    expect(topTeam(5, teams)).toBe(5);
    expect([1, 2]).toContain(
      topTeam(1, [
        { id: 1, name: "A", parentId: 2 },
        { id: 2, name: "B", parentId: 1 },
      ]),
    ); // ends, in the loop
  });

  it("offers the objectives of the teams above, grouped by team, none of its own or a sibling's", () => {
    const objectives = [
      { id: 10, teamId: 1, title: "Grow" },
      { id: 20, teamId: 2, title: "Reliable" },
      { id: 30, teamId: 3, title: "Incidents" },
      { id: 40, teamId: 4, title: "Deals" },
    ];
    expect(alignableObjectives(teams, [3], objectives)).toEqual([
      { team: "Company", objectives: [{ id: 10, title: "Grow" }] },
      { team: "Engineering", objectives: [{ id: 20, title: "Reliable" }] },
    ]);
    expect(alignableObjectives(teams, [1, 5], objectives)).toEqual([]);
  });
});

describe("objective figures across the tree", () => {
  const o = (
    id: number,
    teamId: number,
    alignsToId: number | null,
    progress: Array<number | null>,
    archived = false,
  ): TreeObjectiveInput => ({
    id,
    teamId,
    title: `O${id}`,
    ownerSlackId: null,
    alignsToId,
    keyResults: progress.map((p) => ({ progress: p, confidence: null, archived })),
  });

  it("rolls up aligned objectives, leaving out archived ones, and counts only the active ones as aligned", () => {
    const objectives = [o(1, 1, null, [0.2]), o(2, 2, 1, [0.4]), o(3, 2, 1, [1], true), o(4, 3, 2, [0.9])];
    const figures = objectiveFigures(objectives);
    expect(figures.get(1)).toEqual({ own: 0.2, rollup: 0.4 });
    expect(figures.get(2)).toEqual({ own: 0.4, rollup: 0.9 });
    const tree = buildTree(
      1,
      [
        { id: 1, name: "C", parentId: null },
        { id: 2, name: "E", parentId: 1 },
        { id: 3, name: "P", parentId: 2 },
      ],
      objectives,
    )!;
    expect(tree.objectives[0]).toMatchObject({ aligned: 1, keyResults: 1 });
    expect(tree.children[0]!.objectives.map((x) => [x.id, x.archived, x.keyResults])).toEqual([
      [2, false, 1],
      [3, true, 0],
    ]);
  });

  it("weights each aligned objective by its weight, and shows weights only where siblings differ", () => {
    const weighted = (x: TreeObjectiveInput, weight: number): TreeObjectiveInput => ({ ...x, weight });
    const objectives = [
      o(1, 1, null, [0]),
      weighted(o(2, 2, 1, [1]), 3),
      o(3, 2, 1, [0]),
      // Archived: neither counts nor makes its siblings' weights differ.
      weighted(o(4, 2, 1, [1], true), 5),
      o(5, 1, null, [0]),
      weighted(o(6, 2, 5, [1]), 2),
      weighted(o(7, 2, 5, [0]), 2),
      // Unaligned: its weight has no effect and is not shown.
      weighted(o(8, 1, null, [0.5]), 4),
    ];
    const figures = objectiveFigures(objectives);
    expect(figures.get(1)).toEqual({ own: 0, rollup: 0.75 });
    expect(figures.get(5)).toEqual({ own: 0, rollup: 0.5 });
    // Without the weight the same tree rolls up to the plain mean: the weight makes the difference.
    expect(objectiveFigures(objectives.map(({ weight: _w, ...x }) => x)).get(1)).toEqual({ own: 0, rollup: 0.5 });
    expect(shownWeights(objectives)).toEqual(
      new Map([
        [2, 3],
        [3, 1],
      ]),
    );
    const tree = buildTree(
      1,
      [
        { id: 1, name: "C", parentId: null },
        { id: 2, name: "E", parentId: 1 },
      ],
      objectives,
    )!;
    expect(tree.objectives.map((x) => [x.id, x.rollup, x.weight])).toEqual([
      [1, 0.75, null],
      [5, 0.5, null],
      [8, null, null],
    ]);
    expect(tree.children[0]!.objectives.map((x) => [x.id, x.weight])).toEqual([
      [2, 3],
      [3, 1],
      [4, null],
      [6, null],
      [7, null],
    ]);
  });

  it("survives an alignment loop the database should never hold", () => {
    const figures = objectiveFigures([o(1, 1, 2, [0.5]), o(2, 1, 1, [0.1])]);
    expect(figures.get(1)).toEqual({ own: 0.5, rollup: 0.1 });
  });

  it("takes the least confident of the key results", () => {
    expect(leastConfident([null, "on_track", "at_risk"])).toBe("at_risk");
    expect(leastConfident(["off_track", "on_track"])).toBe("off_track");
    expect(leastConfident([null])).toBeNull();
  });

  it("says the line an objective serves, up the tree, stopping at a loop", () => {
    const byId = new Map([
      [1, { team: "Company", title: "Grow", alignsToId: null }],
      [2, { team: "Engineering", title: "Reliable", alignsToId: 1 }],
      [3, { team: "Platform", title: "Incidents", alignsToId: 2 }],
      [8, { team: "X", title: "Loop", alignsToId: 9 }],
      [9, { team: "Y", title: "Loop", alignsToId: 8 }],
    ]);
    expect(servedLine(3, byId).map((s) => s.team)).toEqual(["Platform", "Engineering", "Company"]);
    expect(servedLine(8, byId).map((s) => s.team)).toEqual(["X", "Y"]);
    expect(servedLine(99, byId)).toEqual([]);
  });
});
