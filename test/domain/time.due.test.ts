import { TZDate } from "@date-fns/tz";
import { dueInstant, parseTime } from "../../src/domain";

const at = (iso: string) => new Date(iso);

describe("dueInstant at 09:00 local across the 2026 DST transitions", () => {
  it.each([
    // America/New_York: clocks spring forward Sun 8 Mar, fall back Sun 1 Nov.
    ["America/New_York", "2026-03-04T12:00:00Z", 1, "2026-03-02T14:00:00.000Z"], // Monday before, EST
    ["America/New_York", "2026-03-05T12:00:00Z", 7, "2026-03-08T13:00:00.000Z"], // transition Sunday, already EDT
    ["America/New_York", "2026-03-11T12:00:00Z", 1, "2026-03-09T13:00:00.000Z"], // Monday after, EDT
    ["America/New_York", "2026-10-28T12:00:00Z", 1, "2026-10-26T13:00:00.000Z"], // Monday before, EDT
    ["America/New_York", "2026-10-28T12:00:00Z", 7, "2026-11-01T14:00:00.000Z"], // transition Sunday, already EST
    ["America/New_York", "2026-11-04T12:00:00Z", 1, "2026-11-02T14:00:00.000Z"], // Monday after, EST
    // Europe/London: clocks spring forward Sun 29 Mar, fall back Sun 25 Oct.
    ["Europe/London", "2026-03-25T12:00:00Z", 1, "2026-03-23T09:00:00.000Z"],
    ["Europe/London", "2026-03-25T12:00:00Z", 7, "2026-03-29T08:00:00.000Z"],
    ["Europe/London", "2026-04-01T12:00:00Z", 1, "2026-03-30T08:00:00.000Z"],
    ["Europe/London", "2026-10-21T12:00:00Z", 1, "2026-10-19T08:00:00.000Z"],
    ["Europe/London", "2026-10-21T12:00:00Z", 7, "2026-10-25T09:00:00.000Z"],
    ["Europe/London", "2026-10-28T12:00:00Z", 1, "2026-10-26T09:00:00.000Z"],
  ])("%s, week of %s, day %i → %s", (tz, now, day, expected) => {
    expect(dueInstant(at(now), tz, day, "09:00").toISOString()).toBe(expected);
  });
});

describe("dueInstant for wall times that DST skips or repeats", () => {
  it.each([
    ["exists just before the US gap", "America/New_York", "2026-03-05T12:00:00Z", "01:30", "2026-03-08T06:30:00.000Z"],
    [
      "US gap start → transition (03:00 EDT)",
      "America/New_York",
      "2026-03-05T12:00:00Z",
      "02:00",
      "2026-03-08T07:00:00.000Z",
    ],
    [
      "US gap → transition (03:00 EDT)",
      "America/New_York",
      "2026-03-05T12:00:00Z",
      "02:30",
      "2026-03-08T07:00:00.000Z",
    ],
    ["just after the US gap", "America/New_York", "2026-03-05T12:00:00Z", "03:00", "2026-03-08T07:00:00.000Z"],
    [
      "US repeated hour → earlier (EDT)",
      "America/New_York",
      "2026-10-29T12:00:00Z",
      "01:30",
      "2026-11-01T05:30:00.000Z",
    ],
    [
      "US repeated hour start → earlier (EDT)",
      "America/New_York",
      "2026-10-29T12:00:00Z",
      "01:00",
      "2026-11-01T05:00:00.000Z",
    ],
    ["after the US repeated hour", "America/New_York", "2026-10-29T12:00:00Z", "02:00", "2026-11-01T07:00:00.000Z"],
    ["EU gap → transition (02:00 BST)", "Europe/London", "2026-03-26T12:00:00Z", "01:30", "2026-03-29T01:00:00.000Z"],
    ["EU repeated hour → earlier (BST)", "Europe/London", "2026-10-22T12:00:00Z", "01:30", "2026-10-25T00:30:00.000Z"],
  ])("%s: Sunday %s", (_name, tz, now, time, expected) => {
    expect(dueInstant(at(now), tz, 7, time).toISOString()).toBe(expected);
  });
});

describe("dueInstant week boundaries", () => {
  it.each([
    ["Sunday 23:59 EDT still belongs to the old week", "2026-03-09T03:59:00Z", "2026-03-02T14:00:00.000Z"],
    ["Monday 00:00 EDT starts the new week", "2026-03-09T04:00:00Z", "2026-03-09T13:00:00.000Z"],
    ["the due instant itself", "2026-03-09T13:00:00Z", "2026-03-09T13:00:00.000Z"],
  ])("%s", (_name, now, expected) => {
    expect(dueInstant(at(now), "America/New_York", 1, "09:00").toISOString()).toBe(expected);
  });

  it("can be before now (earlier in the same week)", () => {
    const now = at("2026-11-20T12:00:00Z"); // Friday
    expect(dueInstant(now, "UTC", 1, "09:00").toISOString()).toBe("2026-11-16T09:00:00.000Z");
  });
});

describe("dueInstant gives one instant per week at the local wall time", () => {
  it.each([
    ["America/New_York", 1, "09:00"],
    ["Europe/London", 1, "09:00"],
    ["America/New_York", 7, "01:30"],
    ["Europe/London", 7, "09:00"],
  ])("%s, day %i at %s, every 3 hours through 2026", (tz, day, time) => {
    // Monday 5 Jan 2026 (midday, so a Monday in both zones) up to the end of Sunday 3 Jan 2027.
    const start = Date.UTC(2026, 0, 5, 12);
    const end = Date.UTC(2027, 0, 4);
    const dues = new Set<number>();
    for (let ms = start; ms < end; ms += 3 * 3_600_000) dues.add(dueInstant(new Date(ms), tz, day, time).getTime());

    const sorted = [...dues].sort((a, b) => a - b);
    expect(sorted).toHaveLength(52);
    const { hours, minutes } = parseTime(time);
    for (const ms of sorted) {
      const local = new TZDate(ms, tz);
      expect([local.getDay() === 0 ? 7 : local.getDay(), local.getHours(), local.getMinutes()]).toEqual([
        day,
        hours,
        minutes,
      ]);
    }
    for (let i = 1; i < sorted.length; i++) {
      const gapHours = ((sorted[i] as number) - (sorted[i - 1] as number)) / 3_600_000;
      expect([167, 168, 169]).toContain(gapHours);
    }
  });
});

describe("dueInstant input checks", () => {
  const now = at("2026-11-18T12:00:00Z");
  it.each([
    ["day 0", "UTC", 0, "09:00", /day must be/],
    ["day 8", "UTC", 8, "09:00", /day must be/],
    ["fractional day", "UTC", 1.5, "09:00", /day must be/],
    ["bad time", "UTC", 1, "9am", /Invalid time/],
    ["bad zone", "Nowhere/Land", 1, "09:00", /Unknown time zone/],
  ])("%s throws", (_name, tz, day, time, message) => {
    expect(() => dueInstant(now, tz, day, time)).toThrow(message);
  });
});

describe("parseTime", () => {
  it.each([
    ["09:00", 9, 0],
    ["00:00", 0, 0],
    ["23:59", 23, 59],
    ["16:30", 16, 30],
  ])("%p → %i:%i", (time, hours, minutes) => {
    expect(parseTime(time)).toEqual({ hours, minutes });
  });

  it.each(["9:00", "24:00", "12:60", "0900", "09:00:00", " 09:00", "09:00 ", "", "ab:cd", "-1:00"])(
    "%p throws",
    (time) => {
      expect(() => parseTime(time)).toThrow(`Invalid time "${time}"`);
    },
  );
});
