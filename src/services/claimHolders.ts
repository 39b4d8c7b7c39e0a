// This process as a holder of outbox claims: registered with a heartbeat while it runs, removed
// (its claims given back) when it stops. And the clean-up of holders that died without stopping.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { HEARTBEAT_MS, holderGone, type Observer } from "../domain/claims";
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
  const beat = () =>
    db.claimHolder.upsert({
      where: { id: holder.id },
      create: { ...holder, heartbeatAt: new Date() },
      update: { heartbeatAt: new Date() },
    });
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
      await db.slackMessage.updateMany({
        where: { holderId: holder.id, status: "pending" },
        data: { holderId: null, claimedAt: new Date(0), attemptedAt: null },
      });
      await db.claimHolder.deleteMany({ where: { id: holder.id } });
    },
  };
}

/**
 * Removes the holders that are gone (see holderGone) and gives their pending claims back for
 * anyone to take. Returns the kinds of the messages given back, so the jobs that send them can run.
 */
export async function releaseDeadHolders(db: Db, me: Observer): Promise<Set<string>> {
  const dead = (await db.claimHolder.findMany()).filter((h) => holderGone(h, me));
  if (dead.length === 0) return new Set();
  const ids = dead.map((h) => h.id);
  const orphans = await db.slackMessage.findMany({
    where: { holderId: { in: ids }, status: "pending" },
    select: { kind: true },
  });
  // attemptedAt stays: a post the dead process asked for may still land, and a taker waits for it.
  await db.slackMessage.updateMany({
    where: { holderId: { in: ids }, status: "pending" },
    data: { holderId: null, claimedAt: new Date(0) },
  });
  // Only as they were seen: a holder that heartbeated meanwhile is alive after all.
  await db.claimHolder.deleteMany({ where: { OR: dead.map((h) => ({ id: h.id, heartbeatAt: h.heartbeatAt })) } });
  return new Set(orphans.map((o) => o.kind));
}
