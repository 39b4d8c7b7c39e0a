// Reads of objectives and key results with their check-ins, shaped as domain facts. Each function
// is a single query whatever the number of key results (no N+1).
import type { ObjectiveFacts, SharedKeyResultFacts } from "../domain/digest";
import type { KeyResultFacts } from "../domain/keyResultStatus";
import { withMeasuredValues } from "../domain/measurements";
import { storedKeyResultSource } from "../domain/sources";
import { isComparator } from "../domain/targets";
import type { Confidence, Direction } from "../domain/types";
import type { Prisma, Tx } from "./types";

/** What a key result's facts (toKeyResultFacts) are read with: spread it into an include. */
export const KEY_RESULT_FACTS = {
  owner: { select: { slackUserId: true } },
  checkIns: {
    select: { week: true, value: true, confidence: true, note: true, evidenceUrl: true, measuredValue: true },
    orderBy: { week: "asc" },
  },
  measurements: {
    select: { week: true, source: true, value: true, error: true, readAt: true },
    orderBy: { week: "asc" },
  },
} satisfies Prisma.KeyResultInclude;

/** Key results people are asked about: not archived, and accepted by their owner. */
export const PROMPTED_KEY_RESULT = { archivedAt: null, pendingSince: null } as const;

/** Baseline and target edits, for the digest's attention list. */
const editsInclude = {
  edits: {
    where: { field: { in: ["baseline", "target"] } },
    orderBy: { id: "asc" },
    include: { editor: { select: { slackUserId: true } } },
  },
} satisfies Prisma.KeyResultInclude;

type KeyResultRow = Prisma.KeyResultGetPayload<{ include: typeof KEY_RESULT_FACTS }> &
  Partial<Prisma.KeyResultGetPayload<{ include: typeof editsInclude }>>;

export function toKeyResultFacts(kr: KeyResultRow): KeyResultFacts {
  const edits = kr.edits?.map((e) => ({
    field: e.field as "baseline" | "target",
    before: e.before === null ? Number.NaN : Number(e.before),
    after: e.after === null ? Number.NaN : Number(e.after),
    beforeText: e.before,
    afterText: e.after,
    at: e.createdAt,
    editorSlackId: e.editor?.slackUserId ?? null,
  }));
  return {
    ...(edits ? { edits } : {}),
    id: kr.id,
    title: kr.title,
    ownerSlackId: kr.owner?.slackUserId ?? null,
    pending: kr.pendingSince !== null,
    baseline: kr.baseline,
    target: kr.target,
    unit: kr.unit,
    measuredBy: kr.measuredBy,
    direction: kr.direction as Direction,
    weight: kr.weight,
    comparator: isComparator(kr.comparator) ? kr.comparator : null,
    targetText: kr.targetText,
    baselineFromCheckIn: kr.baselineFromCheckIn,
    sourceName: kr.sourceName,
    measurements: kr.measurements,
    tolerance: storedKeyResultSource(kr.sourceName, kr.sourceSpec)?.tolerance ?? null,
    checkIns: withMeasuredValues(
      kr.checkIns.map((c) => ({
        week: c.week,
        value: c.value,
        confidence: c.confidence as Confidence,
        note: c.note,
        evidenceUrl: c.evidenceUrl,
        measuredValue: c.measuredValue,
      })),
      kr.measurements,
      kr.auto,
    ),
  };
}

