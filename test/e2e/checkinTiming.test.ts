// When prompts go out: each owner's local time across DST, downtime catch-up and skip, time-zone
// changes mid-week, cadence, and answering early. The clock is driven like `job --now` does.
import { TZDate } from "@date-fns/tz";
import { PROVIDERS } from "../helpers/databases";
import { CHECKOUT_SUCCESS, P1_INCIDENTS, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";

const team = (cycle: string) =>
  platformOkrs({
    cycle,
    checkin: { day: "monday", time: "09:00" },
    keyResults: [
      { ...P1_INCIDENTS, owner: "U0NY" },
      { ...CHECKOUT_SUCCESS, owner: "U0LDN" },
    ],
  });

const HOUR = 3_600_000;

/** Runs the checkins job every hour from `from` (inclusive) to `to` (exclusive). */
async function tickHourly(s: TestStack, from: string, to: string) {
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += HOUR) {
    s.clock.now = new Date(t);
    await s.runJob("checkins");
  }
}

const prompts = (s: TestStack, user: string) =>
  s.sandbox.dmsTo(user).filter((m) => m.text.startsWith("Weekly check-in"));
const localTime = (ts: string, tz: string) => {
  const d = new TZDate(Number(ts) * 1000, tz);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

describe.each(PROVIDERS)("prompt timing on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-03-01T00:00:00Z"));
    s.sandbox.addUser({ id: "U0NY", name: "ny", tz: "America/New_York" });
    s.sandbox.addUser({ id: "U0LDN", name: "ldn", tz: "Europe/London" });
    s.sandbox.addUser({ id: "U0LEAD", name: "lead", tz: "Europe/London" });
    s.sandbox.addUser({ id: "U0MANAGER", name: "manager", tz: "Europe/London" });
  });
  afterEach(async () => s.close());

  it("prompts once a week at 09:00 local in New York and London, across both DST changes", async () => {
    await s.importYaml(team("2026-Q1"));
    await s.importYaml(team("2026-Q4"));
    // Spring: the US changes on 8 March, the UK on 29 March. Fall: the UK on 25 October, the US on 1 November.
    for (const [from, to] of [
      ["2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"],
      ["2026-10-18T00:00:00Z", "2026-11-10T00:00:00Z"],
    ] as const) {
      // Only Sundays to Tuesdays matter for a Monday prompt; skip the rest of each week to keep the test fast.
      for (let day = new Date(from).getTime(); day < new Date(to).getTime(); day += 7 * 24 * HOUR) {
        await tickHourly(s, new Date(day).toISOString(), new Date(day + 2 * 24 * HOUR).toISOString());
      }
    }
    const ny = prompts(s, "U0NY").map((m) => localTime(m.ts, "America/New_York"));
    const ldn = prompts(s, "U0LDN").map((m) => localTime(m.ts, "Europe/London"));
    expect(ny).toEqual([
      "2026-03-02 09:00",
      "2026-03-09 09:00",
      "2026-03-16 09:00",
      "2026-03-23 09:00",
      "2026-03-30 09:00",
      "2026-10-19 09:00",
      "2026-10-26 09:00",
      "2026-11-02 09:00",
      "2026-11-09 09:00",
    ]);
    expect(ldn).toEqual([
      "2026-03-02 09:00",
      "2026-03-09 09:00",
      "2026-03-16 09:00",
      "2026-03-23 09:00",
      "2026-03-30 09:00",
      "2026-10-19 09:00",
      "2026-10-26 09:00",
      "2026-11-02 09:00",
      "2026-11-09 09:00",
    ]);
    // Ten weeks of hourly ticks: about 20 s on an idle machine.
  }, 90_000);

  it("catches up a prompt missed while down within the grace window (the same day), and skips and logs it after", async () => {
    await s.importYaml(team("2026-Q4"));
    // Week 48: down from Sunday until Monday 15:00 UTC (London's prompt was due 09:00): caught up.
    s.clock.now = new Date("2026-11-23T15:00:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 2 });
    expect(localTime(prompts(s, "U0LDN")[0]!.ts, "Europe/London")).toBe("2026-11-23 15:00");
    // Week 49: down until Tuesday 10:00 UTC: London's and New York's Monday prompts are past their day.
    s.clock.now = new Date("2026-12-01T10:00:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 0, late: 2 });
    await tickHourly(s, "2026-12-01T11:00:00Z", "2026-12-04T00:00:00Z");
    expect(prompts(s, "U0LDN")).toHaveLength(1);
    expect(prompts(s, "U0NY")).toHaveLength(1);
    expect(s.logs.filter((l) => l.includes("check-in prompt for U0LDN (2026-W49) skipped"))).toHaveLength(1);
  });

  it("honours a team's own grace window", async () => {
    await s.importYaml(team("2026-Q4"));
    await s.bot.database.db.team.updateMany({ data: { graceMinutes: 60 } });
    s.clock.now = new Date("2026-11-23T09:59:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1, late: 0, notDue: 1 }); // London in time, New York not due
    s.clock.now = new Date("2026-11-23T15:30:00Z"); // New York 10:30: past its hour of grace
    expect(await s.runJob("checkins")).toMatchObject({ sent: 0, late: 1 });
  });

  it("sends neither two prompts nor none when an owner's time zone changes mid-week", async () => {
    await s.importYaml(team("2026-Q4"));
    // New York is prompted on Monday; on Tuesday their Slack profile says Tokyo.
    await tickHourly(s, "2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z");
    expect(prompts(s, "U0NY")).toHaveLength(1);
    s.sandbox.updateUser("U0NY", { tz: "Asia/Tokyo" });
    // The profile is re-read once a day; tick through the rest of the week and the next Monday in Tokyo.
    await tickHourly(s, "2026-11-24T00:00:00Z", "2026-12-01T03:00:00Z");
    const ny = prompts(s, "U0NY");
    expect(ny).toHaveLength(2);
    expect(localTime(ny[1]!.ts, "Asia/Tokyo")).toBe("2026-11-30 09:00");
    // And back: Tokyo → Los Angeles late in the week; week 49 is not asked again, week 50 is, once.
    s.sandbox.updateUser("U0NY", { tz: "America/Los_Angeles" });
    await tickHourly(s, "2026-12-03T00:00:00Z", "2026-12-08T00:00:00Z");
    const after = prompts(s, "U0NY");
    expect(after).toHaveLength(3);
    expect(localTime(after[2]!.ts, "America/Los_Angeles")).toBe("2026-12-07 09:00");
  });

  it("prompts every other week for a biweekly team", async () => {
    await s.importYaml(team("2026-Q4"));
    await s.bot.database.db.team.updateMany({ data: { cadence: "biweekly" } });
    for (const monday of ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"]) {
      await tickHourly(s, `${monday}T00:00:00Z`, `${monday}T20:00:00Z`);
    }
    expect(prompts(s, "U0LDN").map((m) => localTime(m.ts, "Europe/London").slice(0, 10))).toHaveLength(3);
    const weeks = prompts(s, "U0LDN").map((m) => m.text.match(/\d{4}-W\d{2}/)![0]);
    expect(new Set(weeks).size).toBe(3);
  });

  it("still prompts someone whose time zone moved east past their due time (grace counts from the change)", async () => {
    await s.importYaml(team("2026-Q4"));
    await s.bot.database.db.team.updateMany({ data: { graceMinutes: 60 } });
    await tickHourly(s, "2026-11-22T06:00:00Z", "2026-11-22T08:00:00Z"); // Sunday: profiles read (London)
    s.sandbox.updateUser("U0LDN", { tz: "Europe/Athens" }); // 09:00 in Athens is 07:00 UTC
    s.clock.now = new Date("2026-11-23T08:30:00Z"); // Monday: the daily refresh sees Athens, 90 minutes after its 09:00
    expect(await s.runJob("checkins")).toMatchObject({ late: 0 });
    expect(prompts(s, "U0LDN")).toHaveLength(1);
  });

  it("does not prompt someone who already checked in this week (/okr checkin early on Monday)", async () => {
    await s.importYaml(team("2026-Q4"));
    s.clock.now = new Date("2026-11-23T07:00:00Z"); // Monday, 07:00 in London, before the prompt
    const done = await s.checkIn(
      "U0LDN",
      async (id) => ({
        [`kr_value_${await id("Improve checkout success rate")}`]: "95",
        [`kr_confidence_${await id("Improve checkout success rate")}`]: "on_track",
      }),
      { via: "command" },
    );
    expect(done.outcome.action).toBe("closed");
    await tickHourly(s, "2026-11-23T08:00:00Z", "2026-11-23T20:00:00Z");
    expect(prompts(s, "U0LDN")).toHaveLength(0);
    expect(prompts(s, "U0NY")).toHaveLength(1);
  });
});
