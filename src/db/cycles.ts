import type { Cycle as CycleSpan } from "../domain/time";
import { isUniqueViolation, type Cycle, type Tx } from "./types";

export async function ensureCycle(db: Tx, workspaceId: number, span: CycleSpan): Promise<Cycle> {
  const where = { workspaceId_key: { workspaceId, key: span.key } };
  const existing = await db.cycle.findUnique({ where });
  if (existing) return existing;
  try {
    return await db.cycle.create({
      data: { workspaceId, key: span.key, startsAt: span.startsAt, endsAt: span.endsAt },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.cycle.findUniqueOrThrow({ where });
  }
}

export function findCycle(db: Tx, workspaceId: number, key: string): Promise<Cycle | null> {
  return db.cycle.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
}

/** The cycle that contains `now`, if one was created. */
export function cycleAt(db: Tx, workspaceId: number, now: Date): Promise<Cycle | null> {
  return db.cycle.findFirst({ where: { workspaceId, startsAt: { lte: now }, endsAt: { gt: now } } });
}

/** The workspace's cycles, earliest first. */
export function cyclesOf(db: Tx, workspaceId: number): Promise<Cycle[]> {
  return db.cycle.findMany({ where: { workspaceId }, orderBy: { startsAt: "asc" } });
}

/** The workspace's cycles that end after `after` and no later than `until`. */
export function cyclesEndingBetween(db: Tx, workspaceId: number, after: Date, until: Date): Promise<Cycle[]> {
  return db.cycle.findMany({ where: { workspaceId, endsAt: { gt: after, lte: until } } });
}
