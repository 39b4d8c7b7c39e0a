import { isAway, isAwayStatus, parseAwayUntil } from "../../src/domain/away";
import { currentPeriod, graceEnds, periodOfWeek, previousPeriod } from "../../src/domain/periods";

const monday9 = { day: 1, time: "09:00" };

describe("currentPeriod", () => {
  it.each([
    // New York: DST starts Sun 8 Mar 2026, ends Sun 1 Nov 2026.
    ["America/New_York", "2026-03-04T12:00:00Z", "2026-W10", "2026-03-02T14:00:00.000Z"],
    ["America/New_York", "2026-03-11T12:00:00Z", "2026-W11", "2026-03-09T13:00:00.000Z"],
    ["America/New_York", "2026-10-28T12:00:00Z", "2026-W44", "2026-10-26T13:00:00.000Z"],
    ["America/New_York", "2026-11-04T12:00:00Z", "2026-W45", "2026-11-02T14:00:00.000Z"],
    // London: BST starts Sun 29 Mar 2026, ends Sun 25 Oct 2026.
    ["Europe/London", "2026-03-25T12:00:00Z", "2026-W13", "2026-03-23T09:00:00.000Z"],
    ["Europe/London", "2026-04-01T12:00:00Z", "2026-W14", "2026-03-30T08:00:00.000Z"],
    ["Europe/London", "2026-10-21T12:00:00Z", "2026-W43", "2026-10-19T08:00:00.000Z"],
    ["Europe/London", "2026-10-28T12:00:00Z", "2026-W44", "2026-10-26T09:00:00.000Z"],
  ])("in %s at %s is %s, due %s (09:00 local)", (tz, now, key, due) => {
    expect(currentPeriod(new Date(now), tz, "weekly", monday9)).toEqual({ key, dueAt: new Date(due) });
  });

  it("uses the owner's local week: Sunday evening in Los Angeles is already Monday in Tokyo", () => {
    const now = new Date("2026-11-23T01:00:00Z");
    expect(currentPeriod(now, "America/Los_Angeles", "weekly", monday9).key).toBe("2026-W47");
    expect(currentPeriod(now, "Asia/Tokyo", "weekly", monday9).key).toBe("2026-W48");
  });

  it("groups weeks in twos for a biweekly cadence, due in the first week", () => {
    const first = currentPeriod(new Date("2026-11-24T12:00:00Z"), "UTC", "biweekly", monday9);
    const second = currentPeriod(new Date("2026-12-01T12:00:00Z"), "UTC", "biweekly", monday9);
    const third = currentPeriod(new Date("2026-12-08T12:00:00Z"), "UTC", "biweekly", monday9);
    expect(new Set([first.key, second.key, third.key]).size).toBe(2);
    const [a, b] = first.key === second.key ? [first, third] : [second, third];
    expect(a.key).not.toBe(b.key);
    expect(periodOfWeek(a.key, "biweekly")).toBe(a.key);
    expect(previousPeriod(b.key, "biweekly")).toBe(a.key);
    expect(previousPeriod("2026-W48", "weekly")).toBe("2026-W47");
    expect(periodOfWeek("2027-W01", "weekly")).toBe("2027-W01");
  });
});

describe("graceEnds", () => {
  it("defaults to the end of the owner's local day, and honours a number of minutes", () => {
    const due = new Date("2026-11-23T14:00:00Z"); // 09:00 in New York
    expect(graceEnds(due, "America/New_York", null)).toEqual(new Date("2026-11-24T05:00:00Z"));
    expect(graceEnds(due, "America/New_York", 90)).toEqual(new Date("2026-11-23T15:30:00Z"));
  });
});

describe("away", () => {
  it.each([
    [":palm_tree:", "", true],
    ["", "On vacation until Monday", true],
    ["", "OOO", true],
    [":spiral_calendar_pad:", "In a meeting", false],
    ["", "", false],
  ])("status %j %j → away %s", (emoji, text, away) => {
    expect(isAwayStatus({ emoji, text })).toBe(away);
  });

  it("is away until the date given, or while a vacation status lasts", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(isAway({ awayUntil: new Date("2026-11-25T00:00:00Z"), slackAway: false, slackAwayUntil: null }, now)).toBe(
      true,
    );
    expect(isAway({ awayUntil: new Date("2026-11-23T00:00:00Z"), slackAway: false, slackAwayUntil: null }, now)).toBe(
      false,
    );
    expect(isAway({ awayUntil: null, slackAway: true, slackAwayUntil: null }, now)).toBe(true);
    expect(isAway({ awayUntil: null, slackAway: true, slackAwayUntil: new Date("2026-11-23T11:00:00Z") }, now)).toBe(
      false,
    );
  });

  it("reads /okr away dates as through the end of that local day", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(parseAwayUntil("2026-12-24", now, "Europe/London")).toEqual(new Date("2026-12-25T00:00:00Z"));
    expect(parseAwayUntil("2026-12-24", now, "America/New_York")).toEqual(new Date("2026-12-25T05:00:00Z"));
    expect(parseAwayUntil("2026-11-22", now, "UTC")).toBeNull();
    expect(parseAwayUntil("2026-02-30", now, "UTC")).toBeNull();
    expect(parseAwayUntil("next week", now, "UTC")).toBeNull();
  });
});
