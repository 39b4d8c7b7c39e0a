import { type ApiContext, SlackApiError, checkMessageBlocks, messageText } from "./api/common";
import type { Json, ResponseUrlRecord } from "./types";

export const RESPONSE_URL_MAX_USES = 5;

/**
 * Handle a POST to a response_url the way Slack does: up to 5 uses within the TTL (30 min);
 * `delete_original` / `replace_original` act on the message the URL belongs to, `response_type:
 * "in_channel"` posts to the channel, anything else is an ephemeral message to the user.
 */
export function handleResponseUrl(
  ctx: ApiContext,
  id: string,
  url: string,
  body: Json,
  ttlMs: number,
): { status: number; json: Json; record: ResponseUrlRecord } {
  const { state } = ctx;
  const entry = state.responseUrls.get(id);
  const base = { id, url, body, at: Date.now() };
  const reject = (status: number, error: string, extra: Json = {}) => {
    const record: ResponseUrlRecord = {
      ...base,
      status,
      effect: "rejected",
      error,
      ...(entry?.ctx.user !== undefined ? { user: entry.ctx.user } : {}),
      ...(entry?.ctx.channel !== undefined ? { channel: entry.ctx.channel } : {}),
    };
    return { status, json: { ok: false, error, ...extra }, record };
  };
  if (!entry || Date.now() - entry.createdAt > ttlMs) return reject(404, "expired_url");
  if (entry.uses >= RESPONSE_URL_MAX_USES) return reject(404, "used_url");
  const { user, channel, messageTs } = entry.ctx;

  const original = (() => {
    if (messageTs === undefined) return undefined;
    const eph = state.ephemerals.find((e) => e.ts === messageTs && !e.deleted);
    if (eph) return { kind: "ephemeral" as const, eph };
    const msg = state.messages.find(
      (m) => m.ts === messageTs && (channel === undefined || m.channel === channel || m.conversationId === channel),
    );
    if (msg) return { kind: "message" as const, msg };
    return undefined;
  })();

  let effect: ResponseUrlRecord["effect"];
  try {
    if (body.delete_original === true || body.delete_original === "true") {
      effect = "delete_original";
      if (original?.kind === "ephemeral") original.eph.deleted = true;
      else if (original?.kind === "message") state.messages = state.messages.filter((m) => m !== original.msg);
    } else {
      if (messageText(body) === undefined && !(Array.isArray(body.blocks) && body.blocks.length > 0)) {
        throw new SlackApiError("no_text");
      }
      const blocks = checkMessageBlocks(body.blocks);
      const text = messageText(body) ?? "";
      const replace = body.replace_original === true || body.replace_original === "true";
      if (replace && original) {
        effect = "replace_original";
        const target = original.kind === "ephemeral" ? original.eph : original.msg;
        target.text = text;
        if (blocks) target.blocks = blocks;
        else delete target.blocks;
        target.updates += 1;
      } else if (body.response_type === "in_channel") {
        effect = "in_channel";
        const r = state.resolveChannel(channel);
        if (!r.ok) throw new SlackApiError(r.error);
        const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : entry.ctx.threadTs;
        state.messages.push({
          channel: r.channel,
          conversationId: r.conversationId,
          ts: state.nextTs(),
          text,
          user: ctx.identity.botUserId,
          updates: 0,
          args: body,
          ...(threadTs !== undefined ? { threadTs } : {}),
          ...(blocks ? { blocks } : {}),
        });
      } else {
        effect = "ephemeral";
        const r = state.resolveChannel(channel);
        state.ephemerals.push({
          channel: r.ok ? r.channel : (channel ?? ""),
          user: user ?? "",
          ts: state.nextTs(),
          text,
          via: "response_url",
          updates: 0,
          deleted: false,
          ...(entry.ctx.threadTs !== undefined ? { threadTs: entry.ctx.threadTs } : {}),
          ...(blocks ? { blocks } : {}),
        });
      }
    }
  } catch (e) {
    if (e instanceof SlackApiError) return reject(e.error === "channel_not_found" ? 404 : 400, e.error, e.extra);
    throw e;
  }
  entry.uses += 1;
  const record: ResponseUrlRecord = {
    ...base,
    status: 200,
    effect,
    ...(user !== undefined ? { user } : {}),
    ...(channel !== undefined ? { channel } : {}),
  };
  return { status: 200, json: { ok: true }, record };
}
