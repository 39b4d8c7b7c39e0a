import { addCalendarDays, instantAtWallTime, isValidTimeZone, localDateOf } from "../../src/domain";

describe("isValidTimeZone", () => {
  it.each([
    ["Europe/London", true],
    ["America/New_York", true],
    ["Asia/Kolkata", true],
    ["UTC", true],
    ["Not/AZone", false],
    ["", false],
    ["   ", false],
    ["local", false],
  ])("%p → %p", (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });
});

describe("instantAtWallTime", () => {
  it.each([
    ["plain winter time", "America/New_York", 2026, 1, 15, 9, 0, "2026-01-15T14:00:00.000Z"],
    ["plain summer time", "Europe/London", 2026, 7, 15, 9, 0, "2026-07-15T08:00:00.000Z"],
    ["half-hour zone", "Asia/Kolkata", 2026, 7, 15, 9, 0, "2026-07-15T03:30:00.000Z"],
    ["quarter-hour zone", "Asia/Kathmandu", 2026, 7, 15, 9, 0, "2026-07-15T03:15:00.000Z"],
    // Santiago springs forward at midnight: 00:00 on 6 Sep 2026 doesn't exist.
    ["midnight gap → transition", "America/Santiago", 2026, 9, 6, 0, 0, "2026-09-06T04:00:00.000Z"],
    // Lord Howe moves by 30 minutes: 02:00 → 02:30.
    ["30-minute gap → transition", "Australia/Lord_Howe", 2026, 10, 4, 2, 15, "2026-10-03T15:30:00.000Z"],
    ["month overflow is normalised by the caller's date", "UTC", 2026, 12, 31, 23, 59, "2026-12-31T23:59:00.000Z"],
  ])("%s", (_name, tz, year, month, day, hours, minutes, expected) => {
    expect(instantAtWallTime(tz, { year, month, day }, hours, minutes).toISOString()).toBe(expected);
  });
});

describe("localDateOf / addCalendarDays", () => {
  it.each([
    ["2026-03-09T03:59:00Z", "America/New_York", { year: 2026, month: 3, day: 8 }],
    ["2026-03-09T03:59:00Z", "UTC", { year: 2026, month: 3, day: 9 }],
    ["2026-12-31T16:00:00Z", "Asia/Tokyo", { year: 2027, month: 1, day: 1 }],
  ])("%s in %s", (iso, tz, expected) => {
    expect(localDateOf(new Date(iso), tz)).toEqual(expected);
  });

  it.each([
    [{ year: 2026, month: 12, day: 31 }, 1, { year: 2027, month: 1, day: 1 }],
    [{ year: 2028, month: 2, day: 28 }, 1, { year: 2028, month: 2, day: 29 }],
    [{ year: 2026, month: 3, day: 1 }, -1, { year: 2026, month: 2, day: 28 }],
  ])("%p + %p days", (date, days, expected) => {
    expect(addCalendarDays(date, days)).toEqual(expected);
  });
});
