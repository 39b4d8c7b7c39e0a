// Check-ins: one per key result and period; a second one in the same period revises it and keeps
// what it said before (CheckInRevision).
import type { CheckIn, Db, KeyResult, Tx } from "./types";

export type CheckInValues = {
  value: number;
  confidence: string;
  note: string | null;
  evidenceUrl: string | null;
  authorId: number;
  measuredValue: number | null;
};

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

export type Rebaseline = Pick<KeyResult, "baseline" | "target" | "direction">;
/** Given a key result (with its number of check-ins) and a check-in's value: the baseline it now takes, or null. */
export type RebaselineRule = (kr: KeyResult & { checkIns: number }, value: number) => Rebaseline | null;

/**
 * In one transaction: each key result's check-in for `week` (see saveCheckIn), and the baseline
 * `rebaseline` says it takes from that value.
 */
export async function saveCheckIns(
  db: Db,
  week: string,
  entries: ReadonlyArray<{ keyResultId: number; values: CheckInValues }>,
  rebaseline: RebaselineRule,
): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const { keyResultId, values } of entries) {
      await saveCheckIn(tx, keyResultId, week, values);
      const changed = rebaseline(await keyResultWithCheckInCount(tx, keyResultId), values.value);
      if (changed) await setBaselineFromCheckIn(tx, keyResultId, changed);
    }
  });
}

/** The key result and how many check-ins it has. */
async function keyResultWithCheckInCount(tx: Tx, keyResultId: number): Promise<KeyResult & { checkIns: number }> {
  const { _count, ...kr } = await tx.keyResult.findUniqueOrThrow({
    where: { id: keyResultId },
    include: { _count: { select: { checkIns: true } } },
  });
  return { ...kr, checkIns: _count.checkIns };
}

/** Sets the baseline a first check-in gave, with the target and direction that follow from it. */
async function setBaselineFromCheckIn(
  tx: Tx,
  keyResultId: number,
  values: Pick<KeyResult, "baseline" | "target" | "direction">,
): Promise<void> {
  await tx.keyResult.update({ where: { id: keyResultId }, data: values });
}
