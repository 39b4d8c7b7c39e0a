// Issue 13's "done when": a company, two departments and four teams built in Slack through the
// modals alone (/okr team create with its parent, /okr new with what each objective serves and
// a shared key result, /okr edit for co-owners, a weight and an alignment, owners accepting what
// was proposed to them)
// export as the same OKR file as the tree imported from that file into a fresh stack.
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import type { SimpleValues } from "../../src/sandbox/viewState";
import type { SandboxView } from "../../src/sandbox/types";
import type { Db } from "../../src/db/types";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const NOW = new Date("2026-11-24T10:00:00Z");

/** The tree, written in the export's own layout (teams by name), so that exporting it gives it back. */
const TREE = `cycle: 2026-Q4
teams:
  - name: Company
    channel: C0COMPANY
    managers:
      - U0CEO
      - U0COO
    timezone: America/New_York
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Grow revenue
        owner: U0CEO
        why: Enterprise customers are where our margin is
        key_results:
          - title: Reach 10 enterprise customers
            baseline: 2
            target: 10
            measured_by: CRM
            weight: 2
          - title: Raise net revenue retention
            owner: U0CRO
            baseline: 98
            target: 110
            unit: "%"
            measured_by: Finance report
      - title: Be the most trusted platform in our market
        owner: U0COO
        key_results:
          - title: Keep availability at least 99.95%
            baseline: 99.9
            target: ">= 99.95"
            unit: "%"
            measured_by: SLO dashboard
  - name: Engineering
    parent: Company
    channel: C0ENG
    managers:
      - U0CTO
    timezone: Europe/London
    checkin:
      day: tuesday
      time: 10:30
    objectives:
      - title: Be reliable enough for enterprise
        owner: U0CTO
        aligns_to:
          team: Company
          objective: Grow revenue
        key_results:
          - title: Cut P1 incidents
            baseline: 8
            target: 2
            measured_by: Incident tracker
            weight: 3
          - title: Reduce time to restore service
            baseline: 240
            target: -50%
            unit: min
            measured_by: Incident tracker
      - title: Earn our customers' trust in our security
        owner: U0CTO
        aligns_to:
          team: Company
          objective: Be the most trusted platform in our market
        key_results:
          - title: Close critical security findings within 7 days
            baseline: 40
            target: 95
            unit: "%"
            measured_by: Security tracker
  - name: Payments
    parent: Sales
    channel: C0PAYMENTS
    managers:
      - U0PAYLEAD
    timezone: Europe/London
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Make checkout effortless
        owner: U0PAYLEAD
        aligns_to:
          team: Sales
          objective: Win enterprise deals
        key_results:
          - title: Raise checkout success rate
            baseline: 92
            target: 97
            unit: "%"
            measured_by: Payments dashboard
            weight: 0.5
          - title: Cut failed enterprise invoice payments
            co_owners:
              - U0SUPLEAD
            baseline: 30
            target: 10
            measured_by: Billing reports
  - name: Platform
    parent: Engineering
    channel: C0PLATFORM
    managers:
      - U0PLATLEAD
    timezone: Europe/Berlin
    checkin:
      day: monday
      time: 09:00
      grace_minutes: 90
    objectives:
      - title: Fewer incidents, faster recovery
        owner: U0PLATLEAD
        aligns_to:
          team: Engineering
          objective: Be reliable enough for enterprise
        key_results:
          - title: Reduce P1 incidents caused by the platform
            co_owners:
              - U0SEARCHLEAD
            baseline: 6
            target: 1
            measured_by: Incident tracker
            weight: 2
          - title: Keep p99 API latency below 300 ms
            owner: U0ANA
            target: < 300
            unit: ms
            measured_by: APM
  - name: Sales
    parent: Company
    channel: C0SALES
    managers:
      - U0CRO
    timezone: Europe/London
    checkin:
      day: monday
      time: 09:00
      cadence: biweekly
    objectives:
      - title: Win enterprise deals
        owner: U0CRO
        aligns_to:
          team: Company
          objective: Grow revenue
        key_results:
          - title: Close 5 enterprise deals
            baseline: 0
            target: 5
            measured_by: CRM
            weight: 1.5
          - title: Shorten the enterprise sales cycle
            owner: U0BEN
            baseline: 120
            target: 90
            unit: days
            measured_by: CRM
  - name: Search
    parent: Engineering
    channel: C0SEARCH
    managers:
      - U0SEARCHLEAD
    timezone: Europe/London
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Search that never goes down
        owner: U0SEARCHLEAD
        aligns_to:
          team: Engineering
          objective: Be reliable enough for enterprise
        key_results:
          - title: Raise search availability
            baseline: 99.5
            target: 99.95
            unit: "%"
            measured_by: SLO dashboard
  - name: Support
    parent: Sales
    channel: C0SUPPORT
    managers:
      - U0SUPLEAD
    timezone: Europe/London
    checkin:
      day: monday
      time: 09:00
    objectives:
      - title: Enterprise customers get answers fast
        owner: U0SUPLEAD
        aligns_to:
          team: Sales
          objective: Win enterprise deals
        key_results:
          - title: Cut first response time on enterprise tickets
            owner: U0CARA
            baseline: 8
            target: 1
            unit: h
            measured_by: Helpdesk
`;

