// Writing OKRs in Slack: a new objective with its key results (`/okr new`), editing one key result
// (`/okr edit`), and owners accepting key results someone else proposed to them. Every write checks
// the acting person against the database, whatever the modal's private_metadata says.
import { replaceCoOwners } from "../db/roles";
import { formatNumber } from "../domain/progress";
import { DEFAULT_WEIGHT } from "../domain/rollup";
import { describeTarget, parseTarget, storedShape } from "../domain/targets";
import type { KeyResultDraft, KeyResultInput, ObjectiveInput } from "../domain/okrDraft";
import { decide, type Decision } from "../domain/permissions";
import { quarterOf } from "../domain/time";
import { cycleAt, ensureCycle } from "../db/cycles";
import {
  createKeyResult,
  type EditableKeyResult,
  editableKeyResult,
  keyResultByTitle,
  recordKeyResultEdit,
  updateKeyResult,
} from "../db/keyResults";
import {
  insertObjective,
  objectiveByTitle,
  objectiveCountOf,
  objectiveTitlesIn,
  updateObjective,
} from "../db/objectives";
import { ensurePerson } from "../db/people";
import { teamTreeOf, teamWithManagers, teamsWithManagersOf } from "../db/teams";
import { inTransaction } from "../db/transaction";
import type { ServiceDeps } from "./deps";
import { CYCLE_TIME_ZONE } from "./importOkrs";
import { actor } from "./keyResults";
import { alignableObjectives, type AlignGroup } from "../domain/tree";
import { type MeasuredBy, measuredChanges, type SourceChoice } from "../domain/sourceDraft";
import { sourceSpecJson } from "../domain/sources";
import { measuredOf, sourceChoices } from "./keyResultSources";

type Refused = { status: "refused"; reason: string };

/** The teams this person may add objectives to (managers: theirs; admins: all), and the cycle they go into. */
export async function writableTeams(deps: ServiceDeps, workspaceId: number, slackUserId: string) {
  const who = await actor(deps, workspaceId, slackUserId);
  const teams = await teamsWithManagersOf(deps.db, workspaceId);
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  const writable = teams
    .filter(
      (t) =>
        decide(who, "edit_objective", {
          ownerSlackId: null,
          coOwnerSlackIds: [],
          managerSlackIds: t.managers.map((m) => m.person.slackUserId),
        }).allowed,
    )
    .map((t) => ({ id: t.id, name: t.name }));
  return {
    cycleKey: cycle?.key ?? quarterOf(deps.now, CYCLE_TIME_ZONE).key,
    allTeams: teams.map((t) => t.name),
    teams: writable,
    alignTo: cycle
      ? alignableObjectives(
          teams,
          writable.map((t) => t.id),
          await objectiveTitlesIn(deps.db, workspaceId, cycle.id),
        )
      : [],
  };
}

/** Why the objective `alignsToId` cannot be served by a new objective of `teamId`, or null when it can. */
async function alignmentRefusal(
  deps: ServiceDeps,
  workspaceId: number,
  teamId: number,
  cycleId: number,
  alignsToId: number | null,
): Promise<string | null> {
  if (alignsToId === null) return null;
  const choices = await alignTargets(deps, workspaceId, teamId, cycleId);
  return choices.some((g) => g.objectives.some((o) => o.id === alignsToId))
    ? null
    : "Pick an objective of a team above this one, in this cycle.";
}

async function mayWriteObjectives(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamId: number,
): Promise<Decision> {
  const team = await teamWithManagers(deps.db, workspaceId, teamId);
  if (!team) return { allowed: false, reason: "That team does not exist (any more)." };
  return decide(await actor(deps, workspaceId, slackUserId), "edit_objective", {
    ownerSlackId: null,
    coOwnerSlackIds: [],
    managerSlackIds: team.managers.map((m) => m.person.slackUserId),
  });
}

export type Proposal = { keyResultId: number };

export type CreateResult =
  | { status: "created"; objectiveId: number; proposals: Proposal[] }
  | Refused
  | { status: "duplicate_title" }
  | { status: "bad_alignment"; reason: string };

