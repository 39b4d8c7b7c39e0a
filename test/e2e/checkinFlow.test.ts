// What owners and managers see around a prompt: reminder, escalation, snooze, skip, away, the
// typo guard, editing a check-in, co-owners, and an event delivered twice.
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { addPeople, CHECKOUT_SUCCESS, P1_INCIDENTS, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = platformOkrs({
  managers: ["U0MANAGER", "U0LEAD"],
  keyResults: [P1_INCIDENTS, { ...CHECKOUT_SUCCESS, co_owners: ["U0CAROL"] }],
});

const dms = (s: TestStack, user: string, startsWith: string) =>
  s.sandbox.dmsTo(user).filter((m) => m.text.startsWith(startsWith));

describe.each(PROVIDERS)("around the prompt on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-23T09:30:00Z"));
    addPeople(s.sandbox, ["U0ALICE", "U0BOB", "U0CAROL", "U0LEAD", "U0MANAGER"], "Europe/London");
    await s.importYaml(OKRS);
  });
  afterEach(async () => s.close());

  const at = async (iso: string, job: "checkins" | "reminders" | "digest") => {
    s.clock.now = new Date(iso);
    return s.runJob(job);
  };
  const value =
    (title: string, v: string, confidence = "on_track") =>
    async (id: (t: string) => Promise<number>) => ({
      [`${IDS.checkinBlocks.value}${await id(title)}`]: v,
      [`${IDS.checkinBlocks.confidence}${await id(title)}`]: confidence,
    });

  it("sends one gentle reminder a day after the prompt, never a second, and none to who answered", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    await s.checkIn("U0ALICE", value("Reduce P1 incidents", "7"));
    expect(await at("2026-11-24T09:00:00Z", "reminders")).toMatchObject({ sent: 0, notYet: 2 });
    expect(await at("2026-11-24T09:31:00Z", "reminders")).toMatchObject({ sent: 1, answered: 1 });
    for (const t of ["2026-11-24T12:00:00Z", "2026-11-25T12:00:00Z", "2026-11-26T12:00:00Z"]) await at(t, "reminders");
    expect(dms(s, "U0BOB", "A gentle reminder")).toHaveLength(1);
    expect(dms(s, "U0ALICE", "A gentle reminder")).toHaveLength(0);
  });

  it("tells the managers once when someone has missed two periods in a row", async () => {
    for (const monday of ["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]) {
      await at(`${monday}T09:30:00Z`, "checkins");
      if (monday !== "2026-11-09") await s.checkIn("U0ALICE", value("Reduce P1 incidents", "7"));
      await at(`${monday}T12:00:00Z`, "reminders");
    }
    // Bob missed W46 and W47 (and W48): the managers heard once, on the Monday of W48.
    for (const manager of ["U0MANAGER", "U0LEAD"]) {
      const escalations = s.sandbox.dmsTo(manager).filter((m) => m.text.includes("missed 2 check-ins in a row"));
      expect(escalations).toHaveLength(1);
      expect(JSON.stringify(escalations[0]!.blocks)).toContain("<@U0BOB>");
      expect(JSON.stringify(escalations[0]!.blocks)).not.toContain("U0ALICE");
    }
  });

  it("snoozes a prompt for a day: no reminder meanwhile, then one new prompt", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    const prompt = dms(s, "U0BOB", "Weekly check-in")[0]!;
    await s.requester.blockAction({
      user: "U0BOB",
      actionId: IDS.actions.snooze,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    await waitFor(() => s.sandbox.dmsTo("U0BOB").find((m) => m.text.startsWith("Snoozed ✓")), { timeoutMs: 5000 });
    await at("2026-11-23T20:00:00Z", "checkins");
    expect(dms(s, "U0BOB", "Weekly check-in")).toHaveLength(0); // the first prompt now reads "Snoozed ✓"
    expect(await at("2026-11-24T09:31:00Z", "reminders")).toMatchObject({ sent: 1 }); // Alice, not Bob
    expect(await at("2026-11-24T09:40:00Z", "checkins")).toMatchObject({ sent: 1 });
    await at("2026-11-24T10:40:00Z", "checkins");
    expect(dms(s, "U0BOB", "Weekly check-in")).toHaveLength(1);
  });

  it("records 'Skip this week': no reminder, and the digest shows skipped, not missing", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    const prompt = dms(s, "U0BOB", "Weekly check-in")[0]!;
    await s.requester.blockAction({
      user: "U0BOB",
      actionId: IDS.actions.skip,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    await waitFor(() => s.sandbox.dmsTo("U0BOB").find((m) => m.text.startsWith("Skipped ✓")), { timeoutMs: 5000 });
    await at("2026-11-24T10:00:00Z", "reminders");
    expect(dms(s, "U0BOB", "A gentle reminder")).toHaveLength(0);
    await at("2026-11-27T16:30:00Z", "digest");
    const digest = JSON.stringify(s.sandbox.messages("C0PLATFORM")[0]!.blocks);
    expect(digest).toContain("Skipped this week (1):* <@U0BOB>");
    expect(digest).toContain("Not checked in yet (1):* <@U0ALICE>");
    // Each key result's own line says why it has no check-in.
    const lines = (s.sandbox.messages("C0PLATFORM")[0]!.blocks ?? []).map((b) => JSON.stringify(b));
    expect(lines.filter((l) => l.includes("<@U0BOB>") && l.includes("skipped this week")).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes("<@U0BOB>") && l.includes("no check-in this week"))).toEqual([]);
  });

  it("refuses a snooze or skip on someone else's prompt", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    const prompt = dms(s, "U0BOB", "Weekly check-in")[0]!;
    // Alice cannot click Bob's DM in Slack; a forged payload with her id acts on her own prompt only.
    await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.skip,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    const bob = await s.bot.database.db.checkinPrompt.findFirstOrThrow({ where: { person: { slackUserId: "U0BOB" } } });
    expect(bob.skipped).toBe(false);
  });

  it("pauses prompts and reminders while away (/okr away, or a vacation status), and the digest says away", async () => {
    s.clock.now = new Date("2026-11-22T12:00:00Z");
    await s.requester.command({ user: "U0BOB", text: "away 2026-11-29" });
    s.sandbox.updateUser("U0ALICE", { statusEmoji: ":palm_tree:", statusText: "Vacationing" });
    await waitFor(() => s.sandbox.responses().find((r) => JSON.stringify(r.body).includes("away through 2026-11-29")), {
      timeoutMs: 5000,
    });
    expect(await at("2026-11-23T09:30:00Z", "checkins")).toMatchObject({ sent: 0, away: 2 });
    await at("2026-11-24T10:00:00Z", "reminders");
    await at("2026-11-27T16:30:00Z", "digest");
    const digest = JSON.stringify(s.sandbox.messages("C0PLATFORM")[0]!.blocks);
    expect(digest).toContain("Away (2):* <@U0ALICE>, <@U0BOB>");
    expect(digest).not.toContain("Not checked in yet");
    expect(digest).toContain("away until 29 Nov"); // Bob's last day; Alice's status has no end
    expect(digest).not.toContain("no check-in this week");
    // Back the next week: Bob with /okr back, Alice when her status is cleared.
    await s.requester.command({ user: "U0BOB", text: "back" });
    s.sandbox.updateUser("U0ALICE", { statusEmoji: "", statusText: "" });
    expect(await at("2026-11-30T09:30:00Z", "checkins")).toMatchObject({ sent: 2 });
  });

  it("sends no reminder and no escalation to someone who went away after the prompt", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    s.clock.now = new Date("2026-11-23T12:00:00Z");
    await s.requester.command({ user: "U0BOB", text: "away 2026-12-13" });
    await waitFor(() => s.sandbox.responses().find((r) => JSON.stringify(r.body).includes("away through")), {
      timeoutMs: 5000,
    });
    for (const day of ["2026-11-24", "2026-11-30", "2026-12-07"]) {
      await at(`${day}T10:00:00Z`, "checkins");
      await at(`${day}T12:00:00Z`, "reminders");
    }
    expect(dms(s, "U0BOB", "A gentle reminder")).toHaveLength(0);
    expect(dms(s, "U0BOB", "Weekly check-in")).toHaveLength(1);
    // Alice, who was not away and never answered, is reported; Bob is not.
    const escalations = s.sandbox.dmsTo("U0MANAGER").filter((m) => m.text.includes("in a row"));
    expect(escalations.map((m) => JSON.stringify(m.blocks)).join()).toContain("<@U0ALICE>");
    expect(escalations.map((m) => JSON.stringify(m.blocks)).join()).not.toContain("U0BOB");
  });

  it("prompts someone back from being away mid-week the same day they return", async () => {
    s.clock.now = new Date("2026-11-22T12:00:00Z");
    await s.requester.command({ user: "U0BOB", text: "away 2026-11-30" });
    await waitFor(() => s.sandbox.responses().length > 0, { timeoutMs: 5000 });
    expect(await at("2026-11-23T09:30:00Z", "checkins")).toMatchObject({ away: 1 });
    s.clock.now = new Date("2026-11-25T14:00:00Z");
    await s.requester.command({ user: "U0BOB", text: "back" });
    await waitFor(() => s.sandbox.responses().length > 1, { timeoutMs: 5000 });
    await at("2026-11-25T14:05:00Z", "checkins");
    expect(dms(s, "U0BOB", "Weekly check-in")).toHaveLength(1);
  });

  it("delivers an escalation whose first send failed on a later run, still once per manager", async () => {
    for (const monday of ["2026-11-09", "2026-11-16"]) {
      await at(`${monday}T09:30:00Z`, "checkins");
      await s.checkIn("U0ALICE", value("Reduce P1 incidents", "7"));
    }
    await at("2026-11-23T09:30:00Z", "checkins");
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "error", error: "internal_error", times: 100 });
    await at("2026-11-23T12:00:00Z", "reminders");
    s.sandbox.clearFaults();
    // The failed attempts were given back; the next runs deliver, and only once.
    await s.bot.database.db.slackMessage.updateMany({ where: { status: "pending" }, data: { claimedAt: new Date(0) } });
    await at("2026-11-23T12:15:00Z", "reminders");
    await at("2026-11-23T12:30:00Z", "reminders");
    for (const manager of ["U0MANAGER", "U0LEAD"]) {
      expect(s.sandbox.dmsTo(manager).filter((m) => m.text.includes("missed 2 check-ins in a row"))).toHaveLength(1);
    }
  });

  it("asks to confirm a value that moves more than the whole baseline → target distance", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    const first = await s.checkIn("U0ALICE", value("Reduce P1 incidents", "80"));
    expect(first.outcome.action).toBe("updated");
    expect(await s.bot.database.db.checkIn.count()).toBe(0);
    const view = s.sandbox.openViews("U0ALICE").at(-1)!;
    expect(JSON.stringify(view.view)).toContain("Yes, 80 is right");
    const id = (await s.bot.database.db.keyResult.findFirstOrThrow({ where: { title: "Reduce P1 incidents" } })).id;
    const confirmed = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: { [`${IDS.checkinBlocks.confirm}${id}`]: ["yes"] },
    });
    expect(confirmed.outcome.action).toBe("closed");
    expect(await s.bot.database.db.checkIn.findFirstOrThrow()).toMatchObject({ value: 80 });
  });

  it("updates a check-in submitted again in the same week and keeps the earlier one", async () => {
    await at("2026-11-23T09:30:00Z", "checkins");
    await s.checkIn("U0ALICE", value("Reduce P1 incidents", "7", "at_risk"));
    await s.checkIn("U0ALICE", value("Reduce P1 incidents", "6"), { via: "command" });
    const db = s.bot.database.db;
    expect(await db.checkIn.findMany({ select: { value: true, confidence: true, week: true } })).toEqual([
      { value: 6, confidence: "on_track", week: "2026-W48" },
    ]);
    expect(await db.checkInRevision.findMany({ select: { value: true, confidence: true } })).toEqual([
      { value: 7, confidence: "at_risk" },
    ]);
  });

  it("lets a co-owner check in, and no one else", async () => {
    s.clock.now = new Date("2026-11-23T10:00:00Z");
    const carol = await s.checkIn("U0CAROL", value("Improve checkout success rate", "95"), { via: "command" });
    expect(carol.outcome.action).toBe("closed");
    expect(await s.bot.database.db.checkIn.findFirstOrThrow({ include: { author: true } })).toMatchObject({
      value: 95,
      author: { slackUserId: "U0CAROL" },
    });
    expect(await at("2026-11-23T10:05:00Z", "checkins")).toMatchObject({ sent: 1, answeredEarly: 1 }); // Bob's KR is done
  });

  it("opens this week's form from last week's prompt", async () => {
    await at("2026-11-16T09:30:00Z", "checkins");
    const old = dms(s, "U0ALICE", "Weekly check-in")[0]!;
    s.clock.now = new Date("2026-11-24T10:00:00Z");
    await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: old.channel, message_ts: old.ts },
    });
    const view = await waitFor(() => s.sandbox.openViews("U0ALICE").find((v) => v.privateMetadata.includes("2026-W")), {
      timeoutMs: 5000,
    });
    expect(JSON.parse(view.privateMetadata)).toEqual({ week: "2026-W48" });
  });

  it("handles an event delivered twice (a Slack retry) once", async () => {
    await s.requester.appHomeOpened({ user: "U0ALICE", eventId: "Ev0DUPLICATE" });
    await waitFor(() => s.sandbox.home("U0ALICE"), { timeoutMs: 5000 });
    const retry = await s.requester.event({
      event: { type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home" },
      eventId: "Ev0DUPLICATE",
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.sandbox.callsTo("views.publish")).toHaveLength(1);
  });
});