const PEOPLE: Array<[string, string]> = [
  ["U0CEO", "America/New_York"],
  ["U0COO", "America/New_York"],
  ["U0CTO", "Europe/London"],
  ["U0CRO", "Europe/London"],
  ["U0PLATLEAD", "Europe/Berlin"],
  ["U0SEARCHLEAD", "Europe/London"],
  ["U0PAYLEAD", "Europe/London"],
  ["U0SUPLEAD", "Europe/London"],
  ["U0ANA", "Europe/Berlin"],
  ["U0BEN", "Europe/London"],
  ["U0CARA", "Europe/London"],
];

type KeyResultFields = {
  title: string;
  owner?: string;
  coOwners?: string[];
  baseline?: string;
  target: string;
  unit?: string;
  measuredBy?: string;
  weight?: string;
};

type Option = { text: { text: string }; value: string };
type SelectBlock = {
  block_id?: string;
  element?: { options?: Option[]; option_groups?: Array<{ label: { text: string }; options: Option[] }> };
};

/**
 * What the bot reads of the tree beyond the file: every stored field of its teams, objectives and
 * key results, with people by Slack id and rows by name instead of ids. Left out: who proposed a
 * key result and the edit history, which only say how it was written.
 */
async function storedTree(db: Db) {
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    include: { parent: true, managers: { include: { person: true } } },
  });
  const objectives = await db.objective.findMany({
    orderBy: [{ team: { name: "asc" } }, { position: "asc" }],
    include: {
      team: true,
      cycle: true,
      owner: true,
      alignsTo: { include: { team: true } },
      keyResults: {
        orderBy: { position: "asc" },
        include: { owner: true, coOwners: { include: { person: true } } },
      },
    },
  });
  return {
    teams: teams.map(({ id, workspaceId, parentId, parent, managers, ...team }) => ({
      ...team,
      parent: parent?.name ?? null,
      managers: managers.map((m) => m.person.slackUserId).sort(),
    })),
    objectives: objectives.map(
      ({ id, teamId, cycleId, ownerId, alignsToId, team, cycle, owner, alignsTo, keyResults, ...o }) => ({
        ...o,
        team: team.name,
        cycle: cycle.key,
        owner: owner?.slackUserId ?? null,
        alignsTo: alignsTo ? `${alignsTo.team.name} › ${alignsTo.title}` : null,
        keyResults: keyResults.map(({ id, objectiveId, ownerId, proposedById, owner, coOwners, ...kr }) => ({
          ...kr,
          owner: owner?.slackUserId ?? null,
          coOwners: coOwners.map((c) => c.person.slackUserId).sort(),
        })),
      }),
    ),
  };
}