export async function createObjective(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamId: number,
  input: ObjectiveInput,
  alignsToId: number | null = null,
): Promise<CreateResult> {
  const decision = await mayWriteObjectives(deps, workspaceId, slackUserId, teamId);
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const cycle =
    (await cycleAt(deps.db, workspaceId, deps.now)) ??
    (await ensureCycle(deps.db, workspaceId, quarterOf(deps.now, CYCLE_TIME_ZONE)));
  const taken = await objectiveByTitle(deps.db, teamId, cycle.id, input.title);
  if (taken) return { status: "duplicate_title" };
  const misaligned = await alignmentRefusal(deps, workspaceId, teamId, cycle.id, alignsToId);
  if (misaligned) return { status: "bad_alignment", reason: misaligned };
  return inTransaction(deps.db, async (tx) => {
    const author = await ensurePerson(tx, workspaceId, slackUserId);
    const objectiveOwner = input.ownerSlackId ? await ensurePerson(tx, workspaceId, input.ownerSlackId) : null;
    const position = await objectiveCountOf(tx, teamId, cycle.id);
    const objective = await insertObjective(tx, {
      teamId,
      cycleId: cycle.id,
      title: input.title,
      why: input.why,
      ownerId: objectiveOwner?.id ?? null,
      position,
      alignsToId,
    });
    const proposals: Proposal[] = [];
    for (const [i, kr] of input.keyResults.entries()) {
      const owner = kr.ownerSlackId ? await ensurePerson(tx, workspaceId, kr.ownerSlackId) : objectiveOwner;
      const proposed = owner !== null && owner.id !== author.id;
      const created = await createKeyResult(tx, {
        objectiveId: objective.id,
        title: kr.title,
        ownerId: owner?.id ?? null,
        baseline: kr.baseline,
        target: kr.target,
        comparator: kr.comparator,
        targetText: kr.targetText,
        baselineFromCheckIn: kr.baselineFromCheckIn,
        unit: kr.unit,
        measuredBy: kr.measuredBy,
        weight: kr.weight ?? DEFAULT_WEIGHT,
        direction: kr.direction,
        position: i,
        proposedById: author.id,
        pendingSince: proposed ? deps.now : null,
      });
      await replaceCoOwners(tx, workspaceId, created.id, kr.coOwnerSlackIds);
      if (proposed) proposals.push({ keyResultId: created.id });
    }
    return { status: "created" as const, objectiveId: objective.id, proposals };
  });
}

function rolesOf(kr: EditableKeyResult) {
  return {
    ownerSlackId: kr.owner?.slackUserId ?? null,
    coOwnerSlackIds: kr.coOwners.map((c) => c.person.slackUserId),
    managerSlackIds: kr.objective.team.managers.map((m) => m.person.slackUserId),
  };
}

export function draftOf(kr: EditableKeyResult): KeyResultDraft {
  return {
    title: kr.title,
    ownerSlackId: kr.owner?.slackUserId ?? null,
    coOwnerSlackIds: kr.coOwners.map((c) => c.person.slackUserId),
    // A baseline still waiting for the first check-in is left blank, as it was written.
    baseline: kr.baselineFromCheckIn && kr._count.checkIns === 0 ? "" : formatNumber(kr.baseline),
    target: describeTarget(kr),
    unit: kr.unit ?? "",
    measuredBy: kr.measuredBy ?? "",
    weight: formatNumber(kr.weight),
  };
}

export type EditAccess =
  | {
      status: "ok";
      keyResultId: number;
      objectiveTitle: string;
      draft: KeyResultDraft;
      /** What its objective serves, and what it may serve: empty unless this person may change the objective. */
      alignsToId: number | null;
      alignTo: AlignGroup[];
      /** Its objective's share in the roll-up of what it serves. */
      objectiveWeight: number;
      /** Where its value is measured today, and the operator's sources it may pick from. */
      measured: MeasuredBy;
      sourceChoices: SourceChoice[];
    }
  | Refused
  | { status: "gone" };

