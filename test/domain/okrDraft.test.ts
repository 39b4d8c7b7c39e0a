import {
  checkKeyResultDraft,
  checkObjectiveDraft,
  warningsFingerprint,
  type KeyResultDraft,
  type ObjectiveDraft,
} from "../../src/domain/okrDraft";

const kr = (over: Partial<KeyResultDraft> = {}): KeyResultDraft => ({
  title: "Reduce P1 incidents",
  ownerSlackId: "U0ALICE",
  baseline: "8",
  target: "2",
  unit: "",
  measuredBy: "Incident tracker",
  ...over,
});
const empty = (): KeyResultDraft => ({
  title: "",
  ownerSlackId: null,
  baseline: "",
  target: "",
  unit: "",
  measuredBy: "",
});
const objective = (keyResults: KeyResultDraft[], over: Partial<ObjectiveDraft> = {}): ObjectiveDraft => ({
  title: "Make the platform reliable",
  why: "",
  ownerSlackId: "U0LEAD",
  keyResults,
  ...over,
});
const three = () => [
  kr(),
  kr({ title: "Reduce P2 incidents", baseline: "30", target: "10" }),
  kr({ title: "Improve checkout success rate", baseline: "94%", target: "98%" }),
];

describe("checkObjectiveDraft", () => {
  it("accepts a good objective, ignoring empty slots, and derives each direction", () => {
    const check = checkObjectiveDraft(objective([...three(), empty()]));
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.value!.keyResults.map((k) => [k.slot, k.direction, k.baseline, k.target])).toEqual([
      [0, "decrease", 8, 2],
      [1, "decrease", 30, 10],
      [2, "increase", 94, 98],
    ]);
  });

  it("blocks a number that isn't one, baseline = target, a missing title and duplicate titles", () => {
    const check = checkObjectiveDraft(
      objective([
        kr({ baseline: "eight" }),
        kr({ title: "Cut lead time", baseline: "5", target: "5.0" }),
        { ...empty(), measuredBy: "x" },
        kr({ title: "reduce p1 incidents " }),
        // Only co-owners picked: not an empty slot either.
        { ...empty(), coOwnerSlackIds: ["U0BOB"] },
      ]),
    );
    expect(check.value).toBeNull();
    expect(check.errors.map((e) => [e.slot, e.field, e.code])).toEqual([
      [0, "baseline", "not_a_number"],
      [1, "target", "baseline_equals_target"],
      [2, "title", "required"],
      [2, "target", "required"],
      [4, "title", "required"],
      [4, "target", "required"],
      [3, "title", "required"],
    ]);
    expect(check.errors[0]!.message).toContain('"eight" is not a number');
  });

  it("takes a threshold, a relative target and a blank baseline (the first check-in sets it)", () => {
    const check = checkObjectiveDraft(
      objective([
        kr({ title: "Keep autoscaling response time under a minute", baseline: "", target: "< 60" }),
        kr({ title: "Reduce P99 latency of payments", baseline: "120", target: "-30%" }),
        kr({ title: "Keep availability high", baseline: "", target: ">= 99.95" }),
        kr({ title: "Increase NPS", baseline: "", target: "+5" }),
        kr({ title: "Cut build time", baseline: "", target: "soon" }),
      ]),
    );
    expect(check.errors.map((e) => [e.slot, e.field, e.code])).toEqual([[4, "target", "not_a_number"]]);
    const fixed = checkObjectiveDraft(
      objective([
        kr({ title: "Keep autoscaling response time under a minute", baseline: "", target: "< 60" }),
        kr({ title: "Reduce P99 latency of payments", baseline: "120", target: "-30%" }),
        kr({ title: "Increase NPS", baseline: "", target: "+5" }),
      ]),
    );
    expect(
      fixed.value!.keyResults.map((k) => [
        k.baseline,
        k.target,
        k.direction,
        k.comparator,
        k.targetText,
        k.baselineFromCheckIn,
      ]),
    ).toEqual([
      [0, 60, "decrease", "<", "< 60", true],
      [120, 84, "decrease", null, "-30%", false],
      [0, 0, "increase", null, "+5", true],
    ]);
  });

  it("needs at least one key result", () => {
    expect(checkObjectiveDraft(objective([empty(), empty()])).errors.map((e) => e.code)).toEqual([
      "too_few_key_results",
    ]);
  });

  it("warns, with the guide's better alternative, about outputs, vanity metrics, too few or too many key results and missing measures", () => {
    const check = checkObjectiveDraft(
      objective([
        kr({ title: "Ship feature X" }),
        kr({ title: "Increase test coverage to 80%", baseline: "60", target: "80", measuredBy: "" }),
      ]),
    );
    expect(check.errors).toEqual([]);
    const found = check.warnings.map((w) => [w.slot, w.field, w.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        [null, "key_results", "too_few_key_results"],
        [0, "title", "output_verb"],
        [1, "title", "vanity_metric"],
        [1, "measured_by", "missing_measured_by"],
      ]),
    );
    expect(check.warnings.find((w) => w.code === "output_verb")!.suggestion).toMatch(/Feature X .*increases/i);
    expect(check.warnings.find((w) => w.code === "vanity_metric")!.suggestion).toMatch(/escaped/i);
    const many = checkObjectiveDraft(
      objective(Array.from({ length: 6 }, (_, i) => kr({ title: `Reduce P${i} incidents` }))),
    );
    expect(many.warnings.map((w) => w.code)).toEqual(["too_many_key_results"]);
  });

  it("warns about a key result nobody owns only when the objective has no owner either", () => {
    expect(
      checkObjectiveDraft(objective([...three(), kr({ title: "Cut MTTR", ownerSlackId: null })])).warnings,
    ).toEqual([]);
    const orphan = checkObjectiveDraft(
      objective([kr({ ownerSlackId: null }), ...three().slice(1)], { ownerSlackId: null }),
    );
    expect(orphan.warnings.map((w) => [w.slot, w.field, w.code])).toEqual([
      [null, "owner", "missing_owner"],
      [0, "owner", "missing_owner"],
    ]);
  });

  it("counts the team's other objectives against the guides' 3–5", () => {
    expect(checkObjectiveDraft(objective(three()), 5).warnings.map((w) => w.code)).toEqual(["too_many_objectives"]);
  });
});

