import { blocksTextLength, LIMITS, validateBlocks, validateView } from "../blockKitLimits";
import { normalizeBlocks } from "../normalize";
import type { SandboxState } from "../state";
import type { Block, Json, SandboxMessage } from "../types";

/** Identity of the sandbox workspace and bot. */
export interface SandboxIdentity {
  teamId: string;
  teamDomain: string;
  teamName: string;
  botUserId: string;
  botUserName: string;
  botId: string;
  appId: string;
  /** Enterprise Grid: the organisation this workspace belongs to. */
  enterpriseId?: string;
}

export interface ApiContext {
  state: SandboxState;
  identity: SandboxIdentity;
  /** Base URL of the sandbox server, e.g. http://127.0.0.1:1234 */
  baseUrl: string;
  triggerTtlMs: number;
}

export type ApiHandler = (args: Json, ctx: ApiContext) => Json;

/** Thrown by handlers to answer `{ok:false, error, ...extra}`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Json = {},
  ) {
    super(error);
  }
}

export function fail(error: string, messages?: string[]): never {
  throw new SlackApiError(error, messages ? { response_metadata: { messages } } : {});
}

export function str(args: Json, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export function requireStr(args: Json, key: string, error = "invalid_arguments"): string {
  const v = str(args, key);
  if (v === undefined) {
    fail(error, [`[ERROR] missing required field: ${key}`]);
  }
  return v;
}

/** Validate message blocks like chat.postMessage does; returns them typed. */
export function checkMessageBlocks(blocks: unknown): Block[] | undefined {
  if (blocks === undefined || blocks === null || blocks === "") return undefined;
  const errors = validateBlocks(blocks, "message");
  if (errors.length > 0) fail("invalid_blocks", errors);
  if (blocksTextLength(blocks) > LIMITS.messageBlocksTotalText) fail("msg_blocks_too_long");
  return normalizeBlocks(blocks as Block[]);
}

export function checkView(view: unknown, expected?: "modal" | "home"): Json {
  const errors = validateView(view, expected);
  if (errors.length > 0) fail("invalid_arguments", errors);
  return view as Json;
}

/** Message `text` as Slack stores it: truncated past 40,000 characters. */
export function messageText(args: Json): string | undefined {
  const t = str(args, "text");
  return t === undefined ? undefined : t.slice(0, LIMITS.messageText);
}

/** A stored message in Web API shape. */
/** A stored message as Slack's API returns it; `metadata` only when asked (include_all_metadata). */
export function apiMessage(m: SandboxMessage, ctx: ApiContext, opts: { metadata?: boolean } = {}): Json {
  const { state, identity } = ctx;
  const isBot = m.user === identity.botUserId;
  const out: Json = {
    type: "message",
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: identity.teamId,
  };
  if (isBot) {
    out.bot_id = identity.botId;
    out.app_id = identity.appId;
  }
  if (m.blocks) out.blocks = m.blocks;
  if (opts.metadata && m.args?.metadata) out.metadata = m.args.metadata;
  if (m.files) out.files = m.files.map((f) => ({ id: f.id, name: f.name, title: f.title }));
  if (m.threadTs) {
    out.thread_ts = m.threadTs;
    if (m.threadTs !== m.ts) out.parent_user_id = state.findMessage(m.channel, m.threadTs)?.user;
  } else {
    const replies = state.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts && r.ts !== m.ts);
    if (replies.length > 0) {
      out.thread_ts = m.ts;
      out.reply_count = replies.length;
      out.reply_users = [...new Set(replies.map((r) => r.user))];
      out.latest_reply = replies[replies.length - 1]?.ts;
    }
  }
  return out;
}

/** Resolve `thread_ts` to the thread parent's ts (replies to a reply join the parent's thread). */
export function resolveThreadTs(ctx: ApiContext, channel: string, threadTs: string | undefined): string | undefined {
  if (threadTs === undefined) return undefined;
  const parent = ctx.state.findMessage(channel, threadTs);
  if (!parent) fail("thread_not_found");
  return parent.threadTs ?? parent.ts;
}

/** Paginate with an opaque offset cursor. */
export function paginate<T>(
  items: T[],
  args: Json,
  defaultLimit: number,
  maxLimit: number,
): { page: T[]; nextCursor: string } {
  const limitRaw = Number(str(args, "limit") ?? defaultLimit);
  const limit = Math.min(Math.max(1, Number.isFinite(limitRaw) && limitRaw > 0 ? limitRaw : defaultLimit), maxLimit);
  const cursor = str(args, "cursor");
  let offset = 0;
  if (cursor !== undefined) {
    const decoded = Number(
      Buffer.from(cursor, "base64")
        .toString("utf8")
        .replace(/^offset:/, ""),
    );
    if (!Number.isInteger(decoded) || decoded < 0) fail("invalid_cursor");
    offset = decoded;
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString("base64") : "";
  return { page, nextCursor: next };
}