/** May this person edit this key result? Checked when the modal opens and again on save. */
export async function openKeyResultEdit(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
): Promise<EditAccess> {
  const kr = await editableKeyResult(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  const decision = decide(await actor(deps, workspaceId, slackUserId), "edit_key_result", rolesOf(kr));
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const mayAlign = decide(await actor(deps, workspaceId, slackUserId), "edit_objective", {
    ...rolesOf(kr),
    ownerSlackId: null,
    coOwnerSlackIds: [],
  }).allowed;
  return {
    status: "ok",
    keyResultId: kr.id,
    objectiveTitle: kr.objective.title,
    draft: draftOf(kr),
    alignsToId: kr.objective.alignsToId,
    alignTo: mayAlign ? await alignTargets(deps, workspaceId, kr.objective.teamId, kr.objective.cycleId) : [],
    objectiveWeight: kr.objective.weight,
    measured: measuredOf(kr),
    sourceChoices: sourceChoices(deps.sources),
  };
}

async function alignTargets(
  deps: ServiceDeps,
  workspaceId: number,
  teamId: number,
  cycleId: number,
): Promise<AlignGroup[]> {
  return alignableObjectives(
    await teamTreeOf(deps.db, workspaceId),
    [teamId],
    await objectiveTitlesIn(deps.db, workspaceId, cycleId),
  );
}

export type AlignResult =
  | { status: "ok" | "unchanged" }
  | Refused
  | { status: "gone" }
  | { status: "bad_alignment"; reason: string };

/**
 * `/okr edit`: make the key result's objective serve `alignsToId` (null: as it does now) with the
 * share `weight` (absent: as it is) — the team's managers and admins.
 */
export async function alignObjectiveOf(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
  change: { alignsToId: number | null; weight?: number },
): Promise<AlignResult> {
  const kr = await editableKeyResult(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  const alignsToId =
    change.alignsToId !== null && change.alignsToId !== kr.objective.alignsToId ? change.alignsToId : null;
  const weight = change.weight !== undefined && change.weight !== kr.objective.weight ? change.weight : undefined;
  if (alignsToId === null && weight === undefined) return { status: "unchanged" };
  const decision = decide(await actor(deps, workspaceId, slackUserId), "edit_objective", {
    ...rolesOf(kr),
    ownerSlackId: null,
    coOwnerSlackIds: [],
  });
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const misaligned = await alignmentRefusal(deps, workspaceId, kr.objective.teamId, kr.objective.cycleId, alignsToId);
  if (misaligned) return { status: "bad_alignment", reason: misaligned };
  await updateObjective(deps.db, kr.objective.id, {
    ...(alignsToId !== null ? { alignsToId, unalignedFrom: null, unalignedAt: null } : {}),
    ...(weight !== undefined ? { weight } : {}),
  });
  return { status: "ok" };
}

export type EditResult =
  | { status: "saved"; changed: string[]; proposal: Proposal | null }
  | Refused
  | { status: "gone" }
  | { status: "duplicate_title" };

export async function saveKeyResultEdit(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
  written: KeyResultInput,
  /** Its source and auto as checked (checkMeasured); absent: they stay as they are. */
  measured?: MeasuredBy,
): Promise<EditResult> {
  const kr = await editableKeyResult(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  // A blank baseline once check-ins exist keeps the one the first check-in set (and resolves the target against it).
  const input: KeyResultInput =
    written.baselineFromCheckIn && kr._count.checkIns > 0
      ? { ...written, ...storedShape(kr.baseline, parseTarget(describeTarget(written))!), baselineFromCheckIn: true }
      : written;
  const decision = decide(await actor(deps, workspaceId, slackUserId), "edit_key_result", rolesOf(kr));
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  if (input.title !== kr.title && (await keyResultByTitle(deps.db, kr.objectiveId, input.title)))
    return { status: "duplicate_title" };

  const before = draftOf(kr);
  const coOwners = (ids: readonly string[]) => [...ids].sort().join(",");
  const fields: Array<[string, string | null, string | null]> = [
    ["title", kr.title, input.title],
    ["owner", before.ownerSlackId, input.ownerSlackId],
    ["baseline", String(kr.baseline), String(input.baseline)],
    ["target", String(kr.target), String(input.target)],
    ["unit", kr.unit, input.unit],
    ["measured_by", kr.measuredBy, input.measuredBy],
    ["co_owners", coOwners(before.coOwnerSlackIds ?? []), coOwners(input.coOwnerSlackIds)],
    ["weight", String(kr.weight), String(input.weight ?? kr.weight)],
  ];
  // Until the first check-in a measure-first baseline is a placeholder: leaving it blank changes nothing.
  const measureFirst = kr.baselineFromCheckIn && kr._count.checkIns === 0;
  if (measureFirst && input.baselineFromCheckIn) fields[2] = ["baseline", null, null];
  if (kr.targetText || input.targetText) fields[3] = ["target", describeTarget(kr), describeTarget(input)];
  const changed = [
    ...fields.filter(([, a, b]) => a !== b),
    ...(measured ? measuredChanges(measuredOf(kr), measured) : []),
  ];
  // A baseline the first check-in set, left as it is, is still the one the first check-in set.
  const baselineFromCheckIn =
    input.baselineFromCheckIn || (kr.baselineFromCheckIn && !measureFirst && input.baseline === kr.baseline);
  const ownerChanged = changed.some(([field]) => field === "owner");
  return inTransaction(deps.db, async (tx) => {
    const editor = await ensurePerson(tx, workspaceId, slackUserId);
    const owner = input.ownerSlackId ? await ensurePerson(tx, workspaceId, input.ownerSlackId) : null;
    // A new owner who is not the editor has to accept the key result, as when it was proposed.
    const proposed = ownerChanged && owner !== null && owner.id !== editor.id;
    await updateKeyResult(tx, kr.id, {
      title: input.title,
      ownerId: owner?.id ?? null,
      baseline: input.baseline,
      target: input.target,
      comparator: input.comparator,
      targetText: input.targetText,
      baselineFromCheckIn,
      unit: input.unit,
      measuredBy: input.measuredBy,
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
      ...(measured
        ? {
            sourceName: measured.source?.name ?? null,
            sourceSpec: measured.source ? sourceSpecJson(measured.source) : null,
            auto: measured.source !== null && measured.auto,
          }
        : {}),
      ...(kr.directionSet ? {} : { direction: input.direction }),
      ...(ownerChanged ? { proposedById: editor.id, pendingSince: proposed ? deps.now : null } : {}),
    });
    await replaceCoOwners(tx, workspaceId, kr.id, input.coOwnerSlackIds);
    for (const [field, from, to] of changed) {
      await recordKeyResultEdit(tx, {
        keyResultId: kr.id,
        editorId: editor.id,
        field,
        before: from,
        after: to,
        createdAt: deps.now,
      });
    }
    return {
      status: "saved" as const,
      changed: changed.map(([field]) => field),
      proposal: proposed ? { keyResultId: kr.id } : null,
    };
  });
}

export type AcceptResult = { status: "accepted" | "already_accepted"; title: string } | Refused | { status: "gone" };

/** The owner accepts a key result proposed to them; the button's key result id is checked against the database and the person. */
export async function acceptKeyResult(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
): Promise<AcceptResult> {
  const kr = await editableKeyResult(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  const decision = decide(await actor(deps, workspaceId, slackUserId), "accept_key_result", rolesOf(kr));
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  if (kr.pendingSince === null) return { status: "already_accepted", title: kr.title };
  await updateKeyResult(deps.db, kr.id, { pendingSince: null });
  return { status: "accepted", title: kr.title };
}

/** How many objectives the team has in the running cycle (for the guides' 3–5 per team). */
export async function objectiveCount(deps: ServiceDeps, workspaceId: number, teamId: number): Promise<number> {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  return cycle ? objectiveCountOf(deps.db, teamId, cycle.id, workspaceId) : 0;
}