describe("checkKeyResultDraft", () => {
  it("checks one key result's numbers and wording, not its objective's size", () => {
    expect(checkKeyResultDraft(kr())).toMatchObject({ errors: [], warnings: [] });
    expect(checkKeyResultDraft(kr({ target: "8" })).errors.map((e) => e.code)).toEqual(["baseline_equals_target"]);
    expect(
      checkKeyResultDraft(kr({ title: "Launch the new dashboard", ownerSlackId: null })).warnings.map((w) => w.code),
    ).toEqual(["output_verb", "missing_owner"]);
  });
});

describe("warningsFingerprint", () => {
  it("is the same for the same warnings in any order, and differs when one is added", () => {
    const a = checkObjectiveDraft(
      objective([kr({ title: "Ship feature X" }), kr({ title: "Increase test coverage", baseline: "1", target: "2" })]),
    ).warnings;
    expect(warningsFingerprint([...a].reverse())).toBe(warningsFingerprint(a));
    expect(warningsFingerprint(a.slice(1))).not.toBe(warningsFingerprint(a));
  });
});

describe("a key result's weight in the forms", () => {
  it.each<[string, string | undefined, number | undefined]>([
    ["blank: the default, 1", "", 1],
    ["a whole number", "2", 2],
    ["a fraction", "0.5", 0.5],
    ["absent (a form opened before it had the field): the stored one stays", undefined, undefined],
  ])("%s", (_what, weight, expected) => {
    const checked = checkKeyResultDraft(kr(weight === undefined ? {} : { weight }));
    expect(checked.errors).toEqual([]);
    expect(checked.value?.weight).toBe(expected);
  });

  it.each([
    ["0", "bad_weight", "The weight should be greater than 0: 1 is the usual share, 2 counts twice."],
    ["-2", "bad_weight", "The weight should be greater than 0: 1 is the usual share, 2 counts twice."],
    ["two", "not_a_number", '"two" is not a number: enter a weight such as 1, 2 or 0.5.'],
  ])("%p is refused on its field", (weight, code, message) => {
    const checked = checkKeyResultDraft(kr({ weight }));
    expect(checked.value).toBeNull();
    expect(checked.errors).toEqual([{ slot: 0, field: "weight", severity: "error", code, message }]);
  });

  it("each slot of a new objective has its own", () => {
    const checked = checkObjectiveDraft(
      objective([kr({ weight: "3" }), kr({ title: "Reduce P2 incidents", weight: "" })]),
    );
    expect(checked.value?.keyResults.map((k) => k.weight)).toEqual([3, 1]);
    const weightOnly = checkObjectiveDraft(objective([kr(), { ...empty(), weight: "2" }]));
    expect(weightOnly.errors.map((e) => [e.slot, e.field])).toEqual([
      [1, "title"],
      [1, "target"],
    ]);
  });
});
