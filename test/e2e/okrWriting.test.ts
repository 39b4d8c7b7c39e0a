// Writing OKRs in Slack against the real bot: /okr new with the guides' hints, /okr edit, the
// proposal → accept flow, /okr team create, and every refusal on those paths.
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import type { SandboxView } from "../../src/sandbox/types";
import { PROVIDERS } from "../helpers/databases";
import { addPeople, DATA_TEAM, P1_INCIDENTS, PLATFORM_PEOPLE, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = platformOkrs({ keyResults: [P1_INCIDENTS], moreTeams: [DATA_TEAM] });

const GOOD = {
  kr_title_0: "Reduce checkout p75 latency",
  kr_owner_0: "U0ALICE",
  kr_baseline_0: "900",
  kr_target_0: "400",
  kr_unit_0: "ms",
  kr_measured_by_0: "RUM p75 on /checkout",
  kr_title_1: "Cut escaped bugs per month",
  kr_baseline_1: "12",
  kr_target_1: "4",
  kr_measured_by_1: "Bug tracker, label escaped",
  kr_title_2: "Raise deploys without rollback",
  kr_baseline_2: "80%",
  kr_target_2: "95%",
  kr_measured_by_2: "Deploy log",
};

describe.each(PROVIDERS)("writing OKRs in Slack on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    addPeople(s.sandbox, [...PLATFORM_PEOPLE, "U0OTHER"], "Europe/London");
    s.sandbox.addUser({ id: "U0ADMIN", name: "admin", tz: "UTC", isAdmin: true });
    await s.importYaml(OKRS);
  });
  afterEach(async () => s.close());

  /** Runs a command that opens a modal and returns the modal once it has its real content. */
  async function openModal(user: string, text: string): Promise<SandboxView> {
    const before = new Set(s.sandbox.views().map((v) => v.id));
    const res = await s.requester.command({ user, text });
    expect(res.status).toBe(200);
    expect(res.durationMs).toBeLessThan(3000);
    return waitFor(
      () =>
        s.sandbox.openViews(user).find((v) => !before.has(v.id) && !JSON.stringify(v.view.blocks).includes("Loading")),
      { timeoutMs: 5000 },
    );
  }
  const viewText = (v: SandboxView | undefined) => JSON.stringify(v?.view ?? {});
  const platformId = async () => (await db().team.findFirstOrThrow({ where: { name: "Platform" } })).id;

  it("/okr new: errors block the save, the guides' hints show once and then allow it, and other owners are asked to accept", async () => {
    const form = await openModal("U0MANAGER", "new platform");
    expect(form.callbackId).toBe(IDS.views.newObjective);
    expect(viewText(form)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Platform"}');

    // "Add a key result" keeps what was typed and adds a fourth slot.
    await s.requester.blockAction({
      user: "U0MANAGER",
      actionId: IDS.actions.addKeyResult,
      container: { type: "view", view_id: form.id },
      values: { objective_title: "Make checkout fast", kr_title_0: "Reduce checkout p75 latency" },
    });
    const four = await waitFor(
      () => (viewText(s.sandbox.view(form.id)).includes("kr_title_3") ? s.sandbox.view(form.id) : undefined),
      { timeoutMs: 5000 },
    );
    expect(viewText(four)).toContain('"initial_value":"Make checkout fast"');
    expect(viewText(four)).toContain('"initial_value":"Reduce checkout p75 latency"');

    // Errors: a baseline that isn't a number, and baseline = target.
    const bad = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { objective_title: "Make checkout fast", ...GOOD, kr_baseline_0: "nine hundred", kr_target_1: "12" },
    });
    expect(bad.outcome.action).toBe("errors");
    expect(JSON.parse(bad.body).errors).toEqual({
      kr_baseline_0: '"nine hundred" is not a number: enter e.g. 42, 97.5 or 1,200.',
      kr_target_1: "Baseline and target are both 12, so there is nothing to move.",
    });
    expect(await db().objective.count({ where: { title: "Make checkout fast" } })).toBe(0);

    // Warnings: an output, a vanity metric and no "measured by" are shown, with the better alternative.
    const warned = {
      objective_title: "Make checkout fast",
      ...GOOD,
      kr_title_2: "Ship the new checkout page",
      kr_title_3: "Increase test coverage to 80%",
      kr_baseline_3: "60",
      kr_target_3: "80",
    };
    const hinted = await s.requester.viewSubmission({ user: "U0MANAGER", view: { id: form.id }, values: warned });
    expect(hinted.outcome.action).toBe("updated");
    const hints = viewText(s.sandbox.view(form.id));
    expect(hints).toContain("hints from the OKR guides");
    expect(hints).toContain("New checkout page increases metric Y by Z% within 30 days of launch");
    expect(hints).toContain("escaped bugs");
    expect(hints).toContain("No measured_by");
    expect(hints).toContain('"initial_value":"Ship the new checkout page"');
    expect(hints).toContain("Save anyway");
    expect(await db().objective.count({ where: { title: "Make checkout fast" } })).toBe(0);

    const saved = await s.requester.viewSubmission({ user: "U0MANAGER", view: { id: form.id }, values: warned });
    expect(saved.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain("Saved *Make checkout fast* with 4 key results");
    const objective = await db().objective.findFirstOrThrow({
      where: { title: "Make checkout fast" },
      include: { keyResults: { include: { owner: true, proposedBy: true }, orderBy: { position: "asc" } } },
    });
    expect(
      objective.keyResults.map((kr) => [
        kr.title,
        kr.owner?.slackUserId,
        kr.proposedBy?.slackUserId,
        kr.pendingSince !== null,
        kr.direction,
      ]),
    ).toEqual([
      ["Reduce checkout p75 latency", "U0ALICE", "U0MANAGER", true, "decrease"],
      ["Cut escaped bugs per month", "U0MANAGER", "U0MANAGER", false, "decrease"],
      ["Ship the new checkout page", "U0MANAGER", "U0MANAGER", false, "increase"],
      ["Increase test coverage to 80%", "U0MANAGER", "U0MANAGER", false, "increase"],
    ]);
    const asks = await waitFor(
      () =>
        s.sandbox
          .dmsTo("U0ALICE")
          .filter((m) => m.text.startsWith("A key result was proposed"))
          .at(0),
      { timeoutMs: 5000 },
    );
    expect(JSON.stringify(asks.blocks)).toContain("<@U0MANAGER> proposes a key result for you to own");
  });

  it("a proposed key result gets no prompts and shows in the digest until its owner accepts it; nobody else can accept it", async () => {
    const form = await openModal("U0MANAGER", "new Platform");
    await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { objective_title: "Make checkout fast", ...GOOD },
    });
    const ask = await waitFor(
      () => s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("A key result was proposed")),
      { timeoutMs: 5000 },
    );
    const proposed = await db().keyResult.findFirstOrThrow({ where: { title: "Reduce checkout p75 latency" } });

    s.clock.now = new Date("2026-11-27T17:00:00Z");
    await s.runJob("digest");
    const digest = JSON.stringify(s.sandbox.messages("C0PLATFORM")[0]!.blocks);
    expect(digest).toContain("Proposed, not accepted by their owner yet:* 1 key result");
    expect(digest).toContain("proposed, not accepted yet");
    expect(digest).toContain("Not checked in yet (2):* <@U0ALICE>, <@U0MANAGER>"); // Alice for her accepted P1 KR

    // Bob forges a click on Alice's button: refused, and nothing changes.
    await s.requester.blockAction({
      user: "U0BOB",
      actionId: IDS.actions.acceptKeyResult,
      container: { type: "message", channel_id: ask.channel, message_ts: ask.ts },
    });
    await waitFor(
      () =>
        s.sandbox
          .responses()
          .find((r) => JSON.stringify(r.body).includes("Only the key result's owner can accept it.")),
      { timeoutMs: 5000 },
    );
    expect((await db().keyResult.findUniqueOrThrow({ where: { id: proposed.id } })).pendingSince).not.toBeNull();

    s.clock.now = new Date("2026-11-30T09:30:00Z");
    await s.runJob("checkins");
    const firstPrompt = s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Weekly check-in"))!;
    expect(JSON.stringify(firstPrompt.blocks)).not.toContain("checkout p75");

    await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.acceptKeyResult,
      container: { type: "message", channel_id: ask.channel, message_ts: ask.ts },
    });
    await waitFor(() => s.sandbox.dmsTo("U0ALICE").find((m) => m.ts === ask.ts && m.text.startsWith("Accepted ✓")), {
      timeoutMs: 5000,
    });
    expect((await db().keyResult.findUniqueOrThrow({ where: { id: proposed.id } })).pendingSince).toBeNull();
    const inForm = await openModal("U0ALICE", "checkin");
    expect(viewText(inForm)).toContain("Reduce checkout p75 latency");
  });

  it("/okr new is refused, with the reason, to someone who manages no team, and a forged team id is refused on save", async () => {
    expect(viewText(await openModal("U0BOB", "new"))).toContain(
      "Only a team's managers or a workspace admin can write its objectives.",
    );
    expect(viewText(await openModal("U0OTHER", "new Platform"))).toContain(
      "Only a team's managers or a workspace admin",
    );

    const own = await openModal("U0OTHER", "new Data");
    const forged = await s.requester.viewSubmission({
      user: "U0OTHER",
      view: { id: own.id },
      values: {
        objective_team: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "Platform" }, value: String(await platformId()) },
        },
        objective_title: "Hijack",
        ...GOOD,
      },
    });
    expect(forged.outcome.action).toBe("errors");
    expect(JSON.parse(forged.body).errors.objective_team).toContain("Only the team's managers or a workspace admin");
    expect(await db().objective.count({ where: { title: "Hijack" } })).toBe(0);

    // A workspace admin may write for any team.
    const admin = await openModal("U0ADMIN", "new Platform");
    const saved = await s.requester.viewSubmission({
      user: "U0ADMIN",
      view: { id: admin.id },
      values: { objective_title: "Admin objective", ...GOOD },
    });
    expect(saved.outcome.action).toBe("updated");
    expect(await db().objective.count({ where: { title: "Admin objective" } })).toBe(1);
  });

  it("/okr edit: the owner changes the target (recorded as an edit), a stranger is refused, and a forged id is refused on save", async () => {
    const kr = await db().keyResult.findFirstOrThrow({ where: { title: "Reduce P1 incidents" } });
    const refused = await openModal("U0BOB", `edit ${kr.id}`);
    expect(viewText(refused)).toContain(
      "Only the key result's owner, a co-owner, one of the team's managers or a workspace admin can change it.",
    );

    const form = await openModal("U0ALICE", "edit p1 incidents");
    expect(form.callbackId).toBe(IDS.views.editKeyResult);
    expect(viewText(form)).toContain('"initial_value":"8"');
    // No sources file and no source on the key result: no "Measured from".
    expect(viewText(form)).not.toContain("kr_source_0");
    const bad = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: form.id },
      values: { kr_target_0: "8" },
    });
    expect(JSON.parse(bad.body).errors).toEqual({
      kr_target_0: "Baseline and target are both 8, so there is nothing to move.",
    });
    const saved = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: form.id },
      values: { kr_target_0: "1", kr_co_owners_0: ["U0BOB"] },
    });
    expect(saved.outcome.action).toBe("closed");
    const after = await db().keyResult.findUniqueOrThrow({
      where: { id: kr.id },
      include: { edits: true, coOwners: { include: { person: true } } },
    });
    expect(after.target).toBe(1);
    expect(after.coOwners.map((c) => c.person.slackUserId)).toEqual(["U0BOB"]);
    expect(after.edits.map((e) => [e.field, e.before, e.after]).sort()).toEqual([
      ["co_owners", "", "U0BOB"],
      ["target", "2", "1"],
    ]);

    // Bob, now a co-owner of P1, opens its edit form and forges another team's key result id into it.
    const objective = await db().objective.create({
      data: {
        teamId: (await db().team.findFirstOrThrow({ where: { name: "Data" } })).id,
        cycleId: (await db().cycle.findFirstOrThrow()).id,
        title: "Data objective",
      },
    });
    const other = await db().keyResult.create({
      data: { objectiveId: objective.id, title: "Other KR", baseline: 1, target: 2, direction: "increase" },
    });
    const bobs = await openModal("U0BOB", `edit ${kr.id}`);
    const forged = await s.requester.viewSubmission({
      user: "U0BOB",
      view: { id: bobs.id, private_metadata: JSON.stringify({ keyResultId: other.id }) },
      values: { kr_title_0: "Hijacked" },
    });
    expect(forged.outcome.action).toBe("errors");
    expect(JSON.parse(forged.body).errors.kr_title_0).toContain("can change it");
    expect((await db().keyResult.findUniqueOrThrow({ where: { id: other.id } })).title).toBe("Other KR");
  });

  it("/okr new and /okr edit take a threshold, a relative target and a blank baseline", async () => {
    const form = await openModal("U0MANAGER", "new Platform");
    const shapes = {
      ...GOOD,
      kr_title_0: "Keep autoscaling response time under a minute",
      kr_baseline_0: "",
      kr_target_0: "< 60",
      kr_unit_0: "s",
      kr_title_1: "Reduce P99 latency of payments",
      kr_baseline_1: "120",
      kr_target_1: "-30%",
      kr_title_2: "Increase NPS",
      kr_owner_2: "U0MANAGER",
      kr_baseline_2: "",
      kr_target_2: "+5",
    };
    const first = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { objective_title: "Scale without slowing down", ...shapes },
    });
    // A baseline the first check-in will set is a hint, not a warning: saved at once.
    expect(first.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain("Saved *Scale without slowing down* with 3 key results");
    const kr = (title: string) => db().keyResult.findFirstOrThrow({ where: { title } });
    expect(await kr("Keep autoscaling response time under a minute")).toMatchObject({
      baseline: 0,
      target: 60,
      comparator: "<",
      targetText: "< 60",
      direction: "decrease",
      baselineFromCheckIn: true,
    });
    expect(await kr("Reduce P99 latency of payments")).toMatchObject({
      baseline: 120,
      target: 84,
      comparator: null,
      targetText: "-30%",
      direction: "decrease",
      baselineFromCheckIn: false,
    });
    expect(await kr("Increase NPS")).toMatchObject({
      baseline: 0,
      target: 0,
      targetText: "+5",
      direction: "increase",
      baselineFromCheckIn: true,
    });

    // Alice is asked to accept the threshold written for her, described as one.
    const asks = await waitFor(
      () => s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("A key result was proposed")),
      { timeoutMs: 5000 },
    );
    expect(JSON.stringify(asks.blocks)).toContain("a threshold to hold: &lt; 60 s");

    // The edit modal shows them as written; a blank baseline stays blank and is no edit.
    const edit = await openModal("U0MANAGER", `edit ${(await kr("Increase NPS")).id}`);
    expect(viewText(edit)).toContain('"initial_value":"+5"');
    expect(viewText(edit)).not.toContain('"initial_value":"0"');
    const saved = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: edit.id },
      values: { kr_target_0: ">= 40" },
    });
    expect(saved.outcome.action).toBe("closed");
    const after = await db().keyResult.findFirstOrThrow({ where: { title: "Increase NPS" }, include: { edits: true } });
    expect(after).toMatchObject({
      target: 40,
      comparator: ">=",
      targetText: ">= 40",
      direction: "increase",
      baselineFromCheckIn: true,
    });
    expect(after.edits.map((e) => [e.field, e.before, e.after])).toEqual([["target", "+5", ">= 40"]]);
  });

  it("/okr new and /okr edit take a key result's weight (default 1, a number greater than 0), shown only when weights differ", async () => {
    const form = await openModal("U0MANAGER", "new Platform");
    expect(viewText(form)).toContain('"block_id":"kr_weight_0"');
    const bad = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { objective_title: "Make checkout fast", ...GOOD, kr_weight_0: "0", kr_weight_1: "heavy" },
    });
    expect(bad.outcome.action).toBe("errors");
    expect(JSON.parse(bad.body).errors).toEqual({
      kr_weight_0: "The weight should be greater than 0: 1 is the usual share, 2 counts twice.",
      kr_weight_1: '"heavy" is not a number: enter a weight such as 1, 2 or 0.5.',
    });
    // A weight alone does not make an empty slot a key result to leave out silently.
    const alone = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: {
        objective_title: "Make checkout fast",
        ...GOOD,
        ...{ kr_title_2: "", kr_baseline_2: "", kr_target_2: "", kr_measured_by_2: "" },
        ...{ kr_weight_0: "", kr_weight_1: "", kr_weight_2: "2" },
      },
    });
    expect(JSON.parse(alone.body).errors).toMatchObject({ kr_title_2: expect.stringContaining("title") });
    expect(await db().objective.count({ where: { title: "Make checkout fast" } })).toBe(0);

    const saved = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { objective_title: "Make checkout fast", ...GOOD, kr_weight_0: "2", kr_weight_1: "", kr_weight_2: "" },
    });
    expect(saved.outcome.action).toBe("updated");
    const weights = async () =>
      (
        await db().keyResult.findMany({
          where: { objective: { title: "Make checkout fast" } },
          orderBy: { position: "asc" },
        })
      ).map((kr) => kr.weight);
    expect(await weights()).toEqual([2, 1, 1]);
    const digest = async () => {
      const before = s.sandbox.responses().length;
      await s.requester.command({ user: "U0MANAGER", text: "digest Platform" });
      return JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    };
    expect(await digest()).toContain("weight 2");

    // The edit form shows the weight; one not greater than 0 is refused on the field, 1 is recorded as an edit.
    const latency = await db().keyResult.findFirstOrThrow({ where: { title: "Reduce checkout p75 latency" } });
    const edit = await openModal("U0ALICE", `edit ${latency.id}`);
    expect(viewText(edit)).toContain(`"action_id":"kr_weight_0","initial_value":"2"`);
    const refused = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: edit.id },
      values: { kr_weight_0: "-1" },
    });
    expect(JSON.parse(refused.body).errors).toEqual({
      kr_weight_0: "The weight should be greater than 0: 1 is the usual share, 2 counts twice.",
    });
    const edited = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: edit.id },
      values: { kr_weight_0: "1" },
    });
    expect(edited.outcome.action).toBe("closed");
    expect(await weights()).toEqual([1, 1, 1]);
    const edits = await db().keyResultEdit.findMany({ where: { keyResultId: latency.id } });
    expect(edits.map((e) => [e.field, e.before, e.after])).toEqual([["weight", "2", "1"]]);
    // All the same again: no weights shown.
    expect(await digest()).not.toContain("weight ");
  });

  it("/okr new takes co-owners, so a team's key results can be shared when the guides' hint asks for it", async () => {
    const form = await openModal("U0MANAGER", "new Platform");
    const values = {
      objective_title: "Make checkout fast",
      kr_title_0: "Reduce checkout p75 latency",
      kr_owner_0: "U0ALICE",
      kr_baseline_0: "900",
      kr_target_0: "400",
      kr_measured_by_0: "RUM p75 on /checkout",
      kr_title_1: "Raise checkout success",
      kr_owner_1: "U0BOB",
      kr_baseline_1: "94",
      kr_target_1: "98",
      kr_measured_by_1: "Payments dashboard",
      // Owned by the objective's owner, the manager: three key results, three single owners.
      kr_title_2: GOOD.kr_title_2,
      kr_baseline_2: GOOD.kr_baseline_2,
      kr_target_2: GOOD.kr_target_2,
      kr_measured_by_2: GOOD.kr_measured_by_2,
    };
    const hinted = await s.requester.viewSubmission({ user: "U0MANAGER", view: { id: form.id }, values });
    expect(hinted.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain("reads as a list of individual OKRs");
    expect(await db().objective.count({ where: { title: "Make checkout fast" } })).toBe(0);

    // Sharing one of them with someone of another team answers the hint: saved at once, co-owner and all.
    const saved = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { kr_co_owners_1: ["U0OTHER", "U0BOB"] },
    });
    expect(saved.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain("Saved *Make checkout fast* with 3 key results");
    const krs = await db().keyResult.findMany({
      where: { objective: { title: "Make checkout fast" } },
      include: { coOwners: { include: { person: true } } },
      orderBy: { position: "asc" },
    });
    // Its owner is not also its co-owner.
    expect(krs.map((kr) => [kr.title, kr.coOwners.map((c) => c.person.slackUserId)])).toEqual([
      ["Reduce checkout p75 latency", []],
      ["Raise checkout success", ["U0OTHER"]],
      ["Raise deploys without rollback", []],
    ]);
  });

  it("/okr new: a key result slot with only co-owners picked is not silently dropped", async () => {
    const form = await openModal("U0MANAGER", "new Platform");
    const refused = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: {
        objective_title: "Make checkout fast",
        kr_title_0: GOOD.kr_title_0,
        kr_baseline_0: GOOD.kr_baseline_0,
        kr_target_0: GOOD.kr_target_0,
        kr_measured_by_0: GOOD.kr_measured_by_0,
        kr_co_owners_1: ["U0BOB"],
      },
    });
    expect(refused.outcome.action).toBe("errors");
    expect(JSON.parse(refused.body).errors).toEqual({
      kr_title_1: "Give the key result a title: the outcome it measures.",
      kr_target_1: "Enter the value to reach by the end of the cycle.",
    });
    expect(await db().objective.count({ where: { title: "Make checkout fast" } })).toBe(0);
  });

  it("/okr edit giving the key result to someone else makes it a proposal they accept", async () => {
    const kr = await db().keyResult.findFirstOrThrow({ where: { title: "Reduce P1 incidents" } });
    const form = await openModal("U0MANAGER", `edit ${kr.id}`);
    const saved = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { kr_owner_0: "U0BOB" },
    });
    expect(saved.outcome.action).toBe("closed");
    expect(await db().keyResult.findUniqueOrThrow({ where: { id: kr.id } })).toMatchObject({
      pendingSince: expect.any(Date),
    });
    await waitFor(() => s.sandbox.dmsTo("U0BOB").find((m) => m.text.includes("Reduce P1 incidents")), {
      timeoutMs: 5000,
    });
    expect(s.sandbox.dmsTo("U0BOB")).toHaveLength(1);
  });

  it("/okr team create: anyone starts a team they manage; a taken name is refused", async () => {
    const form = await openModal("U0BOB", "team create Data Science");
    expect(form.callbackId).toBe(IDS.views.teamCreate);
    const created = await s.requester.viewSubmission({
      user: "U0BOB",
      view: { id: form.id },
      values: { team_channel: "C0DATASCI" },
    });
    expect(created.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain("/okr new Data Science");
    const team = await db().team.findFirstOrThrow({
      where: { name: "Data Science" },
      include: { managers: { include: { person: true } } },
    });
    expect(team).toMatchObject({
      channelId: "C0DATASCI",
      checkinDay: 1,
      checkinTime: "09:00",
      cadence: "weekly",
      timezone: "Europe/London",
    });
    expect(team.managers.map((m) => m.person.slackUserId)).toEqual(["U0BOB"]);

    const again = await openModal("U0ALICE", "team create platform");
    const taken = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: again.id },
      values: { team_channel: "C0X" },
    });
    expect(JSON.parse(taken.body).errors).toEqual({ team_name: "A team with this name exists already." });

    // Bob manages his new team, so he may now write its objectives.
    expect((await openModal("U0BOB", "new Data Science")).callbackId).toBe(IDS.views.newObjective);
  });
});
