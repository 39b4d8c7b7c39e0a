// Every message the bot posts on its own initiative goes through this outbox:
// 1. a row with a unique key is written (claimed) before the Slack call, so a second run or a
//    second replica finds it and does not post again;
// 2. the post carries the key in Slack message metadata, so when its outcome is unknown (5xx,
//    timeout, a response lost after Slack accepted it) the channel is searched for it before any
//    resend;
// 3. the message's ts is recorded after.
// Each claim names the process holding it (see claimHolders): when that process is gone, the row
// is taken over at once, the post looked for, and sent if it is not there.
// Rate limits are honoured through a Pacer; permanent errors mark the row failed with the reason.
import type { MessageContent } from "../blocks/types";
import {
  createClaimedMessage,
  messageById,
  messageByKey,
  messageByKeyOrThrow,
  renewClaim,
  type Settlement,
  settleMessage,
  takeOverClaim,
} from "../db/outbox";
import { holderById } from "../db/claims";
import type { SlackMessage } from "../db/types";
import { claimTakeable } from "../domain/claims";
import { retryReason } from "../observability/slackCalls";
import { SLACK_REQUEST_TIMEOUT_MS, slackErrorCode, type SlackClient } from "../slack/client";
import { Pacer } from "../slack/pacer";
import { observerFor } from "./claimHolders";
import type { ServiceDeps } from "./deps";

export type OutboxDeps = ServiceDeps;

export type Intent = {
  workspaceId: number;
  key: string;
  kind:
    | "checkin_prompt"
    | "checkin_reminder"
    | "digest"
    | "digest_chart"
    | "retro_parent"
    | "retro_reply"
    | "kr_proposal"
    | "retro_request";
  channel: string;
  threadTs?: string;
  recipient?: string;
  period?: string;
  /** Past this instant (the job's clock) a message not yet posted is no longer worth posting. */
  notAfter?: Date;
};

/**
 * `failed`: recorded, never retried; `deferred`: not sent this time and given back for the next
 * run; `in_flight`: another live process holds it.
 */
export type SendOutcome =
  | { status: "sent"; message: SlackMessage }
  | { status: "already_sent"; message: SlackMessage }
  | { status: "in_flight" | "failed" | "deferred"; message: SlackMessage; error?: string };

/** How a job counts an outcome it cannot call done: held elsewhere, or left for its next run. */
export function pendingCounter(outcome: SendOutcome): "inFlight" | "left" | null {
  return outcome.status === "in_flight" ? "inFlight" : outcome.status === "deferred" ? "left" : null;
}
/** Attempts within one run before the row is left for a later run. */
export const MAX_ATTEMPTS = 5;
export const METADATA_EVENT_TYPE = "okr_bot_outbox";

/** Errors after which Slack will never accept this message: recorded, not retried. */
export const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "msg_blocks_too_long",
  "msg_too_long",
  "no_text",
  "invalid_arguments",
  "restricted_action",
  "team_access_not_granted",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "token_revoked",
]);

