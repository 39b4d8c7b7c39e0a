// This process as a holder of outbox claims: registered with a heartbeat while it runs, removed
// (its claims given back) when it stops. And the clean-up of holders that died without stopping.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { HEARTBEAT_MS, holderGone, type Observer } from "../domain/claims";
import { allHolders, heartbeat, removeHolder, removeHoldersAsSeen } from "../db/claims";
import { giveBackClaimsOf, pendingKindsHeldBy } from "../db/outbox";
import type { Db } from "../db/types";
import type { Logger } from "../logger";

/** Who holds a claim: a process (its pid) on a host. */
export type Holder = { id: string; host: string; pid: number };

export type RegisteredHolder = { holder: Holder; stop(): Promise<void> };

/** Whether a process of this host exists (EPERM: it does, under another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How `holder`'s process sees other holders right now (real time, not a job's --now). */
export function observerFor(holder: Holder | undefined): Observer {
  return { holderId: holder?.id, host: holder?.host ?? os.hostname(), now: new Date(), pidAlive };
}

/** Registers this process and heartbeats every `heartbeatMs` until `stop()`. */
export async function registerHolder(
  db: Db,
  log: Logger,
  opts: { heartbeatMs?: number } = {},
): Promise<RegisteredHolder> {
  const holder: Holder = { id: randomUUID(), host: os.hostname(), pid: process.pid };
  // An upsert: a holder found silent and removed by another process (a long pause) comes back.
  const beat = () => heartbeat(db, holder, new Date());
  await beat();
  let beating: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    beating ??= beat()
      .catch((err) => log.warn("could not record this process's heartbeat", err))
      .finally(() => (beating = null));
  }, opts.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    holder,
    stop: async () => {
      clearInterval(timer);
      await beating;
      // Whatever it still holds goes back at once rather than waiting to be found.
      await giveBackClaimsOf(db, [holder.id], { keepAttempted: false });
      await removeHolder(db, holder.id);
    },
  };
}

/**
 * Removes the holders that are gone (see holderGone) and gives their pending claims back for
 * anyone to take. Returns the kinds of the messages given back, so the jobs that send them can run.
 */
export async function releaseDeadHolders(db: Db, me: Observer): Promise<Set<string>> {
  const dead = (await allHolders(db)).filter((h) => holderGone(h, me));
  if (dead.length === 0) return new Set();
  const ids = dead.map((h) => h.id);
  const orphans = await pendingKindsHeldBy(db, ids);
  // attemptedAt stays: a post the dead process asked for may still land, and a taker waits for it.
  await giveBackClaimsOf(db, ids, { keepAttempted: true });
  // Only as they were seen: a holder that heartbeated meanwhile is alive after all.
  await removeHoldersAsSeen(db, dead);
  return new Set(orphans);
}
