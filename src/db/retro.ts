// Retro entries (one per key result: the owner's score and answers, or the computed score the
// thread showed) and the key result a retro answer is about.
import { KEY_RESULT_FACTS } from "./okrs";
import type { RetroEntry, Tx } from "./types";

export type RetroAnswersRow = Pick<
  RetroEntry,
  "score" | "scoreSet" | "worked" | "didnt" | "learned" | "carryForward" | "answeredAt"
>;

export function retroEntriesOf(db: Tx, keyResultIds: readonly number[]): Promise<RetroEntry[]> {
  return db.retroEntry.findMany({ where: { keyResultId: { in: [...keyResultIds] } } });
}

/** Records the score the thread shows for a key result whose owner gave none. */
export async function saveComputedScore(db: Tx, keyResultId: number, score: number): Promise<void> {
  await db.retroEntry.upsert({
    where: { keyResultId },
    create: { keyResultId, score },
    update: { score },
  });
}

export async function saveRetroAnswersRow(db: Tx, keyResultId: number, answers: RetroAnswersRow): Promise<void> {
  await db.retroEntry.upsert({
    where: { keyResultId },
    create: { keyResultId, ...answers },
    update: answers,
  });
}

/** A key result of the workspace, not archived, with all a retro answer needs (facts, people, team, cycle). */
export function keyResultForRetro(db: Tx, workspaceId: number, keyResultId: number) {
  return db.keyResult.findFirst({
    where: { id: keyResultId, archivedAt: null, objective: { team: { workspaceId } } },
    include: {
      ...KEY_RESULT_FACTS,
      coOwners: { include: { person: true } },
      retro: true,
      objective: { include: { cycle: true, team: { include: { managers: { include: { person: true } } } } } },
    },
  });
}
