import { isWeekKey, isoWeekKey, nextWeekKey, parseWeekKey, previousWeekKey, weekKeysBetween } from "../../src/domain";

const at = (iso: string) => new Date(iso);

describe("isoWeekKey", () => {
  it.each([
    ["2026-11-18T12:00:00Z", "UTC", "2026-W47"],
    ["2026-01-01T12:00:00Z", "UTC", "2026-W01"],
    ["2025-12-29T12:00:00Z", "UTC", "2026-W01"], // Monday of 2026-W01 is in 2025
    ["2025-12-28T12:00:00Z", "UTC", "2025-W52"],
    ["2026-12-31T12:00:00Z", "UTC", "2026-W53"], // 2026 has 53 ISO weeks
    ["2027-01-01T12:00:00Z", "UTC", "2026-W53"],
    ["2027-01-03T12:00:00Z", "UTC", "2026-W53"],
    ["2027-01-04T12:00:00Z", "UTC", "2027-W01"],
    ["2024-12-30T12:00:00Z", "UTC", "2025-W01"], // 2024-12-31 is in 2025-W01
    ["2024-12-29T12:00:00Z", "UTC", "2024-W52"],
    ["2021-01-03T12:00:00Z", "UTC", "2020-W53"],
    ["2026-03-02T12:00:00Z", "UTC", "2026-W10"],
    // The wall clock in tz decides the day.
    ["2027-01-04T03:00:00Z", "America/New_York", "2026-W53"], // Sunday 22:00 in New York
    ["2027-01-04T03:00:00Z", "UTC", "2027-W01"],
    ["2027-01-03T16:00:00Z", "Asia/Tokyo", "2027-W01"], // Monday 01:00 in Tokyo
    ["2027-01-03T16:00:00Z", "UTC", "2026-W53"],
    ["2026-03-09T03:59:00Z", "America/New_York", "2026-W10"], // Sunday 23:59 EDT
    ["2026-03-09T04:00:00Z", "America/New_York", "2026-W11"], // Monday 00:00 EDT
    ["2026-10-25T23:30:00Z", "Europe/London", "2026-W43"], // Sunday 23:30 GMT
    ["2026-10-26T00:00:00Z", "Europe/London", "2026-W44"],
  ])("%s in %s → %s", (iso, tz, expected) => {
    expect(isoWeekKey(at(iso), tz)).toBe(expected);
  });

  it("throws on an unknown time zone or an invalid date", () => {
    expect(() => isoWeekKey(at("2026-01-01T00:00:00Z"), "Mars/Olympus")).toThrow(/time zone/);
    expect(() => isoWeekKey(new Date(NaN), "UTC")).toThrow(/valid Date/);
  });
});

describe("previousWeekKey / nextWeekKey", () => {
  it.each([
    ["2026-W47", "2026-W46"],
    ["2027-W01", "2026-W53"],
    ["2026-W01", "2025-W52"],
    ["2021-W01", "2020-W53"],
    ["2025-W01", "2024-W52"],
  ])("the week before %s is %s", (week, previous) => {
    expect(previousWeekKey(week)).toBe(previous);
    expect(nextWeekKey(previous)).toBe(week);
  });

  it.each(["2027-W53", "2026-W00", "2026-W54", "2026W47", "26-W01", "2026-W7", "2026-w07", ""])(
    "%p is rejected",
    (key) => {
      expect(() => previousWeekKey(key)).toThrow(/Invalid week key/);
      expect(isWeekKey(key)).toBe(false);
    },
  );

  it.each(["2026-W53", "2020-W53", "2026-W01", "2027-W52"])("%p is a week key", (key) => {
    expect(isWeekKey(key)).toBe(true);
    expect(parseWeekKey(key).week).toBe(Number(key.slice(-2)));
  });
});

describe("weekKeysBetween", () => {
  const range = (from: number, to: number, year: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `${year}-W${String(from + i).padStart(2, "0")}`);

  it.each([
    ["2026-Q1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "UTC", range(1, 14, 2026)],
    ["2026-Q4", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z", "UTC", range(40, 53, 2026)],
    ["2027-Q1", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z", "UTC", ["2026-W53", ...range(1, 13, 2027)]],
    ["one week, end exclusive", "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z", "America/New_York", ["2026-W10"]],
    [
      "one instant past the week",
      "2026-03-02T05:00:00Z",
      "2026-03-09T04:00:00.001Z",
      "America/New_York",
      ["2026-W10", "2026-W11"],
    ],
    ["within a week", "2026-11-17T00:00:00Z", "2026-11-18T00:00:00Z", "UTC", ["2026-W47"]],
    ["empty when end equals start", "2026-11-17T00:00:00Z", "2026-11-17T00:00:00Z", "UTC", []],
    ["empty when end is before start", "2026-11-18T00:00:00Z", "2026-11-17T00:00:00Z", "UTC", []],
  ])("%s", (_name, start, end, tz, expected) => {
    expect(weekKeysBetween(at(start), at(end), tz)).toEqual(expected);
  });
});