const defaultPacers = new WeakMap<SlackClient, Pacer>();
/** Conservative defaults for a client with no pacer of its own (Slack allows more in bursts). */
export function pacerOf(deps: OutboxDeps): Pacer {
  if (deps.pacer) return deps.pacer;
  let pacer = defaultPacers.get(deps.slack);
  if (!pacer) {
    pacer = new Pacer({ perSecond: 5, perChannelPerSecond: 1 });
    defaultPacers.set(deps.slack, pacer);
  }
  return pacer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendOnce(
  deps: OutboxDeps,
  intent: Intent,
  content: () => Promise<MessageContent> | MessageContent,
): Promise<SendOutcome> {
  const claimed = await claim(deps, intent);
  if (claimed.status !== "claimed") return claimed.outcome;
  const { message: row, token } = claimed;

  const settle = async (data: Settlement) => {
    // Only the holder of the claim may settle the row; a sender whose claim was taken over may not.
    const settled = await settleMessage(deps.db, row.id, token, data);
    return { message: settled ?? (await messageById(deps.db, row.id)) };
  };
  // Given back at once so the next run retries it (looking for an earlier post first). This
  // process's requests for it are over (answered or timed out), so a taker need not wait for them.
  const giveBack = () => settle({ claimedAt: new Date(0), holderId: null, attemptedAt: null });

  try {
    return await deliver(deps, intent, content, claimed, settle, giveBack);
  } catch (err) {
    await giveBack().catch(() => undefined);
    throw err;
  }
}

type Settle = (data: Omit<Settlement, "holderId" | "attemptedAt">) => Promise<{ message: SlackMessage }>;

async function deliver(
  deps: OutboxDeps,
  intent: Intent,
  content: () => Promise<MessageContent> | MessageContent,
  claimed: Extract<Claim, { status: "claimed" }>,
  settle: Settle,
  giveBack: () => Promise<{ message: SlackMessage }>,
): Promise<SendOutcome> {
  const { message: row, token, mayHaveBeenPosted } = claimed;
  let unknownOutcome = mayHaveBeenPosted;
  let built: MessageContent | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (unknownOutcome) {
      let found = await lookFor(deps, row);
      const inFlightFor = attempt === 1 && mayHaveBeenPosted ? mayStillBeInFlightMs(row) : 0;
      if (found === null && inFlightFor > 0) {
        // The process that died had asked Slack to post it moments ago: that request may still
        // land. Look again once it would have timed out, then send.
        deps.log.info(
          `${row.key}: taken over from a stopped process whose post may still be in flight; looking again in ${Math.ceil(inFlightFor / 1000)} s`,
        );
        await sleep(inFlightFor);
        found = await lookFor(deps, row);
      }
      if (found === undefined) break; // cannot tell: do not risk a duplicate; a later run tries again
      if (found) {
        const { message } = await settle({
          status: "sent",
          ts: found.ts,
          channel: found.channel,
          sentAt: deps.now,
          error: null,
        });
        return { status: "sent", message };
      }
    }
    if (intent.notAfter && deps.now > intent.notAfter) {
      const { message } = await settle({ status: "failed", error: "expired" });
      return { status: "failed", message, error: "expired" };
    }
    built ??= await content();
    await pacerOf(deps).wait(intent.channel);
    // Renew the claim right before posting; if another run took the row over meanwhile, stop.
    if (!(await renewClaim(deps.db, row.id, token, new Date())))
      return { status: "in_flight", message: await messageById(deps.db, row.id) };
    try {
      const res = await deps.slack.chat.postMessage({
        channel: intent.channel,
        thread_ts: intent.threadTs,
        text: built.text,
        blocks: built.blocks,
        unfurl_links: false,
        metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key: intent.key } },
      });
      pacerOf(deps).delivered();
      const { message } = await settle({
        status: "sent",
        ts: res.ts,
        channel: res.channel ?? intent.channel,
        sentAt: deps.now,
        error: null,
      });
      return { status: "sent", message };
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number; message?: string };
      if (e.code === "slack_webapi_rate_limited_error") {
        pacerOf(deps).rateLimited(intent.channel, e.retryAfter ?? 1);
        if (attempt < MAX_ATTEMPTS) deps.metrics?.slackRetries.inc({ reason: "rate_limited" });
        continue; // a 429 means Slack did not post it
      }
      pacerOf(deps).delivered();
      const code = slackErrorCode(err);
      if (code && PERMANENT_ERRORS.has(code)) {
        // Slack says which block it refused (e.g. "[ERROR] must be less than 3001 characters [json-pointer:/blocks/3/text/text]").
        const details =
          (err as { data?: { response_metadata?: { messages?: string[] } } }).data?.response_metadata?.messages ?? [];
        deps.log.error(`send ${intent.key} to ${intent.channel} failed for good: ${code}`, details.join("; "));
        const { message } = await settle({ status: "failed", error: code });
        return { status: "failed", message, error: code };
      }
      // 5xx, a timeout, a dropped connection, or a transient Slack error: it may have been posted.
      unknownOutcome = true;
      await settle({ error: code ?? e.message ?? String(err) });
      deps.log.warn(`send ${intent.key} attempt ${attempt} failed (${code ?? e.message}); will check before retrying`);
      if (attempt < MAX_ATTEMPTS) deps.metrics?.slackRetries.inc({ reason: retryReason(err) });
      await sleep(retryDelayMs(err, attempt, deps.retryBaseMs ?? 250));
    }
  }
  const { message } = await giveBack();
  return { status: "deferred", message, error: message.error ?? "gave up for now" };
}

/**
 * How long a sender waits after an attempt whose outcome is unknown, before looking for the post.
 * Slack answered (a 5xx, a transient error): that request is over, so the first retry comes soon
 * and doubles from there. No answer (a timeout, a dropped connection): the post may still land, so
 * the wait starts longer, for the lookup to see it.
 */
function retryDelayMs(err: unknown, attempt: number, baseMs: number): number {
  const answered = (err as { code?: string }).code === "slack_webapi_http_error" || slackErrorCode(err) !== undefined;
  return Math.min(baseMs * 2 ** (answered ? attempt - 1 : attempt), 4_000);
}

