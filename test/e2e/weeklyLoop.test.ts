// The whole weekly loop against the sandbox, with the real Bolt app over real HTTP:
// import → checkins → button → modal → submit (bad, then good) → digest → retro.
import { IDS } from "../../src/blocks/ids";
import { findPings, waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    checkin: { day: monday, time: "09:00" }
    objectives:
      - title: Make our platform reliable enough that customers trust us
        owner: U0LEAD
        why: Reduce churn
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 8
            target: 2
            unit: incidents/quarter
            measured_by: P1 count in the incident tracker
          - title: Improve checkout success rate
            owner: U0BOB
            baseline: 94
            target: 98
            unit: "%"
            measured_by: Payments dashboard
          - title: Reduce mean time to recovery
            owner: U0ALICE
            baseline: 120
            target: 30
            unit: minutes
            measured_by: Incident tracker
`;

const HOSTILE_NOTE = "Fixed it <!channel> <!here> <@U0BOB> see <http://evil.example|Q3 report> & more";

describe.each(PROVIDERS)("the weekly loop on %s", (provider) => {
  let s: TestStack;

  beforeAll(async () => {
    s = await startTestStack(provider, new Date("2026-11-23T08:30:00Z"));
    s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "Europe/London" });
    s.sandbox.addUser({ id: "U0BOB", name: "bob", tz: "America/New_York" });
    s.sandbox.addUser({ id: "U0LEAD", name: "lead", tz: "Europe/London" });
    s.sandbox.addUser({ id: "U0MANAGER", name: "manager", tz: "Europe/London" });
    await s.importYaml(OKRS);
  });
  afterAll(async () => s.close());

  const prompts = (user: string) => s.sandbox.dmsTo(user).filter((m) => m.text.startsWith("Weekly check-in"));

  it("prompts each owner once, at 09:00 in their own time zone, however often the job runs", async () => {
    expect(await s.runJob("checkins")).toMatchObject({ sent: 0, notDue: 2 });

    s.clock.now = new Date("2026-11-23T09:05:00Z"); // 09:05 in London, 04:05 in New York
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1, notDue: 1 });
    expect(prompts("U0ALICE")).toHaveLength(1);
    expect(prompts("U0BOB")).toHaveLength(0);

    s.clock.now = new Date("2026-11-23T14:05:00Z"); // 09:05 in New York
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1, alreadySent: 1 });
    for (let i = 0; i < 3; i++) await s.runJob("checkins");
    expect(prompts("U0ALICE")).toHaveLength(1);
    expect(prompts("U0BOB")).toHaveLength(1);
    expect(JSON.stringify(prompts("U0ALICE")[0]!.blocks)).toContain("Reduce P1 incidents");
    expect(JSON.stringify(prompts("U0ALICE")[0]!.blocks)).toContain("Reduce mean time to recovery");
  });

  it("opens the modal from the DM button, refuses a bad value with a field error, then stores a good one", async () => {
    const prompt = prompts("U0ALICE")[0]!;
    const click = await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    expect(click.status).toBe(200);
    expect(click.durationMs).toBeLessThan(3000);
    const view = await waitFor(() => s.sandbox.openViews("U0ALICE").find((v) => v.callbackId === IDS.views.checkin), {
      timeoutMs: 5000,
    });

    const db = s.bot.database.db;
    const p1 = await db.keyResult.findFirstOrThrow({ where: { title: "Reduce P1 incidents" } });
    const mttr = await db.keyResult.findFirstOrThrow({ where: { title: "Reduce mean time to recovery" } });
    const v = (kind: keyof typeof IDS.checkinBlocks, id: number) => `${IDS.checkinBlocks[kind]}${id}`;

    const bad = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: {
        [v("value", p1.id)]: "five-ish",
        [v("confidence", p1.id)]: "on_track",
        [v("value", mttr.id)]: "100",
        [v("confidence", mttr.id)]: "at_risk",
      },
    });
    expect(bad.outcome.action).toBe("errors");
    expect(JSON.parse(bad.body)).toEqual({
      response_action: "errors",
      errors: { [v("value", p1.id)]: "Enter a number, e.g. 42 or 97.5." },
    });
    expect(await db.checkIn.count()).toBe(0);

    const good = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: {
        [v("value", p1.id)]: "5",
        [v("confidence", p1.id)]: "on_track",
        [v("note", p1.id)]: HOSTILE_NOTE,
        [v("value", mttr.id)]: "100",
        [v("confidence", mttr.id)]: "at_risk",
      },
    });
    expect(good.outcome.action).toBe("closed");
    const stored = await db.checkIn.findMany({ orderBy: { keyResultId: "asc" } });
    expect(stored.map((c) => [c.keyResultId, c.week, c.value, c.confidence, c.note])).toEqual([
      [p1.id, "2026-W48", 5, "on_track", HOSTILE_NOTE],
      [mttr.id, "2026-W48", 100, "at_risk", null],
    ]);
    // The DM now says it was received.
    await waitFor(
      () =>
        prompts("U0ALICE").length === 0 && s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Checked in ✓")),
      { timeoutMs: 5000 },
    );
  });

  it("refuses a submission for a key result the user does not own", async () => {
    const db = s.bot.database.db;
    const bobs = await db.keyResult.findFirstOrThrow({ where: { title: "Improve checkout success rate" } });
    const before = await db.checkIn.count();
    await s.requester.command({ user: "U0ALICE", text: "checkin" });
    const view = await waitFor(() => s.sandbox.openViews("U0ALICE").find((m) => m.callbackId === IDS.views.checkin), {
      timeoutMs: 5000,
    });
    const forged = {
      [`${IDS.checkinBlocks.value}${bobs.id}`]: { value: { type: "plain_text_input", value: "99" } },
      [`${IDS.checkinBlocks.confidence}${bobs.id}`]: {
        confidence: { type: "static_select", selected_option: { value: "on_track" } },
      },
    };
    const res = await s.requester.viewSubmission({ user: "U0ALICE", view: { id: view.id, state: { values: forged } } });
    expect(JSON.parse(res.body).response_action).toBe("errors");
    expect(JSON.stringify(JSON.parse(res.body).errors)).toContain("only check in on key results you own");
    expect(await db.checkIn.count()).toBe(before);
  });

  it("posts the digest once, with direction-aware progress, escaped notes and who is missing", async () => {
    s.clock.now = new Date("2026-11-27T16:05:00Z");
    expect(await s.runJob("digest")).toMatchObject({ posted: 1 });
    expect(await s.runJob("digest")).toMatchObject({ posted: 0, alreadyPosted: 1 });
    const posts = s.sandbox.messages("C0PLATFORM").filter((m) => !m.threadTs);
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.blocks);
    expect(text).toContain("Reduce P1 incidents");
    expect(text).toMatch(/50%.*now 5 incidents\/quarter/);
    expect(text).toContain("Not checked in yet (1):* <@U0BOB>");
    // The notes go in the thread, escaped: nobody is pinged.
    expect(text).toContain("1 note from this week's check-ins in the thread");
    expect(text).not.toContain("evil.example");
    const notes = s.sandbox.thread("C0PLATFORM", posts[0]!.ts).filter((m) => m.ts !== posts[0]!.ts && !m.files); // the chart is there too
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0]!.blocks)).toContain(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U0BOB&gt; see &lt;http://evil.example|Q3 report&gt; &amp; more",
    );
    expect(findPings(notes[0]!)).toEqual([]);
    expect(findPings(posts[0]!)).toEqual([]);
  });

  it("answers /okr help, /okr, /okr team and unknown subcommands ephemerally", async () => {
    const help = await s.requester.command({ user: "U0BOB", text: "help" });
    expect(help.status).toBe(200);
    expect(help.body).toContain("/okr team");
    const unknown = await s.requester.command({ user: "U0BOB", text: "frobnicate" });
    expect(unknown.body).toContain("I don't know `frobnicate`");

    await s.requester.command({ user: "U0ALICE", text: "" });
    await s.requester.command({ user: "U0BOB", text: "team platform" });
    await s.requester.command({ user: "U0BOB", text: "team Nope" });
    const responses = await waitFor(() => (s.sandbox.responses().length >= 3 ? s.sandbox.responses() : null), {
      timeoutMs: 5000,
    });
    const bodies = responses.map((r) => JSON.stringify(r.body));
    expect(responses.every((r) => r.effect === "ephemeral")).toBe(true);
    expect(bodies.find((b) => b.includes("Your key results"))).toContain("Reduce mean time to recovery");
    expect(bodies.find((b) => b.includes("Improve checkout success rate") && b.includes("Platform"))).toBeDefined();
    expect(bodies.find((b) => b.includes("There is no team called"))).toContain("`Platform`");
  });

  it("publishes the App Home with the person's key results when they open it", async () => {
    const res = await s.requester.appHomeOpened({ user: "U0BOB" });
    expect(res.status).toBe(200);
    const home = await waitFor(() => s.sandbox.home("U0BOB"), { timeoutMs: 5000 });
    const blocks = JSON.stringify(home.view.blocks);
    expect(blocks).toContain("Improve checkout success rate");
    expect(blocks).toContain(IDS.actions.openCheckin);
    expect(blocks).not.toContain("Reduce P1 incidents");
    expect(blocks).toContain("Team Platform");

    // A manager sees who has not checked in; someone without key results gets a friendly note.
    await s.requester.appHomeOpened({ user: "U0MANAGER" });
    const manager = JSON.stringify((await waitFor(() => s.sandbox.home("U0MANAGER"), { timeoutMs: 5000 })).view.blocks);
    expect(manager).toContain("Platform: not checked in yet (1)* <@U0BOB>");
    expect(manager).toContain("You own no key results this cycle");
  });

  it("posts the retro thread once: a parent with the average and bands, one reply per key result", async () => {
    s.clock.now = new Date("2027-01-01T10:00:00Z");
    expect(await s.runJob("retro")).toMatchObject({ threads: 1, replies: 3 });
    expect(await s.runJob("retro")).toMatchObject({ threads: 0, alreadyPosted: 1, replies: 0 });
    const parent = s.sandbox.messages("C0PLATFORM").find((m) => m.text.includes("retrospective"))!;
    const replies = s.sandbox.thread("C0PLATFORM", parent.ts).filter((m) => m.ts !== parent.ts);
    expect(replies).toHaveLength(3);
    const p1 = replies.find((r) => r.text.startsWith("Reduce P1 incidents"))!;
    expect(p1.text).toBe("Reduce P1 incidents: score 0.5");
    expect(JSON.stringify(p1.blocks)).toContain("0.4–0.6");
    expect(JSON.stringify(parent.blocks)).toContain("Average score");
  });
});
