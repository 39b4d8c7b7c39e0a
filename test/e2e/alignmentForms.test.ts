// The team tree and alignment built in Slack: a parent team in /okr team create|settings, an
// objective that serves one of a team above in /okr new; and what is refused.
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import type { SandboxView } from "../../src/sandbox/types";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Company
    channel: C0COMPANY
    managers: [U0CEO]
    objectives:
      - title: Grow revenue
        key_results:
          - { title: Reach 10 enterprise customers, baseline: 2, target: 10, measured_by: CRM }
  - name: Engineering
    parent: Company
    channel: C0ENG
    managers: [U0CTO]
    objectives:
      - title: Be reliable enough for enterprise
        aligns_to: { team: Company, objective: Grow revenue }
        key_results:
          - { title: Hit 99.95% availability, baseline: 99.5, target: 99.95, measured_by: SLO dashboard }
  - name: Platform
    parent: Engineering
    channel: C0PLATFORM
    managers: [U0LEAD]
  - name: Sales
    parent: Company
    channel: C0SALES
`;

const KR = {
  kr_title_0: "Cut P1 incidents",
  kr_baseline_0: "8",
  kr_target_0: "2",
  kr_measured_by_0: "Incident tracker",
};

describe.each(PROVIDERS)("building the tree in Slack on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  const teamId = async (name: string) => (await db().team.findFirstOrThrow({ where: { name } })).id;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    for (const id of ["U0CEO", "U0CTO", "U0LEAD", "U0BOB"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "Europe/London" });
    await s.importYaml(OKRS);
  });
  afterEach(async () => s.close());

  async function openModal(user: string, text: string): Promise<SandboxView> {
    const before = new Set(s.sandbox.views().map((v) => v.id));
    expect((await s.requester.command({ user, text })).status).toBe(200);
    return waitFor(
      () =>
        s.sandbox.openViews(user).find((v) => !before.has(v.id) && !JSON.stringify(v.view.blocks).includes("Loading")),
      { timeoutMs: 5000 },
    );
  }
  const optionsOf = (view: SandboxView, blockId: string) => {
    const block = (
      view.view.blocks as Array<{
        block_id?: string;
        element?: {
          options?: Array<{ text: { text: string } }>;
          option_groups?: Array<{ label: { text: string }; options: Array<{ text: { text: string } }> }>;
        };
      }>
    ).find((b) => b.block_id === blockId);
    if (!block) return null;
    const e = block.element!;
    return e.option_groups
      ? e.option_groups.map((g) => `${g.label.text}: ${g.options.map((o) => o.text.text).join(", ")}`)
      : e.options!.map((o) => o.text.text);
  };

  it("/okr team create puts the new team under a parent; settings offer no team below it and save a move", async () => {
    const form = await openModal("U0BOB", "team create Search");
    expect(form.callbackId).toBe(IDS.views.teamCreate);
    expect(optionsOf(form, IDS.teamSettings.parent)).toEqual(["Company", "Engineering", "Platform", "Sales"]);
    const created = await s.requester.viewSubmission({
      user: "U0BOB",
      view: { id: form.id },
      values: { team_channel: "C0SEARCH", [IDS.teamSettings.parent]: String(await teamId("Engineering")) },
    });
    expect(created.outcome.action).toBe("updated");
    expect(
      (await db().team.findFirstOrThrow({ where: { name: "Search" }, include: { parent: true } })).parent?.name,
    ).toBe("Engineering");

    // Engineering may not go under itself or a team below it (Platform, Search).
    const settings = await openModal("U0CTO", "team settings Engineering");
    expect(optionsOf(settings, IDS.teamSettings.parent)).toEqual(["Company", "Sales"]);
    expect(JSON.stringify(settings.view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Company"');
    const moved = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: settings.id },
      values: { [IDS.teamSettings.parent]: String(await teamId("Sales")) },
    });
    expect(moved.outcome.action).toBe("closed");
    expect(
      (await db().team.findFirstOrThrow({ where: { name: "Engineering" }, include: { parent: true } })).parent?.name,
    ).toBe("Sales");

    // A forged or stale choice that would make a cycle is refused on the field, and nothing changes.
    const again = await openModal("U0CTO", "team settings Engineering");
    const forged = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: again.id },
      values: {
        [IDS.teamSettings.parent]: {
          selected_option: { text: { type: "plain_text", text: "Platform" }, value: String(await teamId("Platform")) },
        },
      },
    });
    expect(JSON.parse(forged.body).errors[IDS.teamSettings.parent]).toContain("cannot be the parent");
    expect(
      (await db().team.findFirstOrThrow({ where: { name: "Engineering" }, include: { parent: true } })).parent?.name,
    ).toBe("Sales");

    // Company is at the top with every team below it: no parent to offer.
    expect(optionsOf(await openModal("U0CEO", "team settings Company"), IDS.teamSettings.parent)).toBeNull();
  });

  it("/okr new offers the objectives of the teams above, saves the alignment, and refuses one that is not above", async () => {
    const form = await openModal("U0LEAD", "new Platform");
    expect(optionsOf(form, IDS.objectiveForm.alignsTo)).toEqual([
      "Company: Grow revenue",
      "Engineering: Be reliable enough for enterprise",
    ]);
    const reliable = await db().objective.findFirstOrThrow({ where: { title: "Be reliable enough for enterprise" } });
    const saved = await s.requester.viewSubmission({
      user: "U0LEAD",
      view: { id: form.id },
      values: {
        objective_title: "Fewer incidents, faster recovery",
        objective_owner: "U0LEAD",
        kr_owner_0: "U0LEAD",
        ...KR,
        [IDS.objectiveForm.alignsTo]: String(reliable.id),
      },
    });
    expect(saved.outcome.action).not.toBe("errors");
    const hinted = s.sandbox.view(form.id)!;
    if (hinted.callbackId === IDS.views.newObjective) {
      // The guides' hints were shown once: save anyway keeps the choice.
      expect(JSON.stringify(hinted.view)).toContain(
        '"initial_option":{"text":{"type":"plain_text","text":"Be reliable enough for enterprise"',
      );
      await s.requester.viewSubmission({ user: "U0LEAD", view: { id: form.id } });
    }
    const created = await db().objective.findFirstOrThrow({
      where: { title: "Fewer incidents, faster recovery" },
      include: { alignsTo: true },
    });
    expect(created.alignsTo?.title).toBe("Be reliable enough for enterprise");

    // Sales is not above Platform: a forged choice of its objective is refused on the field.
    const sales = await db().objective.create({
      data: { teamId: await teamId("Sales"), cycleId: created.cycleId, title: "Win deals" },
    });
    const other = await openModal("U0LEAD", "new Platform");
    const refused = await s.requester.viewSubmission({
      user: "U0LEAD",
      view: { id: other.id },
      values: {
        objective_title: "Another one",
        kr_owner_0: "U0LEAD",
        ...KR,
        [IDS.objectiveForm.alignsTo]: {
          selected_option: { text: { type: "plain_text", text: "Win deals" }, value: String(sales.id) },
        },
      },
    });
    const body = JSON.parse(refused.body || "{}");
    const final = body.errors
      ? body
      : JSON.parse(
          (
            await s.requester.viewSubmission({
              user: "U0LEAD",
              view: { id: other.id },
              values: {
                [IDS.objectiveForm.alignsTo]: {
                  selected_option: { text: { type: "plain_text", text: "Win deals" }, value: String(sales.id) },
                },
              },
            })
          ).body || "{}",
        );
    expect(final.errors[IDS.objectiveForm.alignsTo]).toContain("a team above this one");
    expect(await db().objective.count({ where: { title: "Another one" } })).toBe(0);
  });

  it("/okr edit lets the team's managers change what the key result's objective serves; its owner does not see the choice", async () => {
    const kr = await db().keyResult.findFirstOrThrow({
      where: { title: "Hit 99.95% availability" },
      include: { objective: true },
    });
    const company = await teamId("Company");
    const hire = await db().objective.create({
      data: { teamId: company, cycleId: kr.objective.cycleId, title: "Hire well" },
    });
    await db().keyResult.update({
      where: { id: kr.id },
      data: {
        ownerId: (
          await db().person.upsert({
            where: { workspaceId_slackUserId: { workspaceId: s.workspaceId, slackUserId: "U0BOB" } },
            create: { workspaceId: s.workspaceId, slackUserId: "U0BOB" },
            update: {},
          })
        ).id,
      },
    });

    const owners = await openModal("U0BOB", `edit ${kr.id}`);
    expect(optionsOf(owners, IDS.objectiveForm.alignsTo)).toBeNull();
    expect(JSON.stringify(owners.view)).not.toContain(IDS.objectiveForm.weight);
    const form = await openModal("U0CTO", `edit ${kr.id}`);
    expect(optionsOf(form, IDS.objectiveForm.alignsTo)).toEqual(["Company: Grow revenue, Hire well"]);
    expect(JSON.stringify(form.view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Grow revenue"');
    const saved = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: form.id },
      values: { [IDS.objectiveForm.alignsTo]: String(hire.id) },
    });
    expect(saved.outcome.action).toBe("closed");
    expect((await db().objective.findUniqueOrThrow({ where: { id: kr.objectiveId } })).alignsToId).toBe(hire.id);

    const sales = await db().objective.create({
      data: { teamId: await teamId("Sales"), cycleId: kr.objective.cycleId, title: "Win deals" },
    });
    const again = await openModal("U0CTO", `edit ${kr.id}`);
    const forged = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: again.id },
      values: {
        [IDS.objectiveForm.alignsTo]: {
          selected_option: { text: { type: "plain_text", text: "Win deals" }, value: String(sales.id) },
        },
      },
    });
    expect(JSON.parse(forged.body).errors[IDS.objectiveForm.alignsTo]).toContain("a team above this one");
    expect((await db().objective.findUniqueOrThrow({ where: { id: kr.objectiveId } })).alignsToId).toBe(hire.id);
  });

  it("/okr edit sets the objective's weight in what it serves beside the select; 0 is refused on the field", async () => {
    const kr = await db().keyResult.findFirstOrThrow({
      where: { title: "Hit 99.95% availability" },
      include: { objective: true },
    });
    const weight = async () => (await db().objective.findUniqueOrThrow({ where: { id: kr.objectiveId } })).weight;
    // A sibling serving the same objective, so that a weight makes a difference and is shown.
    await s.importYaml(
      OKRS.replace(
        "  - name: Sales\n    parent: Company\n    channel: C0SALES\n",
        `  - name: Sales
    parent: Company
    channel: C0SALES
    objectives:
      - title: Win deals
        aligns_to: { team: Company, objective: Grow revenue }
        key_results:
          - { title: Close 5 deals, owner: U0CEO, baseline: 0, target: 5, measured_by: CRM }
