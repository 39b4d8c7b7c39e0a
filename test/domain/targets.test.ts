import { attentionItems } from "../../src/domain/attention";
import { keyResultStatus, weeklyProgress, type KeyResultFacts } from "../../src/domain/keyResultStatus";
import { lintOkrs, type LintKeyResult } from "../../src/domain/lint";
import { buildRetro } from "../../src/domain/retro";
import { scoreBand } from "../../src/domain/scoring";
import {
  describeTarget,
  impliedDirection,
  meets,
  parseTarget,
  resolveTarget,
  targetTextOf,
  type Comparator,
  type TargetSpec,
} from "../../src/domain/targets";
import { goalText, progressText } from "../../src/blocks/format";
import { progressChartSvg } from "../../src/charts/progressChart";

describe("parseTarget", () => {
  it.each<[string | number, TargetSpec | null]>([
    [85, { kind: "absolute", value: 85 }],
    ["85", { kind: "absolute", value: 85 }],
    ["1,200", { kind: "absolute", value: 1200 }],
    ["98%", { kind: "absolute", value: 98 }],
    ["< 60", { kind: "threshold", comparator: "<", value: 60 }],
    ["<60", { kind: "threshold", comparator: "<", value: 60 }],
    ["<= 1", { kind: "threshold", comparator: "<=", value: 1 }],
    ["≤ 1", { kind: "threshold", comparator: "<=", value: 1 }],
    [">= 99.95", { kind: "threshold", comparator: ">=", value: 99.95 }],
    [">= 99.95%", { kind: "threshold", comparator: ">=", value: 99.95 }],
    ["> 0", { kind: "threshold", comparator: ">", value: 0 }],
    ["-30%", { kind: "relative", by: -30, percent: true }],
    ["+5", { kind: "relative", by: 5, percent: false }],
    ["+ 2.5", { kind: "relative", by: 2.5, percent: false }],
    ["+15%", { kind: "relative", by: 15, percent: true }],
    ["−50%", { kind: "relative", by: -50, percent: true }],
    ["", null],
    ["soon", null],
    ["< fast", null],
    ["= -5", { kind: "absolute", value: -5 }],
    ["=12", { kind: "absolute", value: 12 }],
    ["= soon", null],
    ["+0", null],
    ["--5", null],
    ["+-5", null],
    [Number.NaN, null],
  ])("%p → %p", (raw, expected) => {
    expect(parseTarget(raw)).toEqual(expected);
  });
});

describe("describeTarget", () => {
  it.each<[Parameters<typeof describeTarget>[0], string]>([
    [{ target: 1200 }, "1,200"],
    [{ target: -5 }, "= -5"],
    [{ target: 60, comparator: "<" }, "< 60"],
    [{ target: 84, targetText: "-30%" }, "-30%"],
  ])("%p → %p, which reads back as the same target", (kr, text) => {
    expect(describeTarget(kr)).toBe(text);
    const spec = parseTarget(text)!;
    expect(spec.kind === "relative" ? resolveTarget(spec, 120) : spec.value).toBe(kr.target);
  });
});

describe("resolveTarget, impliedDirection, targetTextOf", () => {
  it.each<[string, number | null, number | null]>([
    ["-30%", 120, 84],
    ["-50%", 40, 20],
    ["+5", 42, 47],
    ["+15%", 200, 230],
    ["-30%", null, null],
    ["< 60", null, 60],
    ["85", null, 85],
  ])("%s from baseline %p → %p", (raw, baseline, expected) => {
    expect(resolveTarget(parseTarget(raw)!, baseline)).toBe(expected);
  });

  it.each<[string, "increase" | "decrease" | null, string | null]>([
    ["-30%", "decrease", "-30%"],
    ["+5", "increase", "+5"],
    ["< 60", "decrease", "< 60"],
    ["<=1", "decrease", "<= 1"],
    [">= 99.95", "increase", ">= 99.95"],
    ["85", null, null],
  ])("%s: direction %p, written %p", (raw, direction, text) => {
    const spec = parseTarget(raw)!;
    expect(impliedDirection(spec)).toBe(direction);
    expect(targetTextOf(spec)).toBe(text);
    if (text) expect(parseTarget(text)).toEqual(spec);
  });

  it.each<[Comparator, number, number, boolean]>([
    ["<", 60, 59.9, true],
    ["<", 60, 60, false],
    ["<=", 1, 1, true],
    ["<=", 1, 1.01, false],
    [">=", 99.95, 99.95, true],
    [">=", 99.95, 99.9, false],
    [">", 0, 0, false],
  ])("%s %p holds for %p: %p", (comparator, target, value, expected) => {
    expect(meets(comparator, target, value)).toBe(expected);
  });
});

const kr = (over: Partial<KeyResultFacts> = {}): KeyResultFacts => ({
  id: 1,
  title: "Achieve autoscaling response time < 60s",
  ownerSlackId: "U0ALICE",
  baseline: 0,
  target: 60,
  unit: "s",
  measuredBy: null,
  direction: "decrease",
  checkIns: [],
  ...over,
});
const checkIn = (week: string, value: number, confidence: "on_track" | "at_risk" | "off_track" = "on_track") => ({
  week,
  value,
  confidence,
  note: null,
});

