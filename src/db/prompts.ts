// Check-in prompts (one CheckinPrompt row per owner and period: its due instant and outcome) and
// the escalations of owners who kept missing them.
import { type CheckinPrompt, type Escalation, isUniqueViolation, type Person, type Tx } from "./types";

export type PromptState = "open" | "late" | "away" | "early";

export function promptOf(db: Tx, personId: number, period: string): Promise<CheckinPrompt | null> {
  return db.checkinPrompt.findUnique({ where: { personId_period: { personId, period } } });
}

/** The owner's prompt for the period, created (due at `dueAt`) by whichever run comes first. */
export async function ensurePrompt(
  db: Tx,
  workspaceId: number,
  personId: number,
  period: string,
  dueAt: Date,
): Promise<CheckinPrompt> {
  const existing = await promptOf(db, personId, period);
  if (existing) return existing;
  try {
    return await db.checkinPrompt.create({ data: { workspaceId, personId, period, dueAt } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.checkinPrompt.findUniqueOrThrow({ where: { personId_period: { personId, period } } });
  }
}

export async function setPromptState(db: Tx, promptId: number, state: PromptState): Promise<void> {
  await db.checkinPrompt.update({ where: { id: promptId }, data: { state } });
}

export async function skipPrompt(db: Tx, promptId: number): Promise<void> {
  await db.checkinPrompt.update({ where: { id: promptId }, data: { skipped: true, snoozedUntil: null } });
}

export async function snoozePrompt(db: Tx, promptId: number, until: Date): Promise<void> {
  await db.checkinPrompt.update({ where: { id: promptId }, data: { snoozedUntil: until, snoozes: { increment: 1 } } });
}

/** The workspace's open, not skipped prompts due after `since`, with their owner, oldest first. */
export function openPromptsDueAfter(
  db: Tx,
  workspaceId: number,
  since: Date,
): Promise<Array<CheckinPrompt & { person: Person }>> {
  return db.checkinPrompt.findMany({
    where: { workspaceId, state: "open", skipped: false, dueAt: { gt: since } },
    include: { person: true },
    orderBy: { id: "asc" },
  });
}

/** Records an owner's run of misses starting at `since`; false when that run was already recorded. */
export async function recordEscalation(db: Tx, teamId: number, personId: number, since: string): Promise<boolean> {
  try {
    await db.escalation.create({ data: { teamId, personId, since } });
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return false;
  }
}

/** The team's recorded runs of misses that its managers were not all told about yet, oldest first. */
export function unreportedEscalations(db: Tx, teamId: number): Promise<Array<Escalation & { person: Person }>> {
  return db.escalation.findMany({
    where: { teamId, notifiedAt: null },
    include: { person: true },
    orderBy: { id: "asc" },
  });
}

export async function markEscalationsNotified(db: Tx, ids: readonly number[], at: Date): Promise<void> {
  await db.escalation.updateMany({ where: { id: { in: [...ids] } }, data: { notifiedAt: at } });
}
