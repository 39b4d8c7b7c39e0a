import { isCycleKey, parseCycleKey, quarterElapsed, quarterOf, weekOfCycle } from "../../src/domain";

const at = (iso: string) => new Date(iso);

describe("quarterOf", () => {
  it.each([
    ["2026-11-18T12:00:00Z", "UTC", "2026-Q4", "2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
    ["2026-11-18T12:00:00Z", "America/New_York", "2026-Q4", "2026-10-01T04:00:00.000Z", "2027-01-01T05:00:00.000Z"],
    ["2026-02-10T12:00:00Z", "Europe/London", "2026-Q1", "2026-01-01T00:00:00.000Z", "2026-03-31T23:00:00.000Z"],
    ["2026-05-10T12:00:00Z", "Asia/Tokyo", "2026-Q2", "2026-03-31T15:00:00.000Z", "2026-06-30T15:00:00.000Z"],
    ["2026-08-10T12:00:00Z", "Asia/Kolkata", "2026-Q3", "2026-06-30T18:30:00.000Z", "2026-09-30T18:30:00.000Z"],
    // The local date decides the quarter.
    ["2027-01-01T03:00:00Z", "America/New_York", "2026-Q4", "2026-10-01T04:00:00.000Z", "2027-01-01T05:00:00.000Z"],
    ["2027-01-01T03:00:00Z", "UTC", "2027-Q1", "2027-01-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z"],
    ["2026-12-31T16:00:00Z", "Asia/Tokyo", "2027-Q1", "2026-12-31T15:00:00.000Z", "2027-03-31T15:00:00.000Z"],
  ])("%s in %s is %s", (now, tz, key, startsAt, endsAt) => {
    const cycle = quarterOf(at(now), tz);
    expect(cycle.key).toBe(key);
    expect(cycle.startsAt.toISOString()).toBe(startsAt);
    expect(cycle.endsAt.toISOString()).toBe(endsAt);
  });

  it("starts at the instant the previous quarter ends", () => {
    const q4 = quarterOf(at("2026-11-18T12:00:00Z"), "America/New_York");
    expect(quarterOf(q4.endsAt, "America/New_York").key).toBe("2027-Q1");
    expect(quarterOf(new Date(q4.endsAt.getTime() - 1), "America/New_York").key).toBe("2026-Q4");
    expect(quarterOf(q4.startsAt, "America/New_York").key).toBe("2026-Q4");
  });
});

describe("parseCycleKey / isCycleKey", () => {
  it.each(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2030-Q1"])(
    "%p parses to the same cycle quarterOf gives",
    (key) => {
      const cycle = parseCycleKey(key, "Europe/London");
      expect(isCycleKey(key)).toBe(true);
      expect(cycle.key).toBe(key);
      expect(quarterOf(cycle.startsAt, "Europe/London")).toEqual(cycle);
    },
  );

  it.each(["2026-Q5", "2026-Q0", "2026Q4", "2026-q4", "Q4-2026", "26-Q4", "2026-Q4 ", " 2026-Q4", "2026-W47", ""])(
    "%p is rejected",
    (key) => {
      expect(isCycleKey(key)).toBe(false);
      expect(() => parseCycleKey(key, "UTC")).toThrow(
        `Invalid cycle key "${key}"; expected a quarter such as "2026-Q4"`,
      );
    },
  );

  it("rejects an unknown time zone", () => {
    expect(() => parseCycleKey("2026-Q4", "Not/AZone")).toThrow(/Unknown time zone "Not\/AZone"/);
  });
});

describe("quarterElapsed", () => {
  const cycle = parseCycleKey("2026-Q4", "UTC");
  const middle = new Date((cycle.startsAt.getTime() + cycle.endsAt.getTime()) / 2);

  it.each([
    ["before the cycle", at("2026-09-01T00:00:00Z"), 0],
    ["at the start", cycle.startsAt, 0],
    ["half way", middle, 0.5],
    ["at the end", cycle.endsAt, 1],
    ["after the cycle", at("2027-02-01T00:00:00Z"), 1],
  ])("%s → %p", (_name, now, expected) => {
    expect(quarterElapsed(now, cycle)).toBeCloseTo(expected, 10);
  });
});

describe("weekOfCycle", () => {
  const cycle = parseCycleKey("2026-Q4", "UTC"); // 2026-W40 … 2026-W53

  it.each([
    ["first day (Thursday)", "2026-10-01T09:00:00Z", 1],
    ["first Monday", "2026-10-05T09:00:00Z", 2],
    ["mid quarter", "2026-11-18T09:00:00Z", 8],
    ["last day", "2026-12-31T23:59:00Z", 14],
    ["before the cycle (clamped)", "2026-09-01T00:00:00Z", 1],
    ["after the cycle (clamped)", "2027-02-01T00:00:00Z", 14],
  ])("%s → week %p of 14", (_name, now, week) => {
    expect(weekOfCycle(at(now), cycle, "UTC")).toEqual({ week, of: 14 });
  });
});
