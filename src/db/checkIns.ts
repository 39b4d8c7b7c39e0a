// Check-ins: one per key result and period; a second one in the same period revises it and keeps
// what it said before (CheckInRevision).
import type { KeyResultFacts } from "../domain/keyResultStatus";
import { KEY_RESULT_FACTS, PROMPTED_KEY_RESULT, toKeyResultFacts } from "./okrs";
import { type CheckIn, type Db, isUniqueViolation, type KeyResult, type Prisma, type Tx } from "./types";

export type CheckInValues = {
  value: number;
  confidence: string;
  note: string | null;
  evidenceUrl: string | null;
  authorId: number;
  measuredValue: number | null;
};

/** What a first check-in sets on a key result created without a baseline (see the check-in service). */
export type Rebaseline = Pick<KeyResult, "baseline" | "target" | "direction">;

export type CheckInToSave = {
  keyResultId: number;
  values: CheckInValues;
  /** The key result had no check-in for this period when the form was read. */
  first: boolean;
  rebaseline: Rebaseline | null;
};

/** A key result as a check-in is checked against it: its facts, and whether its direction was written. */
export type KeyResultToCheckIn = KeyResultFacts & { directionSet: boolean };

/**
 * Of `ids`, the key results a person owns or co-owns in the cycle and is asked about, with their
 * check-ins and measurements: what a submission is checked against, in one call.
 */
export async function keyResultsToCheckIn(
  db: Tx,
  personId: number,
  cycleId: number,
  ids: readonly number[],
): Promise<KeyResultToCheckIn[]> {
  const rows = await db.keyResult.findMany({
    where: {
      id: { in: [...ids] },
      OR: [{ ownerId: personId }, { coOwners: { some: { personId } } }],
      ...PROMPTED_KEY_RESULT,
      objective: { cycleId },
    },
    include: { checkIns: KEY_RESULT_FACTS.checkIns, measurements: KEY_RESULT_FACTS.measurements },
  });
  return rows.map((kr) => ({ ...toKeyResultFacts({ ...kr, owner: null }), directionSet: kr.directionSet }));
}

/**
 * Stores each key result's check-in for `week`. The usual case, first check-ins that set no
 * baseline, is one statement; a revision (or a first check-in that lost a race to another) keeps
 * the previous values as a revision, in one transaction with any baseline the check-in sets.
 */
export async function saveCheckIns(db: Db, week: string, entries: readonly CheckInToSave[]): Promise<void> {
  if (entries.every((e) => e.first && !e.rebaseline)) {
    try {
      const rows = entries.map((e) => ({ keyResultId: e.keyResultId, week, ...e.values }));
      // One row needs no transaction around it, as createMany has.
      if (rows.length === 1) await db.checkIn.create({ data: rows[0]!, select: { id: true } });
      else await db.checkIn.createMany({ data: rows });
      return;
    } catch (err) {
      // Someone checked in on one of them since the form was read: store them as revisions below.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  await db.$transaction(async (tx) => {
    for (const { keyResultId, values, rebaseline } of entries) {
      await saveCheckIn(tx, keyResultId, week, values);
      if (rebaseline) await tx.keyResult.update({ where: { id: keyResultId }, data: rebaseline });
    }
  });
}

/** Stores the key result's check-in for `week`, keeping the previous one's values as a revision. */
async function saveCheckIn(tx: Tx, keyResultId: number, week: string, values: CheckInValues): Promise<void> {
  const where = { keyResultId_week: { keyResultId, week } };
  const before = await tx.checkIn.findUnique({ where });
  if (!before) {
    await tx.checkIn.create({ data: { keyResultId, week, ...values } });
    return;
  }
  await tx.checkInRevision.create({
    data: {
      checkInId: before.id,
      authorId: before.authorId,
      value: before.value,
      confidence: before.confidence,
      note: before.note,
      evidenceUrl: before.evidenceUrl,
      createdAt: before.updatedAt,
    },
  });
  await tx.checkIn.update({ where, data: values });
}

/** The check-ins of these key results with their author, by key result then week. */
export function checkInsOf(
  db: Tx,
  keyResultIds: readonly number[],
): Promise<Array<CheckIn & { author: { slackUserId: string } }>> {
  return db.checkIn.findMany({
    where: { keyResultId: { in: [...keyResultIds] } },
    include: { author: { select: { slackUserId: true } } },
    orderBy: [{ keyResultId: "asc" }, { week: "asc" }],
  });
}

export function checkInCount(db: Tx, keyResultId: number): Promise<number> {
  return db.checkIn.count({ where: { keyResultId } });
}

/** Check-ins written as given, without the rules a submission goes through (generated fixtures). */
export async function createCheckIns(db: Tx, checkIns: Prisma.CheckInCreateManyInput[]): Promise<void> {
  await db.checkIn.createMany({ data: checkIns });
}

/** How many check-ins are stored, in every workspace (the benchmarks count what was saved). */
export function countCheckIns(db: Tx): Promise<number> {
  return db.checkIn.count();
}