describe("threshold key results", () => {
  const threshold = kr({
    comparator: "<",
    baselineFromCheckIn: true,
    checkIns: [checkIn("2026-W40", 70), checkIn("2026-W41", 50), checkIn("2026-W42", 45), checkIn("2026-W43", 65)],
  });

  it.each<[string, boolean | null, number, number, number, boolean]>([
    ["2026-W39", null, 0, 0, 0, false],
    ["2026-W40", false, 0, 1, 0, true],
    ["2026-W41", true, 1, 2, 0.5, true],
    ["2026-W42", true, 2, 3, 2 / 3, true],
    ["2026-W43", false, 2, 4, 0.5, true],
  ])("in %s: met %p, %p of %p weeks met, progress %p", (week, met, weeksMet, weeksCheckedIn, progress, scored) => {
    const status = keyResultStatus(threshold, week);
    expect([status.met, status.weeksMet, status.weeksCheckedIn, status.scored]).toEqual([
      met,
      weeksMet,
      weeksCheckedIn,
      scored,
    ]);
    expect(status.progress).toBeCloseTo(progress);
  });

  it("scores the retro as the share of check-ins met, read with the guides' bands", () => {
    const retro = buildRetro({
      teamName: "Platform",
      cycleKey: "2026-Q4",
      finalWeek: "2026-W53",
      objectives: [{ id: 1, title: "Scale", ownerSlackId: null, keyResults: [threshold] }],
      answers: new Map(),
    });
    expect(retro.items[0]!.computedScore).toBe(0.5);
    expect(retro.items[0]!.band.key).toBe(scoreBand(0.5).key);
    expect(weeklyProgress(threshold, ["2026-W39", "2026-W40", "2026-W41", "2026-W43"])).toEqual([
      Number.NaN,
      0,
      0.5,
      0.5,
    ]);
  });

  it("flags a breach this week, and no pace warnings", () => {
    const status = keyResultStatus(threshold, "2026-W43");
    const items = attentionItems({
      keyResults: [status],
      elapsed: 0.5,
      period: "2026-W43",
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(),
    });
    expect(items.map((i) => [i.kind, i.detail])).toEqual([
      ["threshold_breached", "breached: 65 s, target < 60 (2 of 4 weeks met)"],
    ]);
    const held = attentionItems({
      keyResults: [keyResultStatus(threshold, "2026-W42")],
      elapsed: 0.5,
      period: "2026-W42",
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(),
    });
    expect(held).toEqual([]);
  });

  it("shows met / not met and the weeks met", () => {
    expect(goalText(keyResultStatus(threshold, "2026-W43"))).toBe("target &lt; 60 · *not met* · 2 of 4 weeks met");
    expect(goalText(keyResultStatus(threshold, "2026-W41"))).toBe("target &lt; 60 · met · 1 of 2 weeks met");
    expect(goalText(keyResultStatus(threshold, "2026-W39"))).toBe("target &lt; 60 · no check-in yet");
  });
});

describe("measure-first key results", () => {
  const pending = kr({
    title: "Reduce P99 latency of payment processing by 30%",
    comparator: null,
    baselineFromCheckIn: true,
    targetText: "-30%",
    target: 0,
    direction: "decrease",
    unit: "ms",
  });

  it("cannot be scored before the first check-in: progress shows —", () => {
    const status = keyResultStatus(pending, "2026-W41");
    expect([status.scored, progressText(status)]).toEqual([false, "—"]);
    expect(goalText(status)).toBe("baseline to be set by the first check-in → -30%");
    const items = attentionItems({
      keyResults: [{ ...status, latest: checkIn("2026-W41", 1, "on_track") }],
      elapsed: 0.5,
      period: "2026-W41",
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(),
    });
    expect(items.filter((i) => i.kind === "confident_but_behind")).toEqual([]);
    const worried = attentionItems({
      keyResults: [{ ...status, latest: checkIn("2026-W41", 1, "off_track") }],
      elapsed: 0.5,
      period: "2026-W41",
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(),
    });
    expect(worried.map((i) => [i.kind, i.detail])).toEqual([["off_track", "off track"]]);
  });

  it("charts nothing for the weeks before the first check-in, and starts the line there", () => {
    const measured = {
      ...pending,
      baseline: 120,
      target: 84,
      checkIns: [checkIn("2026-W42", 120), checkIn("2026-W43", 102)],
    };
    const weeks = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"];
    const values = weeklyProgress({ ...measured, checkIns: [] }, weeks);
    expect(values.every(Number.isNaN)).toBe(true);
    const trend = weeklyProgress(measured, weeks);
    expect(trend).toEqual([Number.NaN, Number.NaN, 0, 0.5]);
    const svg = progressChartSvg({
      title: "Objective",
      subtitle: "Platform",
      weeks,
      series: [{ label: measured.title, values: trend }],
    });
    const polyline = /<polyline points="([^"]+)"/.exec(svg)![1]!.split(" ");
    expect(polyline).toHaveLength(2);
    expect(svg).not.toContain("NaN");
  });

  it("once the first check-in set the baseline (and resolved the target) it is scored from there", () => {
    const measured = {
      ...pending,
      baseline: 120,
      target: 84,
      checkIns: [checkIn("2026-W41", 120), checkIn("2026-W45", 102)],
    };
    const status = keyResultStatus(measured, "2026-W45");
    expect([status.scored, progressText(status)]).toEqual([true, "50%"]);
    expect(goalText(status)).toBe("120 (baseline set by the first check-in) → 84 (-30%)");
  });
});

