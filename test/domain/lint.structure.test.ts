import { hasErrors, lintOkrs, type Finding, type LintKeyResult, type LintObjective } from "../../src/domain";

const goodKr = (n: number): LintKeyResult => ({
  title: `Reduce P1 incidents in area ${n} from 8/quarter to 2/quarter`,
  owner: "U1",
  baseline: 8,
  target: 2,
  measuredBy: "Incident tracker",
  unit: "incidents/quarter",
});
const objective = (keyResults: LintKeyResult[], owner: string | null = "U1"): LintObjective => ({
  title: "Make our platform reliable enough that customers trust us",
  owner,
  keyResults,
});
const krs = (count: number) => Array.from({ length: count }, (_, i) => goodKr(i));
const codes = (findings: Finding[]) => findings.map((f) => `${f.code} ${f.path}`);

describe("the guide's good OKR", () => {
  it("has no findings", () => {
    const findings = lintOkrs({
      objectives: [
        {
          title: "Make our platform reliable enough that customers trust us",
          owner: "U1",
          keyResults: [
            {
              title: "Reduce P1 incidents from 8/quarter to 2/quarter",
              baseline: 8,
              target: 2,
              measuredBy: "PagerDuty P1 count",
            },
            {
              title: "Improve checkout success rate from 94% to 98%",
              baseline: 94,
              target: 98,
              unit: "%",
              measuredBy: "Payments dashboard",
            },
            {
              title: "Reduce mean time to recovery (MTTR) from 2 hours to 30 minutes",
              baseline: 120,
              target: 30,
              unit: "min",
              measuredBy: "Incident timeline",
            },
          ],
        },
      ],
    });
    expect(findings).toEqual([]);
    expect(hasErrors(findings)).toBe(false);
  });

  it("flags every key result of the guide's bad OKR", () => {
    const findings = lintOkrs({
      objectives: [
        {
          title: "Improve code quality",
          owner: "U1",
          keyResults: [
            { title: "Increase test coverage to 80%", baseline: 55, target: 80, measuredBy: "CI coverage report" },
            { title: "Reduce linting errors by 50%", baseline: 400, target: 200, measuredBy: "ESLint" },
            { title: "Conduct 10 architecture reviews", baseline: 0, target: 10, measuredBy: "Wiki" },
          ],
        },
      ],
    });
    expect(codes(findings)).toEqual([
      "vanity_metric objectives[0].key_results[0].title",
      "vanity_metric objectives[0].key_results[1].title",
      "vanity_metric objectives[0].key_results[2].title",
    ]);
  });
});

describe("counts", () => {
  it.each([
    [5, []],
    [6, ["too_many_objectives objectives"]],
  ])("%i objectives → %p", (count, expected) => {
    const findings = lintOkrs({ objectives: Array.from({ length: count }, () => objective(krs(3))) });
    expect(codes(findings)).toEqual(expected);
  });

  it.each([
    [0, ["too_few_key_results objectives[0].key_results"]],
    [2, ["too_few_key_results objectives[0].key_results"]],
    [3, []],
    [4, []],
    [5, []],
    [6, ["too_many_key_results objectives[0].key_results"]],
    [8, ["too_many_key_results objectives[0].key_results"]],
  ])("%i key results → %p", (count, expected) => {
    const findings = lintOkrs({ objectives: [objective(krs(count))] });
    expect(codes(findings)).toEqual(expected);
    expect(findings.every((f) => f.severity === "warning")).toBe(true);
  });

  it("suggests the guide's prioritisation for too many key results", () => {
    const [finding] = lintOkrs({ objectives: [objective(krs(8))] });
    expect(finding?.suggestion).toBe("Ruthlessly prioritize. What are the 3 things that matter MOST?");
  });
});

