// Key results as they are written, carried forward, proposed, edited and archived.
import { KEY_RESULT_FACTS } from "./okrs";
import type { KeyResult, Prisma, Tx } from "./types";

/** The objective's key result of that title (titles are unique within an objective). */
export function keyResultByTitle(db: Tx, objectiveId: number, title: string): Promise<KeyResult | null> {
  return db.keyResult.findUnique({ where: { objectiveId_title: { objectiveId, title } } });
}

export function createKeyResult(db: Tx, data: Prisma.KeyResultUncheckedCreateInput): Promise<KeyResult> {
  return db.keyResult.create({ data });
}

export async function updateKeyResult(db: Tx, id: number, data: Prisma.KeyResultUncheckedUpdateInput): Promise<void> {
  await db.keyResult.update({ where: { id }, data });
}

/** A key result of the workspace with its facts, objective (team, cycle) and the draft carried from it, if any. */
export function keyResultToCarry(db: Tx, workspaceId: number, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, objective: { team: { workspaceId } } },
    include: {
      ...KEY_RESULT_FACTS,
      objective: { include: { team: true, cycle: true } },
      carriedTo: { include: { objective: { include: { cycle: true } } } },
    },
  });
}

/** The key result carried forward from `fromId`, with its cycle. */
export function carriedFrom(db: Tx, fromId: number) {
  return db.keyResult.findUniqueOrThrow({
    where: { carriedFromId: fromId },
    include: { objective: { include: { cycle: true } } },
  });
}

/** Deletes the draft carried from `fromId` unless it was confirmed or checked in on; how many went. */
export async function deleteUnconfirmedCarry(db: Tx, fromId: number): Promise<number> {
  const { count } = await db.keyResult.deleteMany({
    where: { carriedFromId: fromId, pendingSince: { not: null }, checkIns: { none: {} } },
  });
  return count;
}

/** A key result still to be accepted, with its owner, its cycle and where it was carried from. */
export function pendingCarry(db: Tx, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, pendingSince: { not: null } },
    include: {
      owner: true,
      objective: { include: { cycle: true } },
      carriedFrom: { include: { objective: { include: { cycle: true } } } },
    },
  });
}

/** A key result of the workspace with who proposed it and its objective's team. */
export function keyResultWithProposer(db: Tx, workspaceId: number, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, objective: { team: { workspaceId } } },
    include: { proposedBy: true, objective: { include: { team: true } } },
  });
}

/** A key result still to be accepted, with its owner. */
export function pendingKeyResult(db: Tx, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, pendingSince: { not: null } },
    include: { owner: true },
  });
}

/** The objective's key result of that title, with its co-owners and how many check-ins it has. */
export function keyResultWithCoOwnersByTitle(db: Tx, objectiveId: number, title: string) {
  return db.keyResult.findUnique({
    where: { objectiveId_title: { objectiveId, title } },
    include: { coOwners: { include: { person: true } }, _count: { select: { checkIns: true } } },
  });
}

/** The objective's active key results but those of `ids`. */
export function activeKeyResultsBut(db: Tx, objectiveId: number, ids: readonly number[]): Promise<KeyResult[]> {
  return db.keyResult.findMany({ where: { objectiveId, id: { notIn: [...ids] }, archivedAt: null } });
}

/** Where an active key result of the workspace is measured: its source and whether check-ins take it. */
export function keyResultMeasuredBy(db: Tx, workspaceId: number, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, archivedAt: null, objective: { team: { workspaceId } } },
    select: { sourceName: true, sourceSpec: true, auto: true },
  });
}

/** The active key results of the cycle that name a source (optionally one team's), with objective and team, in order. */
export function sourcedKeyResultsIn(db: Tx, workspaceId: number, cycleId: number, teamName?: string) {
  return db.keyResult.findMany({
    where: {
      archivedAt: null,
      sourceName: { not: null },
      objective: { cycleId, team: { workspaceId, ...(teamName !== undefined ? { name: teamName } : {}) } },
    },
    include: { objective: { include: { team: true } } },
    orderBy: [{ objective: { team: { name: "asc" } } }, { objective: { position: "asc" } }, { position: "asc" }],
  });
}

/**
 * The workspace's active key results with that id (any cycle), or else all of the cycle's: each
 * with its facts, co-owners, objective and the team's managers, by id.
 */
export function keyResultsToFind(db: Tx, workspaceId: number, by: { id: number } | { cycleId: number }) {
  return db.keyResult.findMany({
    where:
      "id" in by
        ? { archivedAt: null, id: by.id, objective: { team: { workspaceId } } }
        : { archivedAt: null, objective: { cycleId: by.cycleId, team: { workspaceId } } },
    include: {
      ...KEY_RESULT_FACTS,
      coOwners: { include: { person: true } },
      objective: { include: { team: { include: { managers: { include: { person: true } } } } } },
    },
    orderBy: { id: "asc" },
  });
}

/** Archives the key result at `at`; returns it with its objective and team. */
export function markArchived(db: Tx, keyResultId: number, at: Date) {
  return db.keyResult.update({
    where: { id: keyResultId },
    data: { archivedAt: at },
    include: { objective: { include: { team: true } } },
  });
}

export function activeKeyResultCount(db: Tx, objectiveId: number): Promise<number> {
  return db.keyResult.count({ where: { objectiveId, archivedAt: null } });
}

/** What editing a key result reads: its owner, co-owners, objective, the team's managers, and how many check-ins it has. */
const EDITABLE = {
  owner: true,
  coOwners: { include: { person: true } },
  objective: { include: { team: { include: { managers: { include: { person: true } } } } } },
  _count: { select: { checkIns: true } },
} satisfies Prisma.KeyResultInclude;

export type EditableKeyResult = Prisma.KeyResultGetPayload<{ include: typeof EDITABLE }>;

/** An active key result of the workspace, with what editing it reads. */
export function editableKeyResult(db: Tx, workspaceId: number, keyResultId: number): Promise<EditableKeyResult | null> {
  return db.keyResult.findFirst({
    where: { id: keyResultId, archivedAt: null, objective: { team: { workspaceId } } },
    include: EDITABLE,
  });
}

export type KeyResultEditRow = {
  keyResultId: number;
  editorId: number;
  field: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
};

/** Records one field's change on a key result. */
export async function recordKeyResultEdit(db: Tx, edit: KeyResultEditRow): Promise<void> {
  await db.keyResultEdit.create({ data: edit });
}
