// Every message the bot posts on its own initiative goes through this outbox: a row with a unique
// key is written (claimed) before the Slack call, and the message's ts is recorded after. A second
// run, or a second replica, finds the row and does not post again.
import type { MessageContent } from "../blocks/types";
import type { Db, SlackMessage } from "../db/types";
import { isUniqueViolation } from "../db/types";
import type { Logger } from "../logger";
import { slackErrorCode, type SlackClient } from "../slack/client";

export type OutboxDeps = { db: Db; slack: SlackClient; now: Date; log: Logger };


export type Intent = {
  workspaceId: number;
  key: string;
  kind: "checkin_prompt" | "checkin_reminder" | "digest" | "retro_parent" | "retro_reply";
  channel: string;
  threadTs?: string;
  recipient?: string;
  period?: string;
};

export type SendOutcome =
  | { status: "sent"; message: SlackMessage }
  | { status: "already_sent"; message: SlackMessage }
  | { status: "in_flight" | "failed"; message: SlackMessage; error?: string };

/** A pending row claimed longer ago than this is assumed abandoned (its sender crashed). */
export const CLAIM_TIMEOUT_MS = 2 * 60_000;

export async function sendOnce(deps: OutboxDeps, intent: Intent, content: () => Promise<MessageContent> | MessageContent): Promise<SendOutcome> {
  const claimed = await claim(deps, intent);
  if (claimed.status !== "claimed") return claimed.outcome;
  const row = claimed.message;
  try {
    const { text, blocks } = await content();
    const res = await deps.slack.chat.postMessage({ channel: intent.channel, thread_ts: intent.threadTs, text, blocks, unfurl_links: false });
    const sent = await deps.db.slackMessage.update({
      where: { id: row.id },
      data: { status: "sent", ts: res.ts, channel: res.channel ?? intent.channel, sentAt: deps.now, error: null },
    });
    return { status: "sent", message: sent };
  } catch (err) {
    // A Slack platform error (`ok: false`) will not succeed on a retry: record it and move on.
    // Anything else (network, 5xx after retries) leaves the row pending for a later run.
    const code = slackErrorCode(err);
    const error = code ?? (err instanceof Error ? err.message : String(err));
    deps.log.warn(`send ${intent.key} failed: ${error}`);
    const failed = await deps.db.slackMessage.update({
      where: { id: row.id },
      data: code ? { status: "failed", error } : { error },
    });
    return { status: "failed", message: failed, error };
  }
}

type Claim = { status: "claimed"; message: SlackMessage } | { status: "taken"; outcome: SendOutcome };

async function claim(deps: OutboxDeps, intent: Intent): Promise<Claim> {
  const { db, now } = deps;
  try {
    const message = await db.slackMessage.create({
      data: {
        workspaceId: intent.workspaceId,
        key: intent.key,
        kind: intent.kind,
        channel: intent.channel,
        threadTs: intent.threadTs,
        recipient: intent.recipient,
        period: intent.period,
        claimedAt: now,
        attempts: 1,
      },
    });
    return { status: "claimed", message };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const existing = await db.slackMessage.findUniqueOrThrow({ where: { key: intent.key } });
  if (existing.status === "sent") return { status: "taken", outcome: { status: "already_sent", message: existing } };
  if (existing.status === "failed") return { status: "taken", outcome: { status: "failed", message: existing, error: existing.error ?? undefined } };
  // Pending: another run is sending it, or one crashed mid-send. Take it over only when stale,
  // and only if no other run took it over first (the conditional update is the lock).
  const staleBefore = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  const taken = await db.slackMessage.updateMany({
    where: { id: existing.id, status: "pending", claimedAt: { lt: staleBefore } },
    data: { claimedAt: now, attempts: { increment: 1 } },
  });
  if (taken.count === 1) return { status: "claimed", message: await db.slackMessage.findUniqueOrThrow({ where: { id: existing.id } }) };
  return { status: "taken", outcome: { status: "in_flight", message: existing } };
}

/** Replaces the content of a message the outbox sent earlier. */
export async function updateSent(deps: Pick<OutboxDeps, "db" | "slack">, key: string, content: MessageContent): Promise<boolean> {
  const message = await deps.db.slackMessage.findUnique({ where: { key } });
  if (!message || message.status !== "sent" || !message.ts) return false;
  await deps.slack.chat.update({ channel: message.channel, ts: message.ts, text: content.text, blocks: content.blocks });
  return true;
}