`,
      ),
    );
    await db().checkIn.create({
      data: {
        keyResultId: kr.id,
        authorId: (await db().person.findFirstOrThrow()).id,
        week: "2026-W48",
        value: 99.95,
        confidence: "on_track",
      },
    });

    const form = await openModal("U0CTO", `edit ${kr.id}`);
    const blockIds = (form.view.blocks as Array<{ block_id?: string }>).map((b) => b.block_id);
    // Right after the select, holding the current weight.
    expect(blockIds.indexOf(IDS.objectiveForm.weight)).toBe(blockIds.indexOf(IDS.objectiveForm.alignsTo) + 1);
    expect(JSON.stringify(form.view)).toContain(`"action_id":"${IDS.objectiveForm.weight}","initial_value":"1"`);

    for (const [typed, message] of [
      ["0", "The weight should be greater than 0: 1 is the usual share, 2 counts twice."],
      ["-3", "The weight should be greater than 0: 1 is the usual share, 2 counts twice."],
      ["heavy", '"heavy" is not a number: enter a weight such as 1, 2 or 0.5.'],
    ] as const) {
      const refused = await s.requester.viewSubmission({
        user: "U0CTO",
        view: { id: form.id },
        values: { [IDS.objectiveForm.weight]: typed },
      });
      expect(JSON.parse(refused.body).errors).toEqual({ [IDS.objectiveForm.weight]: message });
      expect(await weight()).toBe(1);
    }
    const saved = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: form.id },
      values: { [IDS.objectiveForm.weight]: "3" },
    });
    // The guides' hints on the key result come first (it has no owner); the typed weight stays on the form.
    expect(saved.outcome.action).toBe("updated");
    expect(await weight()).toBe(1);
    const hinted = s.sandbox.views().find((v) => v.id === form.id)!;
    expect(JSON.stringify(hinted.view)).toContain(`"action_id":"${IDS.objectiveForm.weight}","initial_value":"3"`);
    const anyway = await s.requester.viewSubmission({
      user: "U0CTO",
      view: { id: form.id },
      values: { [IDS.objectiveForm.weight]: "3" },
    });
    expect(anyway.outcome.action).toBe("closed");
    expect(await weight()).toBe(3);
    // It rolls up with its weight: 100% ×3 and 0% ×1.
    const before = s.sandbox.responses().length;
    await s.requester.command({ user: "U0CTO", text: "tree Company" });
    const tree = JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    expect(tree).toContain("*Grow revenue* · aligned 2 objectives: 75%");
    expect(tree).toContain("*Be reliable enough for enterprise* ×3");
    expect(tree).toContain("*Win deals* ×1");

    // Blank is back to 1 (after the hints again); the edit form shows the stored weight.
    const again = await openModal("U0CTO", `edit ${kr.id}`);
    expect(JSON.stringify(again.view)).toContain(`"action_id":"${IDS.objectiveForm.weight}","initial_value":"3"`);
    for (const action of ["updated", "closed"]) {
      const outcome = await s.requester.viewSubmission({
        user: "U0CTO",
        view: { id: again.id },
        values: { [IDS.objectiveForm.weight]: "" },
      });
      expect(outcome.outcome.action).toBe(action);
    }
    expect(await weight()).toBe(1);
  });
});