describe.each(PROVIDERS)("a three-level tree built in Slack on %s", (provider) => {
  const stacks: TestStack[] = [];
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, NOW);
    stacks.push(s);
    for (const [id, tz] of PEOPLE) s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz });
  });
  afterEach(async () => {
    for (const stack of stacks.splice(0)) await stack.close();
  });

  const viewText = (v: SandboxView | undefined) => JSON.stringify(v?.view ?? {});

  /** Runs a command that opens a modal and returns the modal once it has its real content. */
  async function openModal(user: string, text: string): Promise<SandboxView> {
    const before = new Set(s.sandbox.views().map((v) => v.id));
    expect((await s.requester.command({ user, text })).status).toBe(200);
    return waitFor(
      () =>
        s.sandbox.openViews(user).find((v) => !before.has(v.id) && !JSON.stringify(v.view.blocks).includes("Loading")),
      { timeoutMs: 5000 },
    );
  }

  /** The value of the option labelled `label` (in the group `group`, for grouped selects), as the person sees it. */
  function optionValue(view: SandboxView, blockId: string, label: string, group?: string): string {
    const block = (view.view.blocks as SelectBlock[]).find((b) => b.block_id === blockId);
    if (!block?.element) throw new Error(`no ${blockId} in ${view.callbackId}`);
    const options = block.element.option_groups
      ? block.element.option_groups.filter((g) => g.label.text === group).flatMap((g) => g.options)
      : (block.element.options ?? []);
    const found = options.find((o) => o.text.text === label);
    if (!found) throw new Error(`${blockId} offers no ${group ? `${group}: ` : ""}${label}`);
    return found.value;
  }

  async function createTeam(
    user: string,
    name: string,
    settings: { parent?: string; channel: string; managers?: string[]; day?: string; time?: string } & SimpleValues,
  ) {
    const form = await openModal(user, `team create ${name}`);
    expect(form.callbackId).toBe(IDS.views.teamCreate);
    const t = IDS.teamSettings;
    const { parent, channel, managers, day, time, ...rest } = settings;
    const created = await s.requester.viewSubmission({
      user,
      view: { id: form.id },
      values: {
        [t.channel]: channel,
        ...(parent ? { [t.parent]: optionValue(form, t.parent, parent) } : {}),
        ...(managers ? { [t.managers]: managers } : {}),
        ...(day ? { [t.day]: optionValue(form, t.day, day) } : {}),
        ...(time ? { [t.time]: time } : {}),
        ...rest,
      },
    });
    expect(created.outcome.action).toBe("updated");
    expect(viewText(s.sandbox.view(form.id))).toContain(`Team *${name}* is ready`);
    await s.requester.viewClosed({ user, viewId: form.id });
  }

  /** /okr new, filled as a person would; the guides' hints, if any, are seen once and saved anyway. */
  async function newObjective(
    user: string,
    team: string,
    objective: {
      title: string;
      why?: string;
      owner: string;
      alignsTo?: [string, string];
      keyResults: KeyResultFields[];
    },
  ) {
    const form = await openModal(user, `new ${team}`);
    expect(form.callbackId).toBe(IDS.views.newObjective);
    const o = IDS.objectiveForm;
    const values: SimpleValues = {
      [o.title]: objective.title,
      [o.owner]: objective.owner,
      ...(objective.why ? { [o.why]: objective.why } : {}),
      ...(objective.alignsTo
        ? { [o.alignsTo]: optionValue(form, o.alignsTo, objective.alignsTo[1], objective.alignsTo[0]) }
        : {}),
    };
    for (const [slot, kr] of objective.keyResults.entries()) {
      const fields: Array<[keyof typeof IDS.keyResultForm, string | undefined]> = [
        ["title", kr.title],
        ["owner", kr.owner],
        ["baseline", kr.baseline],
        ["target", kr.target],
        ["unit", kr.unit],
        ["measuredBy", kr.measuredBy],
        ["weight", kr.weight],
      ];
      for (const [field, value] of fields)
        if (value !== undefined) values[`${IDS.keyResultForm[field]}_${slot}`] = value;
      if (kr.coOwners) values[`${IDS.keyResultForm.coOwners}_${slot}`] = kr.coOwners;
    }
    const first = await s.requester.viewSubmission({ user, view: { id: form.id }, values });
    expect(first.outcome.action).toBe("updated");
    if (s.sandbox.view(form.id)!.callbackId === IDS.views.newObjective) {
      expect(viewText(s.sandbox.view(form.id))).toContain("Save anyway");
      // Nothing retyped: the hinted form carries every field over.
      expect((await s.requester.viewSubmission({ user, view: { id: form.id } })).outcome.action).toBe("updated");
    }
    expect(viewText(s.sandbox.view(form.id))).toContain(`Saved *${objective.title}*`);
    await s.requester.viewClosed({ user, viewId: form.id });
  }

  /** /okr edit on a key result found by its title, changing only `values`. */
  async function editKeyResult(user: string, title: string, values: SimpleValues) {
    const form = await openModal(user, `edit ${title}`);
    expect(form.callbackId).toBe(IDS.views.editKeyResult);
    let saved = await s.requester.viewSubmission({ user, view: { id: form.id }, values });
    if (saved.outcome.action === "updated") {
      expect(viewText(s.sandbox.view(form.id))).toContain("Save anyway");
      saved = await s.requester.viewSubmission({ user, view: { id: form.id } });
    }
    expect(saved.outcome.action).toBe("closed");
  }

  /** The owner presses "Accept" on the DM proposing `title` to them. */
  async function accept(owner: string, title: string) {
    const ask = await waitFor(
      () =>
        s.sandbox
          .dmsTo(owner)
          .find((m) => m.text.startsWith("A key result was proposed") && JSON.stringify(m.blocks).includes(title)),
      { timeoutMs: 5000 },
    );
    await s.requester.blockAction({
      user: owner,
      actionId: IDS.actions.acceptKeyResult,
      container: { type: "message", channel_id: ask.channel, message_ts: ask.ts },
    });
    await waitFor(() => s.sandbox.dmsTo(owner).find((m) => m.ts === ask.ts && m.text.startsWith("Accepted")), {
      timeoutMs: 5000,
    });
  }

  async function buildInSlack() {
    // The teams, top down: each lead starts their own, under the team it belongs to.
    await createTeam("U0CEO", "Company", { channel: "C0COMPANY", managers: ["U0CEO", "U0COO"] });
    await createTeam("U0CTO", "Engineering", { parent: "Company", channel: "C0ENG", day: "Tuesday", time: "10:30" });
    await createTeam("U0CRO", "Sales", {
      parent: "Company",
      channel: "C0SALES",
      [IDS.teamSettings.cadence]: "biweekly",
    });
    await createTeam("U0PLATLEAD", "Platform", {
      parent: "Engineering",
      channel: "C0PLATFORM",
      [IDS.teamSettings.grace]: "90",
    });
    await createTeam("U0SEARCHLEAD", "Search", { parent: "Engineering", channel: "C0SEARCH" });
    await createTeam("U0PAYLEAD", "Payments", { parent: "Sales", channel: "C0PAYMENTS" });
    await createTeam("U0SUPLEAD", "Support", { parent: "Sales", channel: "C0SUPPORT" });

    // The objectives, top down, each serving one of the team above.
    await newObjective("U0CEO", "Company", {
      title: "Grow revenue",
      why: "Enterprise customers are where our margin is",
      owner: "U0CEO",
      keyResults: [
        { title: "Reach 10 enterprise customers", baseline: "2", target: "10", measuredBy: "CRM", weight: "2" },
        {
          title: "Raise net revenue retention",
          owner: "U0CRO",
          baseline: "98%",
          target: "110%",
          unit: "%",
          measuredBy: "Finance report",
        },
      ],
    });
    await newObjective("U0COO", "Company", {
      title: "Be the most trusted platform in our market",
      owner: "U0COO",
      keyResults: [
        {
          title: "Keep availability at least 99.95%",
          baseline: "99.9",
          target: ">= 99.95",
          unit: "%",
          measuredBy: "SLO dashboard",
        },
      ],
    });
    await newObjective("U0CTO", "Engineering", {
      title: "Be reliable enough for enterprise",
      owner: "U0CTO",
      alignsTo: ["Company", "Grow revenue"],
      keyResults: [
        { title: "Cut P1 incidents", baseline: "8", target: "2", measuredBy: "Incident tracker" },
        {
          title: "Reduce time to restore service",
          baseline: "240",
          target: "-50%",
          unit: "min",
          measuredBy: "Incident tracker",
        },
      ],
    });
    await newObjective("U0CTO", "Engineering", {
      title: "Earn our customers' trust in our security",
      owner: "U0CTO",
      alignsTo: ["Company", "Be the most trusted platform in our market"],
      keyResults: [
        {
          title: "Close critical security findings within 7 days",
          baseline: "40",
          target: "95",
          unit: "%",
          measuredBy: "Security tracker",
        },
      ],
    });
    await newObjective("U0CRO", "Sales", {
      title: "Win enterprise deals",
      owner: "U0CRO",
      alignsTo: ["Company", "Grow revenue"],
      keyResults: [
        { title: "Close 5 enterprise deals", baseline: "0", target: "5", measuredBy: "CRM", weight: "1.5" },
        {
          title: "Shorten the enterprise sales cycle",
          owner: "U0BEN",
          baseline: "120",
          target: "90",
          unit: "days",
          measuredBy: "CRM",
        },
      ],
    });
    await newObjective("U0PLATLEAD", "Platform", {
      title: "Fewer incidents, faster recovery",
      owner: "U0PLATLEAD",
      alignsTo: ["Engineering", "Be reliable enough for enterprise"],
      keyResults: [
        {
          title: "Reduce P1 incidents caused by the platform",
          baseline: "6",
          target: "1",
          measuredBy: "Incident tracker",
          weight: "2",
        },
        // Not measured yet: the first check-in sets the baseline.
        { title: "Keep p99 API latency below 300 ms", owner: "U0ANA", target: "< 300", unit: "ms", measuredBy: "APM" },
      ],
    });
    await newObjective("U0SEARCHLEAD", "Search", {
      title: "Search that never goes down",
      owner: "U0SEARCHLEAD",
      alignsTo: ["Engineering", "Be reliable enough for enterprise"],
      keyResults: [
        {
          title: "Raise search availability",
          baseline: "99.5",
          target: "99.95",
          unit: "%",
          measuredBy: "SLO dashboard",
        },
      ],
    });
    await newObjective("U0PAYLEAD", "Payments", {
      title: "Make checkout effortless",
      owner: "U0PAYLEAD",
      alignsTo: ["Sales", "Win enterprise deals"],
      keyResults: [
        {
          title: "Raise checkout success rate",
          baseline: "92",
          target: "97",
          unit: "%",
          measuredBy: "Payments dashboard",
          weight: "0.5",
        },
        // Shared with Support, whose lead co-owns it.
        {
          title: "Cut failed enterprise invoice payments",
          coOwners: ["U0SUPLEAD"],
          baseline: "30",
          target: "10",
          measuredBy: "Billing reports",
        },
      ],
    });
    // Written first without saying what it serves; aligned afterwards in /okr edit.
    await newObjective("U0SUPLEAD", "Support", {
      title: "Enterprise customers get answers fast",
      owner: "U0SUPLEAD",
      keyResults: [
        {
          title: "Cut first response time on enterprise tickets",
          owner: "U0CARA",
          baseline: "8",
          target: "1",
          unit: "h",
          measuredBy: "Helpdesk",
        },
      ],
    });

    // Owners accept what was proposed to them.
    await accept("U0CRO", "Raise net revenue retention");
    await accept("U0BEN", "Shorten the enterprise sales cycle");
    await accept("U0ANA", "Keep p99 API latency below 300 ms");
    await accept("U0CARA", "Cut first response time on enterprise tickets");

    // /okr edit: a key result shared with Search after all, a weight, and an alignment.
    await editKeyResult("U0PLATLEAD", "Reduce P1 incidents caused by the platform", {
      [`${IDS.keyResultForm.coOwners}_0`]: ["U0SEARCHLEAD"],
    });
    await editKeyResult("U0CTO", "Cut P1 incidents", { [`${IDS.keyResultForm.weight}_0`]: "3" });
    const edit = await openModal("U0SUPLEAD", "edit Cut first response time on enterprise tickets");
    const serve = optionValue(edit, IDS.objectiveForm.alignsTo, "Win enterprise deals", "Sales");
    await s.requester.viewClosed({ user: "U0SUPLEAD", viewId: edit.id });
    await editKeyResult("U0SUPLEAD", "Cut first response time on enterprise tickets", {
      [IDS.objectiveForm.alignsTo]: serve,
    });
  }

  it("exports the same OKR file as the tree imported from that file into a fresh stack", async () => {
    await buildInSlack();
    const db = s.bot.database.db;
    expect(await db.keyResult.count({ where: { pendingSince: { not: null } } })).toBe(0);
    const built = await exportOkrsYaml(db, s.workspaceId, "2026-Q4");

    const fresh = await startTestStack(provider, NOW);
    stacks.push(fresh);
    await fresh.importYaml(TREE);
    const imported = await exportOkrsYaml(fresh.bot.database.db, fresh.workspaceId, "2026-Q4");

    expect(imported).toBe(TREE);
    expect(built).toBe(imported);
    // Nor does anything the file does not show differ: directions, resolved targets, measure-first baselines…
    expect(await storedTree(db)).toEqual(await storedTree(fresh.bot.database.db));
  });
});
