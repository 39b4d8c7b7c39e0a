// The outbox (SlackMessage rows): one row per message the bot posts on its own initiative, claimed
// before the Slack call. The attempts counter is the claim token: only its holder may settle a row.
import { isNoRowMatched, isUniqueViolation, type SlackMessage, type Tx } from "./types";

export type NewMessage = {
  workspaceId: number;
  key: string;
  kind: string;
  channel: string;
  threadTs?: string;
  recipient?: string;
  period?: string;
  holderId: string | null;
};

/** What the holder of a claim records about its message. */
export type Settlement = {
  status?: string;
  ts?: string;
  channel?: string;
  error?: string | null;
  sentAt?: Date;
  claimedAt?: Date;
  holderId?: null;
  attemptedAt?: null;
};

/** The row for a new key, claimed (token 1) at `at`; null when the key already has one. */
export async function createClaimedMessage(db: Tx, message: NewMessage, at: Date): Promise<SlackMessage | null> {
  try {
    return await db.slackMessage.create({ data: { ...message, claimedAt: at, attempts: 1 } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return null;
  }
}

export function messageByKey(db: Tx, key: string): Promise<SlackMessage | null> {
  return db.slackMessage.findUnique({ where: { key } });
}

export function messageByKeyOrThrow(db: Tx, key: string): Promise<SlackMessage> {
  return db.slackMessage.findUniqueOrThrow({ where: { key } });
}

export function messageById(db: Tx, id: number): Promise<SlackMessage> {
  return db.slackMessage.findUniqueOrThrow({ where: { id } });
}

// The claim's two writes, once per message in a fan-out, are single-row updates: one statement
// that also returns the row, where updateMany costs a transaction of its own and a read after it.

/** Settles the row if `token` still holds its claim: the row as settled, or null when the token lost it. */
export async function settleMessage(db: Tx, id: number, token: number, data: Settlement): Promise<SlackMessage | null> {
  return updatedOrNull(db.slackMessage.update({ where: { id, attempts: token }, data }));
}

/** Renews a pending row's claim right before a Slack call (and records the attempt); false when the token lost it. */
export async function renewClaim(db: Tx, id: number, token: number, at: Date): Promise<boolean> {
  const renewed = await updatedOrNull(
    db.slackMessage.update({
      where: { id, attempts: token, status: "pending" },
      data: { claimedAt: at, attemptedAt: at },
      select: { id: true },
    }),
  );
  return renewed !== null;
}

async function updatedOrNull<T>(update: Promise<T>): Promise<T | null> {
  try {
    return await update;
  } catch (err) {
    if (isNoRowMatched(err)) return null;
    throw err;
  }
}

/** Takes a pending row over from its holder, as it was read (its token): of two takers, one wins. */
export async function takeOverClaim(
  db: Tx,
  row: Pick<SlackMessage, "id" | "attempts">,
  holderId: string | null,
  at: Date,
): Promise<boolean> {
  const taken = await db.slackMessage.updateMany({
    where: { id: row.id, attempts: row.attempts, status: "pending" },
    data: { claimedAt: at, holderId, attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

/** The kinds of the pending rows these holders have claimed. */
export async function pendingKindsHeldBy(db: Tx, holderIds: readonly string[]): Promise<string[]> {
  const rows = await db.slackMessage.findMany({
    where: { holderId: { in: [...holderIds] }, status: "pending" },
    select: { kind: true },
  });
  return rows.map((r) => r.kind);
}

/**
 * Gives the pending rows these holders claimed back for anyone to take at once. `keepAttempted`:
 * a post their holder asked Slack for may still land, and a taker waits for it.
 */
export async function giveBackClaimsOf(
  db: Tx,
  holderIds: readonly string[],
  opts: { keepAttempted: boolean },
): Promise<void> {
  await db.slackMessage.updateMany({
    where: { holderId: { in: [...holderIds] }, status: "pending" },
    data: { holderId: null, claimedAt: new Date(0), ...(opts.keepAttempted ? {} : { attemptedAt: null }) },
  });
}

/** The rows under a key, those under keys that extend it ("<key>:…"), and those under `alsoKeys`. */
export function messagesUnderKey(db: Tx, key: string, alsoKeys: readonly string[] = []): Promise<SlackMessage[]> {
  return db.slackMessage.findMany({
    where: { OR: [{ key }, { key: { startsWith: `${key}:` } }, ...alsoKeys.map((k) => ({ key: k }))] },
  });
}

/** How many rows under keys starting with `prefix` are done with (sent, or failed for good). */
export function settledCountUnder(db: Tx, prefix: string): Promise<number> {
  return db.slackMessage.count({ where: { key: { startsWith: prefix }, status: { in: ["sent", "failed"] } } });
}

/** The periods of the rows among `keys` that were sent. */
export async function sentPeriodsOf(db: Tx, keys: readonly string[]): Promise<Array<string | null>> {
  const rows = await db.slackMessage.findMany({
    where: { status: "sent", key: { in: [...keys] } },
    select: { period: true },
  });
  return rows.map((m) => m.period);
}
