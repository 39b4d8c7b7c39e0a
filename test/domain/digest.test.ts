import { attentionItems, silentPeriods } from "../../src/domain/attention";
import { buildDigest } from "../../src/domain/digest";
import { keyResultStatus, weeklyProgress, type KeyResultFacts } from "../../src/domain/keyResultStatus";
import { parseCycleKey } from "../../src/domain/time";
import { changeText, keyResultLine, sparkline } from "../../src/blocks/format";
import { lastAwayDay } from "../../src/domain/away";

const cycle = parseCycleKey("2026-Q4", "UTC"); // 2026-W40 … 2026-W53
const kr = (over: Partial<KeyResultFacts> = {}): KeyResultFacts => ({
  id: 1,
  title: "Reduce P1 incidents",
  ownerSlackId: "U0ALICE",
  baseline: 10,
  target: 0,
  unit: null,
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

describe("weeklyProgress and sparkline", () => {
  it("carries the last value forward week by week, in the key result's direction", () => {
    const weeks = ["2026-W40", "2026-W41", "2026-W42", "2026-W43"];
    const values = weeklyProgress(kr({ checkIns: [checkIn("2026-W41", 5), checkIn("2026-W43", 0)] }), weeks);
    expect(values).toEqual([0, 0.5, 0.5, 1]);
    expect(sparkline(values)).toBe("▁▅▅█");
    expect(sparkline([NaN, -1, 2])).toBe("▁▁█");
    expect(sparkline(Array.from({ length: 20 }, () => 1))).toHaveLength(14);
  });
});

describe("silentPeriods", () => {
  it("counts whole periods without a check-in before this one", () => {
    const quiet = (week: string | null, period: string, cadence: "weekly" | "biweekly" = "weekly") =>
      silentPeriods({ latest: week ? checkIn(week, 1) : null }, period, "2026-W40", cadence);
    expect(quiet("2026-W47", "2026-W48")).toBe(0);
    expect(quiet("2026-W48", "2026-W48")).toBe(0);
    expect(quiet("2026-W45", "2026-W48")).toBe(2);
    expect(quiet(null, "2026-W40")).toBe(0);
    expect(quiet(null, "2026-W42")).toBe(2);
    expect(quiet("2026-W44", "2026-W48", "biweekly")).toBe(1);
    expect(quiet("2026-W42", "2026-W48", "biweekly")).toBe(2);
  });
});

describe("attentionItems", () => {
  const at = (week: string, facts: KeyResultFacts, elapsed: number, excused: string[] = []) =>
    attentionItems({
      keyResults: [keyResultStatus(facts, week)],
      elapsed,
      period: week,
      firstWeekOfCycle: "2026-W40",
      cadence: "weekly",
      excused: new Set(excused),
    });

  it("flags 'on track' well behind the pace, and 'off track' on pace", () => {
    expect(at("2026-W47", kr({ checkIns: [checkIn("2026-W47", 9)] }), 0.55).map((i) => [i.kind, i.detail])).toEqual([
      ["confident_but_behind", "says on track, but 10% done at 55% of the quarter"],
    ]);
    expect(at("2026-W47", kr({ checkIns: [checkIn("2026-W47", 4)] }), 0.55)).toEqual([]); // 60% at 55%
    expect(at("2026-W47", kr({ checkIns: [checkIn("2026-W47", 4, "off_track")] }), 0.55).map((i) => i.kind)).toEqual([
      "worried_but_ahead",
    ]);
    expect(at("2026-W47", kr({ checkIns: [checkIn("2026-W47", 9, "off_track")] }), 0.55).map((i) => i.kind)).toEqual([
      "off_track",
    ]);
    // Too early in the quarter to judge the pace.
    expect(at("2026-W40", kr({ checkIns: [checkIn("2026-W40", 10)] }), 0.05)).toEqual([]);
  });

  it("flags two or more periods without a check-in, unless the owner is away or skipped", () => {
    expect(at("2026-W48", kr({ checkIns: [checkIn("2026-W45", 5)] }), 0.6).map((i) => [i.kind, i.detail])).toEqual([
      ["silent", "no check-in for 2 weeks (last: 2026-W45)"],
    ]);
    expect(at("2026-W48", kr({ checkIns: [checkIn("2026-W45", 5)] }), 0.6, ["U0ALICE"])).toEqual([]);
    expect(at("2026-W48", kr({ checkIns: [checkIn("2026-W46", 5)] }), 0.6)).toEqual([]);
  });

  it("flags baseline or target moved during the cycle, and ignores key results not accepted yet", () => {
    const moved = kr({
      checkIns: [checkIn("2026-W48", 5)],
      edits: [{ field: "target", before: 0, after: 4, at: new Date("2026-11-20T10:00:00Z"), editorSlackId: "U0BOB" }],
    });
    expect(at("2026-W48", moved, 0.6)).toEqual([
      {
        kind: "goalposts_moved",
        keyResultId: 1,
        title: "Reduce P1 incidents",
        ownerSlackId: "U0ALICE",
        detail: "target moved 0 → 4 on 2026-11-20",
        editorSlackId: "U0BOB",
      },
    ]);
    expect(at("2026-W48", { ...moved, pending: true }, 0.6)).toEqual([]);
  });
});

describe("buildDigest", () => {
  it("puts off-track key results first in the attention list and gives each key result its trend", () => {
    const digest = buildDigest({
      teamName: "Platform",
      cycle,
      week: "2026-W48",
      now: new Date("2026-11-27T16:00:00Z"),
      timeZone: "UTC",
      objectives: [
        {
          id: 1,
          title: "Reliable",
          ownerSlackId: null,
          keyResults: [
            kr({ id: 1, checkIns: [checkIn("2026-W48", 9)] }),
            kr({ id: 2, title: "Cut MTTR", checkIns: [checkIn("2026-W48", 9, "off_track")] }),
          ],
        },
      ],
    });
    expect(digest.attention.map((i) => [i.keyResultId, i.kind])).toEqual([
      [2, "off_track"],
      [1, "confident_but_behind"],
    ]);
    expect(digest.objectives[0]!.keyResults[0]!.trend).toHaveLength(9);
    expect(digest.objectives[0]!.keyResults[0]!.trend.at(-1)).toBeCloseTo(0.1);
  });
});

describe("a key result whose owner skipped or is away", () => {
  const digestWith = (opts: {
    skipped?: readonly string[];
    away?: ReadonlyMap<string, { year: number; month: number; day: number } | null>;
  }) =>
    buildDigest({
      teamName: "Platform",
      cycle,
      week: "2026-W48",
      now: new Date("2026-11-27T16:00:00Z"),
      timeZone: "UTC",
      objectives: [
        {
          id: 1,
          title: "Reliable",
          ownerSlackId: null,
          keyResults: [
            kr({ id: 1, ownerSlackId: "U0ALICE" }),
            kr({ id: 2, ownerSlackId: "U0BOB" }),
            kr({ id: 3, ownerSlackId: "U0CAROL" }),
            kr({ id: 4, ownerSlackId: "U0DAN", checkIns: [checkIn("2026-W48", 5)] }),
          ],
        },
      ],
      skipped: new Set(opts.skipped ?? []),
      away: opts.away ?? new Map(),
    });

  it.each([
    ["skipped", { skipped: ["U0ALICE"] }, { kind: "skipped" }, "skipped this week"],
    [
      "away with a last day",
      { away: new Map([["U0ALICE", { year: 2026, month: 12, day: 16 }]]) },
      { kind: "away", lastDay: { year: 2026, month: 12, day: 16 } },
      "away until 16 Dec",
    ],
    ["away without a known end", { away: new Map([["U0ALICE", null]]) }, { kind: "away", lastDay: null }, "away"],
    [
      "away and skipped: away wins",
      { skipped: ["U0ALICE"], away: new Map([["U0ALICE", null]]) },
      { kind: "away", lastDay: null },
      "away",
    ],
    ["neither", {}, null, "no check-in this week"],
  ] as const)("%s", (_name, opts, absence, text) => {
    const alice = digestWith(opts).objectives[0]!.keyResults[0]!;
    expect(alice.absence).toEqual(absence);
    expect(changeText(alice)).toBe(text);
    expect(keyResultLine(alice)).toContain(text);
  });

  it("says nothing of absence on a key result checked in this week, nor for other owners", () => {
    const digest = digestWith({ skipped: ["U0ALICE", "U0DAN"] });
    const [, bob, , dan] = digest.objectives[0]!.keyResults;
    expect(bob!.absence).toBeNull();
    expect(dan!.absence).toBeNull();
    expect(changeText(dan!)).not.toContain("skipped");
  });
});

describe("lastAwayDay", () => {
  const facts = (over: Partial<{ awayUntil: Date | null; slackAway: boolean; slackAwayUntil: Date | null }>) => ({
    awayUntil: null,
    slackAway: false,
    slackAwayUntil: null,
    ...over,
  });
  const now = new Date("2026-12-02T12:00:00Z");
  it.each([
    [
      "`/okr away 2026-12-16` in Berlin",
      facts({ awayUntil: new Date("2026-12-16T23:00:00Z") }),
      "Europe/Berlin",
      { year: 2026, month: 12, day: 16 },
    ],
    [
      "a vacation status with an expiry",
      facts({ slackAway: true, slackAwayUntil: new Date("2026-12-10T00:00:00Z") }),
      "UTC",
      { year: 2026, month: 12, day: 9 },
    ],
    ["a vacation status without an expiry", facts({ slackAway: true }), "UTC", null],
    [
      "the later of both",
      facts({
        awayUntil: new Date("2026-12-05T00:00:00Z"),
        slackAway: true,
        slackAwayUntil: new Date("2026-12-20T00:00:00Z"),
      }),
      "UTC",
      { year: 2026, month: 12, day: 19 },
    ],
    ["an absence already over", facts({ awayUntil: new Date("2026-12-01T00:00:00Z") }), "UTC", null],
  ] as const)("%s", (_name, person, tz, expected) => {
    expect(lastAwayDay(person, now, tz)).toEqual(expected);
  });
});

describe("shared key results in a digest", () => {
  it("are shown with their team but left out of the objectives, the counts, the missing and the attention list", () => {
    const digest = buildDigest({
      teamName: "Payments",
      cycle,
      week: "2026-W48",
      now: new Date("2026-11-27T17:00:00Z"),
      timeZone: "UTC",
      objectives: [
        {
          id: 1,
          title: "Reliable payments",
          ownerSlackId: null,
          keyResults: [kr({ checkIns: [checkIn("2026-W48", 5)] })],
        },
      ],
      // Off track and not checked in: it would be in the attention list and the missing owners.
      shared: [
        {
          teamName: "Platform",
          objectiveTitle: "Fast checkout",
          keyResult: kr({
            id: 2,
            title: "Checkout latency",
            ownerSlackId: "U0BOB",
            checkIns: [checkIn("2026-W45", 10, "off_track")],
          }),
        },
      ],
    });
    expect(digest.shared.map((s) => [s.teamName, s.objectiveTitle, s.keyResult.title, s.keyResult.progress])).toEqual([
      ["Platform", "Fast checkout", "Checkout latency", 0],
    ]);
    expect(digest.objectives[0]!.progress).toBe(0.5);
    expect([digest.checkedIn, digest.total, digest.missing, digest.attention]).toEqual([1, 1, [], []]);
  });
});
