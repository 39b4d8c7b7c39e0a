import { progress } from "../../src/domain/progress";
import {
  objectiveProgress,
  rollUp,
  weightedMean,
  weightProblem,
  weightsDiffer,
  type AlignedObjective,
} from "../../src/domain/rollup";

const kr = (p: number | null, weight?: number, archived?: boolean) => ({
  progress: p,
  ...(weight !== undefined ? { weight } : {}),
  ...(archived ? { archived } : {}),
});
const objective = (
  keyResults: AlignedObjective["keyResults"],
  children: AlignedObjective[] = [],
  extra: Partial<AlignedObjective> = {},
): AlignedObjective => ({
  keyResults,
  children,
  ...extra,
});

describe("an objective's progress", () => {
  it.each([
    ["no key results", [], null],
    ["one key result", [kr(0.4)], 0.4],
    ["equal weights: the plain mean", [kr(0.2), kr(0.6), kr(1)], 0.6],
    ["weight 2 counts twice", [kr(0.9, 2), kr(0.3)], 0.7],
    ["fractional weights", [kr(1, 0.5), kr(0, 1.5)], 0.25],
    ["archived key results left out", [kr(1), kr(0, 1, true)], 1],
    ["only archived key results", [kr(1, 1, true)], null],
    ["a key result with nothing to score yet is left out", [kr(null), kr(0.5)], 0.5],
    ["nothing to score at all", [kr(null), kr(null)], null],
    [
      "a key result not scored yet is left out, whatever its progress says",
      [{ progress: 0, weight: 5, scored: false }, kr(0.5)],
      0.5,
    ],
    ["scored key results count, even at 0", [{ progress: 0, scored: true }, kr(0.5)], 0.25],
    ["all weights 0 (refused at input): nothing to average", [kr(1, 0), kr(0.5, 0)], null],
  ])("%s", (_what, keyResults, expected) => {
    const got = objectiveProgress(keyResults);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it("mixes increase and decrease key results by their progress, not their raw values", () => {
    const incidents = progress({ baseline: 8, target: 2, direction: "decrease" }, 5); // 0.5
    const checkout = progress({ baseline: 94, target: 98, direction: "increase" }, 97); // 0.75
    const latency = progress({ baseline: 300, target: 200, direction: "decrease" }, 320); // the wrong way: 0
    expect([incidents, checkout, latency]).toEqual([0.5, 0.75, 0]);
    expect(objectiveProgress([kr(incidents, 2), kr(checkout, 1), kr(latency, 1)])).toBeCloseTo(0.4375, 10);
  });

  it("says whether weights differ among active key results", () => {
    expect(weightsDiffer([{}, { weight: 1 }])).toBe(false);
    expect(weightsDiffer([{ weight: 2 }, {}])).toBe(true);
    expect(weightsDiffer([{}, { weight: 3, archived: true }])).toBe(false);
  });

  it.each([
    [1, null],
    [0.25, null],
    [0, "should be greater than 0"],
    [-2, "should be greater than 0"],
    [Number.NaN, "should be a number"],
    [Number.POSITIVE_INFINITY, "should be a number"],
  ])("weight %p: %p", (weight, problem) => {
    expect(weightProblem(weight)).toBe(problem);
  });

  it("a weighted mean skips non-finite progress", () => {
    expect(weightedMean([{ progress: Number.NaN }, { progress: 0.3 }])).toBeCloseTo(0.3, 10);
  });
});

describe("a parent objective's roll-up", () => {
  it.each<[string, AlignedObjective, number | null, number | null]>([
    ["no aligned objectives: only its own figure", objective([kr(0.5)]), 0.5, null],
    [
      "children by their own key results, equal weights",
      objective([kr(0.1)], [objective([kr(0.2)]), objective([kr(0.6)])]),
      0.1,
      0.4,
    ],
    [
      "children weighted by their weights",
      objective([], [objective([kr(1)], [], { weight: 3 }), objective([kr(0)])]),
      null,
      0.75,
    ],
    [
      "archived children left out",
      objective([kr(0)], [objective([kr(1)]), objective([kr(0)], [], { archived: true })]),
      0,
      1,
    ],
    ["only archived children", objective([kr(0.3)], [objective([kr(1)], [], { archived: true })]), 0.3, null],
    [
      "children with nothing to score left out",
      objective([], [objective([]), objective([kr(null)]), objective([kr(0.8)])]),
      null,
      0.8,
    ],
    [
      "a child without key results of its own counts by its own roll-up",
      objective([], [objective([], [objective([kr(1)]), objective([kr(0.5)])]), objective([kr(0.25)])]),
      null,
      0.5,
    ],
    [
      "a child with key results counts by them, not by its grandchildren",
      objective([], [objective([kr(0.2)], [objective([kr(1)])])]),
      null,
      0.2,
    ],
    [
      "equal weights other than 1 are the plain mean",
      objective([], [objective([kr(1)], [], { weight: 2 }), objective([kr(0)], [], { weight: 2 })]),
      null,
      0.5,
    ],
    [
      "a lighter child counts less",
      objective([], [objective([kr(0.9)], [], { weight: 0.5 }), objective([kr(0.3)])]),
      null,
      0.5,
    ],
    [
      "an archived heavy child is left out with its weight",
      objective([], [objective([kr(1)], [], { weight: 9, archived: true }), objective([kr(0.2)])]),
      null,
      0.2,
    ],
    [
      "a heavy child with nothing to score is left out with its weight",
      objective([], [objective([kr(null)], [], { weight: 9 }), objective([kr(0.2)])]),
      null,
      0.2,
    ],
    [
      "a weighted child that counts by its own roll-up brings its weight, not its children's",
      objective(
        [],
        [objective([], [objective([kr(1)], [], { weight: 3 }), objective([kr(0)])], { weight: 3 }), objective([kr(0)])],
      ),
      null,
      0.5625,
    ],
    [
      "the objective's own weight does not change its own figures",
      objective([kr(0.4)], [objective([kr(0.8)])], { weight: 7 }),
      0.4,
      0.8,
    ],
    [
      "a child's weighted key results, then the children's weights",
      objective([kr(1)], [objective([kr(1, 3), kr(0, 1)]), objective([kr(0)], [], { weight: 0.5 })]),
      1,
      0.5,
    ],
  ])("%s", (_what, tree, own, rollup) => {
    const got = rollUp(tree);
    for (const [g, e] of [
      [got.own, own],
      [got.rollup, rollup],
    ] as const) {
      if (e === null) expect(g).toBeNull();
      else expect(g).toBeCloseTo(e, 10);
    }
  });
});
