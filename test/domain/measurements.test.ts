import { attentionItems } from "../../src/domain/attention";
import { keyResultStatus, type CheckInPoint, type KeyResultFacts } from "../../src/domain/keyResultStatus";
import {
  differsFromMeasured,
  type MeasurementPoint,
  sourceFailing,
  tolerance,
  withMeasuredValues,
} from "../../src/domain/measurements";

const ok = (week: string, value: number, day = 1): MeasurementPoint => ({
  week,
  source: "prod-prometheus",
  value,
  error: null,
  readAt: new Date(`2026-11-${String(day).padStart(2, "0")}T08:55:00Z`),
});
const failed = (
  week: string,
  day: number,
  error = "couldn't read prod-prometheus: timeout after 5 s",
): MeasurementPoint => ({
  week,
  source: "prod-prometheus",
  value: null,
  error,
  readAt: new Date(`2026-11-${String(day).padStart(2, "0")}T08:55:00Z`),
});
const answered = (week: string, value: number, measuredValue: number | null = null): CheckInPoint => ({
  week,
  value,
  confidence: "on_track",
  note: null,
  measuredValue,
});

describe("withMeasuredValues", () => {
  it.each([
    ["not auto: measurements stay out", false, [answered("2026-W46", 3)], [ok("2026-W47", 4)], ["2026-W46:3:answered"]],
    [
      "auto: a measured value stands in for a week nobody answered",
      true,
      [answered("2026-W46", 3)],
      [ok("2026-W46", 2.5), ok("2026-W47", 4)],
      ["2026-W46:3:answered", "2026-W47:4:measured"],
    ],
    ["auto: a failed read adds nothing", true, [], [failed("2026-W47", 23)], []],
    [
      "auto: the answer wins over the measured value of its week",
      true,
      [answered("2026-W47", 5, 4)],
      [ok("2026-W47", 4)],
      ["2026-W47:5:answered"],
    ],
  ])("%s", (_name, auto, checkIns, measurements, expected) => {
    expect(
      withMeasuredValues(checkIns, measurements, auto).map(
        (c) => `${c.week}:${c.value}:${c.measured ? "measured" : "answered"}`,
      ),
    ).toEqual(expected);
  });
});

describe("tolerance and differsFromMeasured", () => {
  it.each([
    [{ baseline: 10, target: 0 }, 0.5],
    [{ baseline: 3.2, target: 2.5 }, 0.035],
    [{ baseline: 10, target: 0, tolerance: 2 }, 2],
    [{ baseline: 10, target: 0, tolerance: 0 }, 0],
  ])("tolerance(%j) = %d", (kr, expected) => expect(tolerance(kr)).toBeCloseTo(expected, 10));

  it.each([
    [3.1, 3.1, 0.035, false],
    [3.1, 3.13, 0.035, false],
    [3.1, 3.2, 0.035, true],
    [2.1, 3.1, 0.5, true],
    [3.1, null, 0.035, false],
    // A value typed as shown (rounded) never counts as different.
    [3.1, 3.1000000001, 0, false],
  ])("typed %d, measured %p, allowed %d → %p", (typed, measured, allowed, expected) =>
    expect(differsFromMeasured(typed, measured, allowed)).toBe(expected),
  );
});

describe("sourceFailing", () => {
  it.each([
    ["works", [ok("2026-W46", 3), ok("2026-W47", 3)], null],
    ["one failure is not yet failing", [ok("2026-W46", 3), failed("2026-W47", 23)], null],
    [
      "two failures in a row: since the first",
      [ok("2026-W45", 3), failed("2026-W46", 16), failed("2026-W47", 23)],
      "2026-11-16",
    ],
    ["recovered", [failed("2026-W45", 9), failed("2026-W46", 16), ok("2026-W47", 3, 23)], null],
    ["a later week does not count yet", [failed("2026-W46", 16), failed("2026-W48", 30)], null],
  ])("%s", (_name, measurements, since) => {
    const failing = sourceFailing(measurements, "2026-W47");
    expect(failing ? failing.since.toISOString().slice(0, 10) : null).toBe(since);
  });
});

describe("the digest's signals about measured values", () => {
  const facts = (over: Partial<KeyResultFacts>): KeyResultFacts => ({
    id: 1,
    title: "Cut LCP on /checkout",
    ownerSlackId: "U0ALICE",
    baseline: 3.2,
    target: 2.5,
    unit: "s",
    measuredBy: null,
    direction: "decrease",
    sourceName: "prod-prometheus",
    checkIns: [],
    ...over,
  });
  const items = (kr: KeyResultFacts) =>
    attentionItems({
      keyResults: [keyResultStatus(kr, "2026-W47")],
      elapsed: 0.1,
      period: "2026-W47",
      firstWeekOfCycle: "2026-W46",
      cadence: "weekly",
      excused: new Set(),
    }).map((i) => `${i.kind}: ${i.detail}`);

  it("flags a typed value beyond the tolerance, not one within it", () => {
    expect(items(facts({ checkIns: [answered("2026-W47", 2.1, 3.1)] }))).toEqual([
      "typed_not_measured: typed 2.1 s, prod-prometheus measured 3.1 s",
    ]);
    expect(items(facts({ checkIns: [answered("2026-W47", 3.12, 3.1)] }))).toEqual([]);
    expect(items(facts({ checkIns: [answered("2026-W47", 3.3, 3.1)], tolerance: 0.5 }))).toEqual([]);
  });

  it("says since when a source has been failing", () => {
    expect(
      items(
        facts({
          checkIns: [answered("2026-W47", 3)],
          measurements: [failed("2026-W46", 16), failed("2026-W47", 23)],
        }),
      ),
    ).toEqual(["source_failing: source failing since 2026-11-16: couldn't read prod-prometheus: timeout after 5 s"]);
  });

  it("an auto value is not a check-in: it moves progress, the owner still counts as silent", () => {
    const kr = facts({ measurements: [ok("2026-W46", 3.0, 16), ok("2026-W47", 2.9, 23)], checkIns: [] });
    const status = keyResultStatus({ ...kr, checkIns: withMeasuredValues([], kr.measurements!, true) }, "2026-W47");
    expect(status.current).toBe(2.9);
    expect(status.thisWeek).toBeNull();
    expect(status.measuredThisWeek).toBe(true);
    expect(status.latest?.confidence).toBeNull();
    expect(
      attentionItems({
        keyResults: [status],
        elapsed: 0.1,
        period: "2026-W47",
        firstWeekOfCycle: "2026-W44",
        cadence: "weekly",
        excused: new Set(),
      }).map((i) => i.kind),
    ).toEqual(["silent"]);
  });
});
