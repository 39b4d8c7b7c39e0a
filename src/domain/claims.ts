// Who may take over an outbox claim. Every process that sends (a `start` replica, a one-off
// `job`) registers as a holder and heartbeats; each claim names its holder. A claim is taken over
// as soon as its holder is known to be gone, not when a lease runs out (compare Sidekiq's
// super_fetch, Oban's lifeline).

/** How often a holder records that it is alive. */
export const HEARTBEAT_MS = 5_000;
/** A holder silent this long is taken for dead (three missed heartbeats). */
export const HOLDER_STALE_MS = 3 * HEARTBEAT_MS;
/**
 * A claim not renewed for this long is taken over even from a live holder: that process lost
 * track of it. A sender renews its claim right before each post, so this is a backstop only.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

export type HolderRecord = { id: string; host: string; pid: number; heartbeatAt: Date };
export type ClaimRecord = { holderId: string | null; claimedAt: Date };

/** The process judging: its own holder id (if it has one), its host, the real time, and a pid check for its host. */
export type Observer = { holderId?: string; host: string; now: Date; pidAlive(pid: number): boolean };

/** Whether a holder has stopped: silent past HOLDER_STALE_MS or, on the observer's host, its pid is gone. */
export function holderGone(holder: HolderRecord, me: Observer): boolean {
  if (holder.id === me.holderId) return false;
  if (me.now.getTime() - holder.heartbeatAt.getTime() > HOLDER_STALE_MS) return true;
  return holder.host === me.host && !me.pidAlive(holder.pid);
}

/**
 * Whether a pending claim may be taken over. `holder` is the claim's holder row, undefined when
 * there is none (the holder stopped and deleted it, or was found dead and removed).
 */
export function claimTakeable(claim: ClaimRecord, holder: HolderRecord | undefined, me: Observer): boolean {
  // Given back, or lost track of (this very process too: a send whose database write failed).
  if (me.now.getTime() - claim.claimedAt.getTime() >= CLAIM_LEASE_MS) return true;
  if (claim.holderId !== null && claim.holderId === me.holderId) return false; // in flight in this very process
  if (claim.holderId === null) return false; // claimed by a process without a holder: only the lease tells
  return holder === undefined || holderGone(holder, me);
}
