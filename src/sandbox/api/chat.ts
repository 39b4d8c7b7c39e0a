import type { Json, SandboxMessage } from "../types";
import {
  type ApiContext,
  type ApiHandler,
  apiMessage,
  checkMessageBlocks,
  fail,
  messageText,
  requireStr,
  resolveThreadTs,
  str,
} from "./common";

function hasContent(args: Json): boolean {
  const blocks = args.blocks;
  const attachments = args.attachments;
  return (
    str(args, "text") !== undefined ||
    (Array.isArray(blocks) && blocks.length > 0) ||
    (Array.isArray(attachments) && attachments.length > 0)
  );
}

function withoutToken(args: Json): Json {
  const { token: _token, ...rest } = args;
  return rest;
}

/** Resolve a channel for methods that take an existing conversation (`C…`, `G…`, `D…`, not a user id). */
export function resolveConversation(ctx: ApiContext, channel: unknown) {
  if (typeof channel === "string" && /^[UW]/.test(channel)) fail("channel_not_found");
  const r = ctx.state.resolveChannel(channel);
  if (!r.ok) fail(r.error);
  return r;
}

const postMessage: ApiHandler = (args, ctx) => {
  const r = ctx.state.resolveChannel(args.channel);
  if (!r.ok) fail(r.error);
  if (!hasContent(args)) fail("no_text");
  const blocks = checkMessageBlocks(args.blocks);
  const threadTs = resolveThreadTs(ctx, r.channel, str(args, "thread_ts"));
  const msg: SandboxMessage = {
    channel: r.channel,
    conversationId: r.conversationId,
    ts: ctx.state.nextTs(),
    text: messageText(args) ?? "",
    user: ctx.identity.botUserId,
    updates: 0,
    args: withoutToken(args),
    ...(threadTs !== undefined ? { threadTs } : {}),
    ...(blocks !== undefined ? { blocks } : {}),
  };
  ctx.state.messages.push(msg);
  return { ok: true, channel: r.conversationId, ts: msg.ts, message: apiMessage(msg, ctx) };
};

const update: ApiHandler = (args, ctx) => {
  const r = resolveConversation(ctx, args.channel);
  const ts = requireStr(args, "ts", "message_not_found");
  const msg = ctx.state.findMessage(r.channel, ts);
  if (!msg) fail("message_not_found");
  if (msg.user !== ctx.identity.botUserId) fail("cant_update_message");
  if (!hasContent(args) && !Array.isArray(args.blocks)) fail("no_text");
  const blocks = checkMessageBlocks(args.blocks);
  const text = messageText(args);
  if (text !== undefined) msg.text = text;
  if (Array.isArray(args.blocks)) {
    if (args.blocks.length === 0) delete msg.blocks;
    else if (blocks) msg.blocks = blocks;
  }
  msg.updates += 1;
  msg.args = withoutToken(args);
  return { ok: true, channel: r.conversationId, ts: msg.ts, text: msg.text, message: apiMessage(msg, ctx) };
};

const del: ApiHandler = (args, ctx) => {
  const r = resolveConversation(ctx, args.channel);
  const ts = requireStr(args, "ts", "message_not_found");
  const msg = ctx.state.findMessage(r.channel, ts);
  if (!msg) fail("message_not_found");
  if (msg.user !== ctx.identity.botUserId) fail("cant_delete_message");
  ctx.state.messages = ctx.state.messages.filter((m) => m !== msg);
  return { ok: true, channel: r.conversationId, ts };
};

const postEphemeral: ApiHandler = (args, ctx) => {
  const r = ctx.state.resolveChannel(args.channel);
  if (!r.ok) fail(r.error);
  const userId = requireStr(args, "user", "user_not_in_channel");
  const user = ctx.state.users.get(userId);
  if (!user || user.deleted) fail("user_not_in_channel");
  if (r.dmUser !== undefined && r.dmUser !== userId) fail("user_not_in_channel");
  if (!hasContent(args)) fail("no_text");
  const blocks = checkMessageBlocks(args.blocks);
  const threadTs = str(args, "thread_ts");
  const ts = ctx.state.nextTs();
  ctx.state.ephemerals.push({
    channel: r.channel,
    user: userId,
    ts,
    text: messageText(args) ?? "",
    via: "api",
    updates: 0,
    deleted: false,
    ...(threadTs !== undefined ? { threadTs } : {}),
    ...(blocks !== undefined ? { blocks } : {}),
  });
  return { ok: true, message_ts: ts };
};

export const chatMethods: Record<string, ApiHandler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.delete": del,
  "chat.postEphemeral": postEphemeral,
};
