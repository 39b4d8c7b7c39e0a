import type { SandboxFile, SandboxFileRef, SandboxMessage } from "../types";
import { type ApiHandler, checkMessageBlocks, fail, messageText, requireStr, resolveThreadTs, str } from "./common";

const getUploadURLExternal: ApiHandler = (args, ctx) => {
  const filename = requireStr(args, "filename");
  const length = Number(requireStr(args, "length"));
  if (!Number.isInteger(length) || length < 1) {
    fail("invalid_arguments", ["[ERROR] length must be a positive integer [json-pointer:/length]"]);
  }
  const id = ctx.state.nextId("F");
  const file: SandboxFile = { id, filename, length, uploaded: false, completed: false };
  ctx.state.files.set(id, file);
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/v1/${id}`, file_id: id };
};

const completeUploadExternal: ApiHandler = (args, ctx) => {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) {
    fail("invalid_arguments", ["[ERROR] files must be a non-empty array [json-pointer:/files]"]);
  }
  const targets: Array<{ file: SandboxFile; title: string }> = [];
  for (const f of files) {
    const id = typeof f === "object" && f !== null ? (f as Record<string, unknown>).id : undefined;
    const file = typeof id === "string" ? ctx.state.files.get(id) : undefined;
    if (!file?.uploaded || file.completed) fail("file_not_found");
    const title = (f as Record<string, unknown>).title;
    targets.push({ file, title: typeof title === "string" && title !== "" ? title : file.filename });
  }
  const channelArg = args.channel_id ?? args.channels;
  let share: SandboxMessage | undefined;
  if (channelArg !== undefined && channelArg !== "") {
    const r = ctx.state.resolveChannel(channelArg);
    if (!r.ok) fail(r.error);
    const blocks = checkMessageBlocks(args.blocks);
    const threadTs = resolveThreadTs(ctx, r.channel, str(args, "thread_ts"));
    const refs: SandboxFileRef[] = targets.map(({ file, title }) => ({ id: file.id, name: file.filename, title }));
    const { token: _t, ...rest } = args;
    share = {
      channel: r.channel,
      conversationId: r.conversationId,
      ts: ctx.state.nextTs(),
      text: messageText({ text: args.initial_comment }) ?? "",
      user: ctx.identity.botUserId,
      updates: 0,
      files: refs,
      args: rest,
      ...(threadTs !== undefined ? { threadTs } : {}),
      ...(blocks !== undefined ? { blocks } : {}),
    };
    ctx.state.messages.push(share);
  }
  for (const { file, title } of targets) {
    file.completed = true;
    file.title = title;
    if (share) {
      file.channel = share.channel;
      file.messageTs = share.ts;
      if (share.threadTs !== undefined) file.threadTs = share.threadTs;
      if (share.text !== "") file.initialComment = share.text;
    }
  }
  return {
    ok: true,
    files: targets.map(({ file, title }) => ({
      id: file.id,
      name: file.filename,
      title,
      size: file.bytes?.length ?? file.length,
      permalink: `https://${ctx.identity.teamDomain}.slack.com/files/${ctx.identity.botUserId}/${file.id}/${encodeURIComponent(file.filename)}`,
    })),
  };
};

export const fileMethods: Record<string, ApiHandler> = {
  "files.getUploadURLExternal": getUploadURLExternal,
  "files.completeUploadExternal": completeUploadExternal,
};
