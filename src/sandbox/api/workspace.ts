import { createHash } from "node:crypto";
import type { Json, SandboxUser } from "../types";
import { type ApiContext, type ApiHandler, apiMessage, fail, paginate, requireStr, str } from "./common";
import { resolveConversation } from "./chat";

/** Current UTC offset (seconds) of an IANA zone, honouring DST. */
export function tzOffsetSeconds(tz: string, at = new Date()): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

export function tzLabel(tz: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "long" }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? tz;
}

export function apiUser(u: SandboxUser, ctx: ApiContext): Json {
  return {
    id: u.id,
    team_id: ctx.identity.teamId,
    name: u.name,
    deleted: u.deleted,
    real_name: u.realName,
    tz: u.tz,
    tz_label: u.tz ? tzLabel(u.tz) : "",
    tz_offset: u.tz ? tzOffsetSeconds(u.tz) : 0,
    is_admin: u.isAdmin,
    is_owner: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: 1700000000,
    profile: {
      status_text: u.statusText,
      status_emoji: u.statusEmoji,
      status_expiration: u.statusExpiration,
      display_name: u.displayName,
      real_name: u.realName,
      team: ctx.identity.teamId,
    },
  };
}

const authTest: ApiHandler = (_args, ctx) => ({
  ok: true,
  url: `https://${ctx.identity.teamDomain}.slack.com/`,
  team: ctx.identity.teamName,
  user: ctx.identity.botUserName,
  team_id: ctx.identity.teamId,
  user_id: ctx.identity.botUserId,
  bot_id: ctx.identity.botId,
  ...(ctx.identity.enterpriseId !== undefined ? { enterprise_id: ctx.identity.enterpriseId } : {}),
  is_enterprise_install: false,
});

const usersInfo: ApiHandler = (args, ctx) => {
  const id = requireStr(args, "user", "user_not_found");
  const { identity } = ctx;
  const bot: SandboxUser | undefined =
    id === identity.botUserId
      ? {
          id,
          name: identity.botUserName,
          realName: identity.botUserName,
          displayName: identity.botUserName,
          tz: "America/Los_Angeles",
          isAdmin: false,
          isBot: true,
          deleted: false,
          statusEmoji: "",
          statusText: "",
          statusExpiration: 0,
        }
      : undefined;
  const u = ctx.state.users.get(id) ?? bot;
  if (!u) fail("user_not_found");
  return { ok: true, user: apiUser(u, ctx) };
};

const usersList: ApiHandler = (args, ctx) => {
  const all = [...ctx.state.users.values()].map((u) => apiUser(u, ctx));
  const { page, nextCursor } = paginate(all, args, 200, 1000);
  return { ok: true, members: page, response_metadata: { next_cursor: nextCursor } };
};

const conversationsOpen: ApiHandler = (args, ctx) => {
  const channel = str(args, "channel");
  if (channel !== undefined) {
    const r = resolveConversation(ctx, channel);
    return { ok: true, channel: { id: r.conversationId } };
  }
  const users = (str(args, "users") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (users.length === 0) fail("users_list_not_supplied");
  for (const id of users) {
    const u = ctx.state.users.get(id);
    if (!u) fail("user_not_found");
    if (u.deleted) fail("user_disabled");
  }
  const [first] = users;
  if (users.length === 1 && first !== undefined) {
    const id = ctx.state.dmId(first);
    return { ok: true, channel: { id, ...(args.return_im ? { is_im: true, user: first } : {}) } };
  }
  const hash = createHash("sha1")
    .update([...users].sort().join(","))
    .digest("hex")
    .slice(0, 8)
    .toUpperCase();
  return { ok: true, channel: { id: `G${hash}` } };
};

function tsNum(ts: string | undefined): number | undefined {
  return ts === undefined ? undefined : Number(ts);
}

const conversationsHistory: ApiHandler = (args, ctx) => {
  const r = resolveConversation(ctx, args.channel);
  const oldest = tsNum(str(args, "oldest"));
  const latest = tsNum(str(args, "latest"));
  const inclusive = str(args, "inclusive") === "true" || args.inclusive === true;
  const top = ctx.state.messages
    .filter((m) => m.channel === r.channel && (m.threadTs === undefined || m.threadTs === m.ts))
    .filter((m) => {
      const t = Number(m.ts);
      if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
      if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
      return true;
    })
    .reverse();
  const { page, nextCursor } = paginate(top, args, 100, 999);
  return {
    ok: true,
    messages: page.map((m) => apiMessage(m, ctx, { metadata: wantsMetadata(args) })),
    has_more: nextCursor !== "",
    response_metadata: { next_cursor: nextCursor },
  };
};

function wantsMetadata(args: Record<string, unknown>): boolean {
  return args.include_all_metadata === true || args.include_all_metadata === "true";
}

const conversationsReplies: ApiHandler = (args, ctx) => {
  const r = resolveConversation(ctx, args.channel);
  const ts = requireStr(args, "ts", "thread_not_found");
  const parent = ctx.state.findMessage(r.channel, ts);
  if (!parent) fail("thread_not_found");
  const rootTs = parent.threadTs ?? parent.ts;
  const thread = ctx.state.messages.filter(
    (m) => m.channel === r.channel && (m.ts === rootTs || m.threadTs === rootTs),
  );
  const { page, nextCursor } = paginate(thread, args, 1000, 1000);
  return {
    ok: true,
    messages: page.map((m) => apiMessage(m, ctx, { metadata: wantsMetadata(args) })),
    has_more: nextCursor !== "",
    response_metadata: { next_cursor: nextCursor },
  };
};

export const workspaceMethods: Record<string, ApiHandler> = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "users.list": usersList,
  "conversations.open": conversationsOpen,
  "conversations.history": conversationsHistory,
  "conversations.replies": conversationsReplies,
};
