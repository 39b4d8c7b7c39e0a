// The /okr subcommands against the real bot: lookups, previews, archive and its permission.
import { PROVIDERS } from "../helpers/databases";
import { addPeople, CHECKOUT_SUCCESS, DATA_TEAM, P1_INCIDENTS, PLATFORM_PEOPLE, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";
import { waitFor } from "../../src/sandbox";

const P2_INCIDENTS = {
  title: "Reduce P2 incidents",
  owner: "U0ALICE",
  baseline: 30,
  target: 10,
  measured_by: "Incident tracker",
};
const OKRS = platformOkrs({ keyResults: [P1_INCIDENTS, P2_INCIDENTS, CHECKOUT_SUCCESS] });

describe.each(PROVIDERS)("/okr subcommands on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    addPeople(s.sandbox, PLATFORM_PEOPLE, "Europe/London");
    s.sandbox.addUser({ id: "U0ADMIN", name: "admin", tz: "UTC", isAdmin: true });
    await s.importYaml(OKRS);
  });
  afterEach(async () => s.close());

  /** Runs a command and returns what came back to the user (the ack body or the response_url post). */
  async function ask(user: string, text: string): Promise<string> {
    const before = s.sandbox.responses().length;
    const res = await s.requester.command({ user, text });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    if (res.body) return res.body;
    const response = await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 });
    expect(response.effect).toBe("ephemeral");
    return JSON.stringify(response.body);
  }

  const id = async (title: string) => (await s.bot.database.db.keyResult.findFirstOrThrow({ where: { title } })).id;

  it("shows one key result by number or by words from its title, and explains ambiguity", async () => {
    const p1 = await id("Reduce P1 incidents");
    expect(await ask("U0BOB", `show ${p1}`)).toContain("Reduce P1 incidents");
    expect(await ask("U0BOB", "show checkout")).toContain("Improve checkout success rate");
    const ambiguous = await ask("U0BOB", "show incidents");
    expect(ambiguous).toContain("matches 2 key results");
    expect(ambiguous).toContain(`/okr show ${p1}`);
    expect(await ask("U0BOB", "show reduce p1 incidents")).toContain("Incident tracker");
    expect(await ask("U0BOB", "show nothing-like-this")).toContain(
      'No key result this cycle matches \\"nothing-like-this\\"',
    );
  });

  it("shows someone else's key results with /okr @person", async () => {
    const answer = await ask("U0BOB", "<@U0ALICE|alice>");
    expect(answer).toContain("Reduce P1 incidents");
    expect(answer).toContain("Reduce P2 incidents");
    expect(answer).not.toContain("checkout");
  });

  it("previews the digest, only to the caller, as the job would post it", async () => {
    const preview = await ask("U0ALICE", "digest");
    s.clock.now = new Date("2026-11-27T17:00:00Z");
    const later = await ask("U0ALICE", "digest Platform");
    await s.runJob("digest");
    const posted = JSON.stringify(s.sandbox.messages("C0PLATFORM")[0]!.blocks);
    expect(preview).toContain("Platform · OKR digest");
    for (const text of ["Reduce P1 incidents", "Not checked in yet (2)"]) {
      expect(later).toContain(text);
      expect(posted).toContain(text);
    }
    expect(s.sandbox.messages("C0PLATFORM").filter((m) => !m.threadTs)).toHaveLength(1); // the previews posted nothing
  });

  it("archives a key result for its owner or an admin, refuses anyone else, and stops its prompts", async () => {
    const p2 = await id("Reduce P2 incidents");
    expect(await ask("U0BOB", `archive ${p2}`)).toContain("You can't archive");
    expect(await ask("U0ALICE", `archive ${p2}`)).toContain("Archived");
    const checkout = await id("Improve checkout success rate");
    expect(await ask("U0ADMIN", `archive ${checkout}`)).toContain("Archived");
    s.clock.now = new Date("2026-11-30T09:30:00Z");
    await s.runJob("checkins");
    const [prompt] = s.sandbox.dmsTo("U0ALICE");
    expect(prompt!.text).toContain("1 key result");
    expect(s.sandbox.dmsTo("U0BOB")).toHaveLength(0);
    expect(await ask("U0ALICE", `show ${p2}`)).toContain("No key result this cycle matches");
  });

  it("suggests the closest subcommand for a typo", async () => {
    expect(await ask("U0ALICE", "tem Platform")).toContain("Did you mean `/okr team`?");
    expect(await ask("U0ALICE", "xyzzy")).not.toContain("Did you mean");
  });
});

describe.each(PROVIDERS)("/okr team settings on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    addPeople(s.sandbox, ["U0ALICE", "U0MANAGER", "U0OTHER"], "Europe/London");
    await s.importYaml(
      platformOkrs({ keyResults: [P1_INCIDENTS, P2_INCIDENTS, CHECKOUT_SUCCESS], moreTeams: [DATA_TEAM] }),
    );
  });
  afterEach(async () => s.close());

  const openSettings = async (user: string, team: string) => {
    await s.requester.command({ user, text: `team settings ${team}` });
    return waitFor(() => s.sandbox.openViews(user).find((v) => !JSON.stringify(v.view).includes("Loading")), {
      timeoutMs: 5000,
    });
  };

  it("lets a manager change the channel, managers, day, time and cadence", async () => {
    const view = await openSettings("U0MANAGER", "platform");
    expect(view.callbackId).toBe("team_settings_submit");
    const res = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: view.id },
      values: {
        team_channel: "C0NEWCHAN",
        team_managers: ["U0MANAGER", "U0ALICE"],
        team_checkin_day: "3",
        team_checkin_time: "10:30",
        team_cadence: "biweekly",
        team_grace_minutes: "90",
      },
    });
    expect(res.outcome.action).toBe("closed");
    const team = await s.bot.database.db.team.findFirstOrThrow({
      where: { name: "Platform" },
      include: { managers: { include: { person: true } } },
    });
    expect(team).toMatchObject({
      channelId: "C0NEWCHAN",
      checkinDay: 3,
      checkinTime: "10:30",
      cadence: "biweekly",
      graceMinutes: 90,
    });
    expect(team.managers.map((m) => m.person.slackUserId).sort()).toEqual(["U0ALICE", "U0MANAGER"]);
  });

  it("refuses someone who is not a manager, and a manager of another team forging the team id", async () => {
    const refused = await openSettings("U0ALICE", "Platform");
    expect(JSON.stringify(refused.view)).toContain("Only the team's managers or a workspace admin can change this.");

    const own = await openSettings("U0OTHER", "Data");
    const platform = await s.bot.database.db.team.findFirstOrThrow({ where: { name: "Platform" } });
    const forged = await s.requester.viewSubmission({
      user: "U0OTHER",
      view: { id: own.id, private_metadata: JSON.stringify({ teamId: platform.id }) },
      values: { team_channel: "C0HIJACK" },
    });
    expect(forged.outcome.action).toBe("errors");
    expect(await s.bot.database.db.team.findFirstOrThrow({ where: { name: "Platform" } })).toMatchObject({
      channelId: "C0PLATFORM",
    });
  });
});