describe("fields of a key result", () => {
  const lintOne = (overrides: Partial<LintKeyResult>) =>
    lintOkrs({ objectives: [objective([goodKr(0), goodKr(1), { ...goodKr(2), ...overrides }])] });

  it.each<[string, Partial<LintKeyResult>, Array<[Finding["severity"], string]>]>([
    // Measure first: the first check-in sets the baseline.
    ["baseline null", { baseline: null }, [["hint", "missing_baseline objectives[0].key_results[2].baseline"]]],
    [
      "baseline undefined",
      { baseline: undefined },
      [["hint", "missing_baseline objectives[0].key_results[2].baseline"]],
    ],
    ["target null", { target: null }, [["warning", "missing_target objectives[0].key_results[2].target"]]],
    [
      "both missing",
      { baseline: null, target: undefined },
      [
        ["warning", "missing_baseline objectives[0].key_results[2].baseline"],
        ["warning", "missing_target objectives[0].key_results[2].target"],
      ],
    ],
    ["baseline NaN", { baseline: NaN }, [["error", "not_a_number objectives[0].key_results[2].baseline"]]],
    ["target Infinity", { target: Infinity }, [["error", "not_a_number objectives[0].key_results[2].target"]]],
    [
      "target a string that is none of the target shapes",
      { target: "two" },
      [["error", "not_a_number objectives[0].key_results[2].target"]],
    ],
    [
      "baseline equals target",
      { baseline: 5, target: 5 },
      [["error", "baseline_equals_target objectives[0].key_results[2].target"]],
    ],
    [
      "zero baseline and target",
      { baseline: 0, target: 0 },
      [["error", "baseline_equals_target objectives[0].key_results[2].target"]],
    ],
    [
      "measuredBy null",
      { measuredBy: null },
      [["warning", "missing_measured_by objectives[0].key_results[2].measured_by"]],
    ],
    [
      "measuredBy blank",
      { measuredBy: "   " },
      [["warning", "missing_measured_by objectives[0].key_results[2].measured_by"]],
    ],
    ["key result owner missing (inherits the objective's)", { owner: null }, []],
    ["unit missing", { unit: null }, []],
  ])("%s", (_name, overrides, expected) => {
    const findings = lintOne(overrides);
    expect(findings.map((f) => [f.severity, `${f.code} ${f.path}`])).toEqual(expected);
  });
});

describe("owners", () => {
  it.each([
    ["missing", undefined, ["missing_owner objectives[0].owner"]],
    ["null", null, ["missing_owner objectives[0].owner"]],
    ["blank", "  ", ["missing_owner objectives[0].owner"]],
    ["present", "U1", []],
  ])("objective owner %s → %p", (_name, owner, expected) => {
    const findings = lintOkrs({ objectives: [{ title: "Objective", owner, keyResults: krs(3) }] });
    expect(codes(findings)).toEqual(expected);
  });
});

describe("an objective's weight", () => {
  it.each<[string, Partial<LintObjective>, string[]]>([
    ["weighted and aligned", { weight: 3, aligned: true }, []],
    ["weighted, aligned to nothing", { weight: 3, aligned: false }, ["weight_without_alignment objectives[0].weight"]],
    ["weight 1, aligned to nothing", { weight: 1, aligned: false }, []],
    ["no weight, aligned to nothing", { aligned: false }, []],
    ["weighted, alignment unknown (a form without the choice)", { weight: 3 }, []],
  ])("%s", (_what, extra, expected) => {
    const findings = lintOkrs({ objectives: [{ ...objective(krs(3)), ...extra }] });
    expect(codes(findings)).toEqual(expected);
    expect(hasErrors(findings)).toBe(false);
    for (const f of findings)
      expect(f).toMatchObject({ severity: "hint", message: expect.stringContaining("3 has no effect") });
  });
});

describe("paths and order", () => {
  it("points at the exact field, 0-based, in document order", () => {
    const findings = lintOkrs({
      objectives: [
        objective(krs(3)),
        objective([goodKr(0), goodKr(1), { ...goodKr(2), title: "Ship feature X by date Y", target: NaN }], null),
      ],
    });
    expect(codes(findings)).toEqual([
      "missing_owner objectives[1].owner",
      "output_verb objectives[1].key_results[2].title",
      "not_a_number objectives[1].key_results[2].target",
    ]);
  });
});

describe("hasErrors", () => {
  const warning: Finding = { severity: "warning", code: "missing_owner", path: "objectives[0].owner", message: "" };
  const error: Finding = {
    severity: "error",
    code: "not_a_number",
    path: "objectives[0].key_results[0].target",
    message: "",
  };
  it.each<[Finding[], boolean]>([
    [[], false],
    [[warning], false],
    [[warning, error], true],
    [[error], true],
  ])("%#", (findings, expected) => {
    expect(hasErrors(findings)).toBe(expected);
  });
});