export async function teamObjectives(db: Tx, teamId: number, cycleId: number): Promise<ObjectiveFacts[]> {
  const objectives = await db.objective.findMany({
    where: { teamId, cycleId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: {
      owner: { select: { slackUserId: true } },
      keyResults: {
        where: { archivedAt: null },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        include: { ...KEY_RESULT_FACTS, ...editsInclude },
      },
    },
  });
  return objectives.map((o) => ({
    id: o.id,
    title: o.title,
    ownerSlackId: o.owner?.slackUserId ?? null,
    keyResults: o.keyResults.map(toKeyResultFacts),
    ...(o.unalignedFrom && o.unalignedAt ? { unaligned: { from: o.unalignedFrom, at: o.unalignedAt } } : {}),
  }));
}

/**
 * Key results of other teams that people of this team co-own (its managers, and the owners of its
 * key results this cycle): shared key results, shown in this team's digest too.
 */
export async function sharedKeyResults(db: Tx, teamId: number, cycleId: number): Promise<SharedKeyResultFacts[]> {
  const rows = await db.keyResult.findMany({
    where: {
      archivedAt: null,
      objective: { cycleId, teamId: { not: teamId } },
      coOwners: {
        some: {
          person: {
            OR: [
              { managerOf: { some: { teamId } } },
              { keyResultsOwned: { some: { ...PROMPTED_KEY_RESULT, objective: { teamId, cycleId } } } },
            ],
          },
        },
      },
    },
    orderBy: [
      { objective: { team: { name: "asc" } } },
      { objective: { position: "asc" } },
      { position: "asc" },
      { id: "asc" },
    ],
    include: {
      ...KEY_RESULT_FACTS,
      ...editsInclude,
      objective: { select: { title: true, team: { select: { name: true } } } },
    },
  });
  return rows.map((kr) => ({
    teamName: kr.objective.team.name,
    objectiveTitle: kr.objective.title,
    keyResult: toKeyResultFacts(kr),
  }));
}

/** The key results a person owns or co-owns in a cycle, grouped by objective, with each objective's team. */
export async function ownedObjectives(db: Tx, personId: number, cycleId: number) {
  const keyResults = await db.keyResult.findMany({
    where: {
      OR: [{ ownerId: personId }, { coOwners: { some: { personId } } }],
      ...PROMPTED_KEY_RESULT,
      objective: { cycleId },
    },
    orderBy: [
      { objective: { teamId: "asc" } },
      { objective: { position: "asc" } },
      { objectiveId: "asc" },
      { position: "asc" },
      { id: "asc" },
    ],
    include: {
      ...KEY_RESULT_FACTS,
      objective: { include: { owner: { select: { slackUserId: true } }, team: true } },
    },
  });
  const byObjective = new Map<number, ObjectiveFacts & { team: (typeof keyResults)[number]["objective"]["team"] }>();
  for (const kr of keyResults) {
    const o = kr.objective;
    const entry = byObjective.get(o.id) ?? {
      id: o.id,
      title: o.title,
      ownerSlackId: o.owner?.slackUserId ?? null,
      team: o.team,
      keyResults: [],
    };
    entry.keyResults.push(toKeyResultFacts(kr));
    byObjective.set(o.id, entry);
  }
  return [...byObjective.values()];
}

/** Everyone who owns a key result in the cycle, with the teams those key results belong to. */
export async function keyResultOwners(db: Tx, cycleId: number, teamName?: string) {
  return db.person.findMany({
    where: {
      keyResultsOwned: {
        some: { ...PROMPTED_KEY_RESULT, objective: { cycleId, ...(teamName ? { team: { name: teamName } } : {}) } },
      },
    },
    orderBy: { id: "asc" },
    include: {
      keyResultsOwned: {
        where: { ...PROMPTED_KEY_RESULT, objective: { cycleId } },
        select: { objective: { select: { team: true } } },
      },
    },
  });
}

/** The workspace's teams that have objectives in the cycle (optionally only the one named). */
export function teamsInCycle(db: Tx, workspaceId: number, cycleId: number, teamName?: string) {
  return db.team.findMany({
    where: { workspaceId, ...(teamName ? { name: teamName } : {}), objectives: { some: { cycleId } } },
    orderBy: { id: "asc" },
  });
}

/** The ids of the objectives that align to one of the team's objectives in the cycle. */
export async function alignedObjectiveTargets(db: Tx, teamId: number, cycleId: number): Promise<Array<number | null>> {
  const rows = await db.objective.findMany({
    where: { cycleId, alignsTo: { teamId } },
    select: { alignsToId: true },
  });
  return rows.map((o) => o.alignsToId);
}

/** Every objective of the workspace in the cycle: its title, team name and what it aligns to. */
export async function objectiveLinesIn(
  db: Tx,
  workspaceId: number,
  cycleId: number,
): Promise<Array<{ id: number; title: string; team: string; alignsToId: number | null }>> {
  const rows = await db.objective.findMany({
    where: { cycleId, team: { workspaceId } },
    select: { id: true, title: true, alignsToId: true, team: { select: { name: true } } },
  });
  return rows.map((o) => ({ id: o.id, title: o.title, team: o.team.name, alignsToId: o.alignsToId }));
}

/** The id of a key result by its title (in the cycle `cycleKey`, if given); throws when there is none. */
export async function keyResultIdByTitle(db: Tx, title: string, cycleKey?: string): Promise<number> {
  const kr = await db.keyResult.findFirstOrThrow({
    where: { title, ...(cycleKey !== undefined ? { objective: { cycle: { key: cycleKey } } } : {}) },
    select: { id: true },
  });
  return kr.id;
}

/** Every key result that has an owner, with the owner's Slack id (the benchmarks submit check-ins as them). */
export async function ownedKeyResults(db: Tx): Promise<Array<{ id: number; ownerSlackUserId: string }>> {
  const rows = await db.keyResult.findMany({
    where: { owner: { isNot: null } },
    select: { id: true, owner: { select: { slackUserId: true } } },
  });
  return rows.map((kr) => ({ id: kr.id, ownerSlackUserId: kr.owner!.slackUserId }));
}