/** Looks for the row's post in Slack: where it is, null when it is not there, undefined when Slack could not tell. */
function lookFor(deps: OutboxDeps, row: SlackMessage): Promise<{ ts: string; channel: string } | null | undefined> {
  return findPosted(deps, row).catch((err) => {
    deps.log.warn(`could not look for ${row.key} in Slack before resending`, err);
    return undefined;
  });
}

/** How much longer a post its previous holder asked Slack for may still be in flight (0: it cannot be). */
function mayStillBeInFlightMs(row: SlackMessage): number {
  return row.attemptedAt ? Math.max(0, row.attemptedAt.getTime() + SLACK_REQUEST_TIMEOUT_MS - Date.now()) : 0;
}

export type Claim =
  | { status: "claimed"; message: SlackMessage; token: number; mayHaveBeenPosted: boolean }
  | { status: "taken"; outcome: SendOutcome };

/**
 * Takes the row for `intent.key`: creates it, or takes over a pending one whose holder is gone or
 * that was given back (see claimTakeable). The attempts counter is the claim token: each takeover
 * increments it.
 */
export async function claim(deps: OutboxDeps, intent: Intent): Promise<Claim> {
  const { db } = deps;
  const created = await createClaimedMessage(
    db,
    {
      workspaceId: intent.workspaceId,
      key: intent.key,
      kind: intent.kind,
      channel: intent.channel,
      threadTs: intent.threadTs,
      recipient: intent.recipient,
      period: intent.period,
      holderId: deps.holder?.id ?? null,
    },
    new Date(),
  );
  if (created) return { status: "claimed", message: created, token: 1, mayHaveBeenPosted: false };
  const existing = await messageByKeyOrThrow(db, intent.key);
  if (existing.status === "sent") return { status: "taken", outcome: { status: "already_sent", message: existing } };
  if (existing.status === "failed")
    return { status: "taken", outcome: { status: "failed", message: existing, error: existing.error ?? undefined } };
  const holder = existing.holderId ? await holderById(db, existing.holderId) : null;
  if (!claimTakeable(existing, holder ?? undefined, observerFor(deps.holder)))
    return { status: "taken", outcome: { status: "in_flight", message: existing } };
  // The token (attempts) as read: of two takers, one wins.
  if (!(await takeOverClaim(db, existing, deps.holder?.id ?? null, new Date())))
    return { status: "taken", outcome: { status: "in_flight", message: existing } };
  const message = await messageById(db, existing.id);
  // Whoever held it before may have posted it before dying: look before sending.
  return { status: "claimed", message, token: message.attempts, mayHaveBeenPosted: true };
}

/**
 * Looks for a message this outbox row already posted (by its metadata key), in the channel or,
 * for replies, the thread. Returns null when it is not there.
 */
async function findPosted(deps: OutboxDeps, row: SlackMessage): Promise<{ ts: string; channel: string } | null> {
  const channel = /^[UW]/.test(row.channel)
    ? (await deps.slack.conversations.open({ users: row.channel })).channel?.id
    : row.channel;
  if (!channel) return null;
  // History is newest first, so the first pages suffice; a thread is oldest first, so read it all.
  let cursor: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const found = row.threadTs
      ? await deps.slack.conversations.replies({
          channel,
          ts: row.threadTs,
          include_all_metadata: true,
          limit: 200,
          cursor,
        })
      : await deps.slack.conversations.history({ channel, include_all_metadata: true, limit: 200, cursor });
    const hit = (found.messages ?? []).find(
      (m) =>
        m.metadata?.event_type === METADATA_EVENT_TYPE &&
        (m.metadata.event_payload as { key?: unknown } | undefined)?.key === row.key,
    );
    if (hit?.ts) return { ts: hit.ts, channel };
    cursor = found.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

/** Pages of 200 messages read when looking for a post whose outcome was lost. */
const LOOKUP_PAGES = 10;

/** Replaces the content of a message the outbox sent earlier. */
export async function updateSent(
  deps: Pick<ServiceDeps, "db" | "slack">,
  key: string,
  content: MessageContent,
): Promise<boolean> {
  const message = await messageByKey(deps.db, key);
  return message ? updateSentMessage(deps, message, content) : false;
}

/** The same, for a row already read. */
export async function updateSentMessage(
  deps: Pick<ServiceDeps, "slack">,
  message: Pick<SlackMessage, "status" | "ts" | "channel">,
  content: MessageContent,
): Promise<boolean> {
  if (message.status !== "sent" || !message.ts) return false;
  await deps.slack.chat.update({
    channel: message.channel,
    ts: message.ts,
    text: content.text,
    blocks: content.blocks,
  });
  return true;
}
