// The processes that hold outbox claims (ClaimHolder rows) and their heartbeats.
import type { HolderRecord } from "../domain/claims";
import type { Tx } from "./types";

/** Records that the holder is alive at `at`; a holder removed meanwhile (a long pause) comes back. */
export async function heartbeat(db: Tx, holder: Omit<HolderRecord, "heartbeatAt">, at: Date): Promise<void> {
  await db.claimHolder.upsert({
    where: { id: holder.id },
    create: { ...holder, heartbeatAt: at },
    update: { heartbeatAt: at },
  });
}

export function holderById(db: Tx, id: string): Promise<HolderRecord | null> {
  return db.claimHolder.findUnique({ where: { id } });
}

export function allHolders(db: Tx): Promise<HolderRecord[]> {
  return db.claimHolder.findMany();
}

export async function removeHolder(db: Tx, id: string): Promise<void> {
  await db.claimHolder.deleteMany({ where: { id } });
}

/** Removes these holders only as they were seen: one that heartbeated meanwhile stays. */
export async function removeHoldersAsSeen(db: Tx, seen: readonly Pick<HolderRecord, "id" | "heartbeatAt">[]) {
  await db.claimHolder.deleteMany({ where: { OR: seen.map((h) => ({ id: h.id, heartbeatAt: h.heartbeatAt })) } });
}