describe("the linter and the new shapes", () => {
  const lint = (krs: LintKeyResult[], owner: string | null = "U0LEAD") =>
    lintOkrs({ objectives: [{ title: "Objective", owner, keyResults: krs }] });
  const good = (over: Partial<LintKeyResult> = {}): LintKeyResult => ({
    title: "Reduce P1 incidents from 8/quarter to 2/quarter",
    baseline: 8,
    target: 2,
    measuredBy: "PagerDuty",
    ...over,
  });
  const codes = (krs: LintKeyResult[], owner?: string | null) =>
    lint(krs, owner).map((f) => `${f.severity} ${f.code} ${f.path}`);

  it.each<[string, Partial<LintKeyResult>, string[]]>([
    ["a threshold needs no baseline", { target: "< 60", baseline: null }, []],
    [
      "a relative target without a baseline: a hint",
      { target: "-30%", baseline: null },
      ["hint missing_baseline objectives[0].key_results[2].baseline"],
    ],
    [
      "a number target without a baseline: a hint",
      { target: 2, baseline: undefined },
      ["hint missing_baseline objectives[0].key_results[2].baseline"],
    ],
    ["a relative target with a baseline", { target: "-30%", baseline: 120 }, []],
    [
      "a target that is none of the shapes",
      { target: "soon" },
      ["error not_a_number objectives[0].key_results[2].target"],
    ],
    [
      "neither baseline nor target",
      { target: null, baseline: null },
      [
        "warning missing_baseline objectives[0].key_results[2].baseline",
        "warning missing_target objectives[0].key_results[2].target",
      ],
    ],
  ])("%s", (_name, over, expected) => {
    expect(codes([good({ title: "Reduce P2 incidents" }), good({ title: "Reduce P3 incidents" }), good(over)])).toEqual(
      expected,
    );
  });

  describe("team OKRs that are just a list of individual OKRs", () => {
    const hint = "warning individual_key_results objectives[0].key_results";
    it.each<[string, LintKeyResult[], string | null, boolean]>([
      [
        "every key result a different single owner",
        [good({ owner: "U1" }), good({ owner: "U2" }), good({ owner: "U3" })],
        "U0LEAD",
        true,
      ],
      [
        "one of them shared",
        [good({ owner: "U1" }), good({ owner: "U2", coOwners: ["U1"] }), good({ owner: "U3" })],
        "U0LEAD",
        false,
      ],
      [
        "two with the same owner",
        [good({ owner: "U1" }), good({ owner: "U1" }), good({ owner: "U3" })],
        "U0LEAD",
        false,
      ],
      [
        "one inheriting the objective's owner, all different",
        [good({ owner: "U1" }), good({ owner: "U2" }), good({ owner: null })],
        "U0LEAD",
        true,
      ],
      ["all inheriting the objective's owner", [good(), good(), good()], "U0LEAD", false],
      ["a key result nobody owns", [good({ owner: "U1" }), good({ owner: "U2" }), good({ owner: null })], null, false],
      ["a single key result", [good({ owner: "U1" })], "U0LEAD", false],
    ])("%s: %p", (_name, krs, owner, flagged) => {
      const findings = lint(krs, owner);
      expect(codes(krs, owner).includes(hint)).toBe(flagged);
      if (flagged)
        expect(findings.find((f) => f.code === "individual_key_results")!.suggestion).toMatch(
          /shared key results that no single person can achieve alone/,
        );
    });
  });
});

describe("goalposts moved, in any target form", () => {
  it.each<[string | null, string | null, string]>([
    ["8", "6", "target moved 8 → 6"],
    ["1200.5", "900", "target moved 1,200.5 → 900"],
    ["+5", ">= 40", "target moved +5 → >= 40"],
    ["-30%", "-20%", "target moved -30% → -20%"],
    [null, "120", "target moved none → 120"],
  ])("%p → %p", (before, after, detail) => {
    const status = keyResultStatus(kr({ comparator: null, edits: [] }), "2026-W41");
    const edit = {
      field: "target" as const,
      before: before === null ? Number.NaN : Number(before),
      after: after === null ? Number.NaN : Number(after),
      beforeText: before,
      afterText: after,
      at: new Date("2026-10-07T10:00:00Z"),
      editorSlackId: null,
    };
    const items = attentionItems({
      keyResults: [{ ...status, edits: [edit] }],
      elapsed: 0.1,
      period: "2026-W41",
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(),
    });
    expect(items.find((i) => i.kind === "goalposts_moved")!.detail).toBe(`${detail} on 2026-10-07`);
  });
});
