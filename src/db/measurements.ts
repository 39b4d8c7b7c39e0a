// Values read from key results' sources, one row per key result and check-in period.
import { PROMPTED_KEY_RESULT } from "./okrs";
import { isUniqueViolation, type Tx } from "./types";

/**
 * Owners per query: Prisma refuses a statement with more than 999 values on SQLite (it splits a
 * relation's list, not this one), and a whole workspace can be due at once.
 */
export const OWNERS_PER_QUERY = 500;

/** The key results with a source that these owners are prompted about, with the periods already read. */
export async function sourcedKeyResultsOf(db: Tx, ownerIds: readonly number[], cycleId: number) {
  const batches = [];
  for (let i = 0; i < ownerIds.length; i += OWNERS_PER_QUERY) {
    batches.push(
      await db.keyResult.findMany({
        where: {
          ...PROMPTED_KEY_RESULT,
          ownerId: { in: ownerIds.slice(i, i + OWNERS_PER_QUERY) },
          sourceName: { not: null },
          objective: { cycleId },
        },
        select: {
          id: true,
          ownerId: true,
          sourceName: true,
          sourceSpec: true,
          measurements: { select: { week: true } },
        },
        orderBy: { id: "asc" },
      }),
    );
  }
  return batches.flat().sort((a, b) => a.id - b.id);
}

export type NewMeasurement = {
  keyResultId: number;
  week: string;
  source: string;
  value: number | null;
  error: string | null;
  readAt: Date;
};

/** Stores a period's read; false when another process stored one first (its read stands). */
export async function recordMeasurement(db: Tx, m: NewMeasurement): Promise<boolean> {
  try {
    await db.measurement.create({ data: m });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** A key result of the workspace with what its value is read from (null: none, or another workspace's). */
export function keyResultSourceIn(db: Tx, workspaceId: number, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, objective: { team: { workspaceId } } },
    select: { title: true, sourceName: true, sourceSpec: true },
  });
}
