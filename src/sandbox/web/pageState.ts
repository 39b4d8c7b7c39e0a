// What one person sees at one place in the sandbox workspace, as HTML fragments for the page.
import type { SlackSandbox } from "../server";
import type { SandboxEphemeral, SandboxMessage } from "../types";
import { escapeHtml, mrkdwnToHtml } from "./mrkdwn";
import { renderBlocks, renderModal, type RenderContext } from "./render";
import { blocksWithState } from "./viewValues";

export type PageState = {
  people: Array<{ id: string; name: string }>;
  channels: Array<{ id: string; name: string }>;
  /** Where the person is: "home", "dm" (their DM with the bot) or a channel id. */
  at: string;
  title: string;
  main: string;
  /** The person's top open modal, or null. */
  modal: { id: string; key: string; html: string } | null;
};

function when(ts: string): string {
  const d = new Date(Number(ts) * 1000);
  if (!Number.isFinite(d.getTime())) return ts;
  return `${d.toUTCString().slice(0, 11)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function conversationState(
  sandbox: SlackSandbox,
  opts: { as: string; at: string; channelName: (id: string) => string },
): PageState {
  const people = [...sandbox.users.values()]
    .filter((u) => !u.isBot && !u.deleted)
    .map((u) => ({ id: u.id, name: u.realName || u.name }));
  const all = sandbox.messages();
  const channelIds = [...new Set(all.map((m) => m.channel).filter((c) => /^[CG]/.test(c)))].sort();
  const channels = channelIds.map((id) => ({ id, name: opts.channelName(id) }));
  const userName = (id: string): string => (id === sandbox.botUserId ? "okr-bot" : (sandbox.users.get(id)?.name ?? id));
  const ctx: RenderContext = {
    user: userName,
    channel: (id) => channels.find((c) => c.id === id)?.name ?? opts.channelName(id),
    people: people.map((p) => ({ id: p.id, name: sandbox.users.get(p.id)?.name ?? p.id })),
    channels,
  };
  const as = opts.as;
  const at = opts.at === "home" || opts.at === "dm" || channelIds.includes(opts.at) ? opts.at : "dm";

  const message = (m: SandboxMessage | SandboxEphemeral, ephemeral: boolean): string => {
    const body =
      Array.isArray(m.blocks) && m.blocks.length > 0
        ? renderBlocks(m.blocks, ctx)
        : `<div class="text">${mrkdwnToHtml(m.text, ctx)}</div>`;
    const files =
      "files" in m && m.files
        ? m.files
            .map((f) =>
              /\.png$/i.test(f.name)
                ? `<figure class="file"><img class="file-image" src="/files/${escapeHtml(f.id)}" alt="${escapeHtml(f.title)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`
                : `<div class="file">📎 ${escapeHtml(f.title)}</div>`,
            )
            .join("")
        : "";
    const edited = m.updates > 0 ? ' <span class="edited">(edited)</span>' : "";
    const poster = "user" in m && !ephemeral ? userName((m as SandboxMessage).user) : "okr-bot";
    const container = ephemeral ? ` data-ephemeral` : "";
    const conv = "conversationId" in m ? m.conversationId : m.channel;
    return `<article class="message${ephemeral ? " ephemeral" : ""}" data-channel="${escapeHtml(conv)}" data-ts="${escapeHtml(m.ts)}"${container}><div class="avatar" aria-hidden="true">${escapeHtml(poster.slice(0, 1).toUpperCase())}</div><div class="content"><div class="meta"><span class="poster">${escapeHtml(poster)}</span> <time>${escapeHtml(when(m.ts))}</time>${edited}${ephemeral ? ' <span class="only-you">Only visible to you</span>' : ""}</div>${body}${files}</div></article>`;
  };

  let title: string;
  let main: string;
  if (at === "home") {
    title = "okr-bot · Home";
    const home = sandbox.home(as);
    main = home
      ? `<section class="home" data-view-id="${escapeHtml(home.id)}">${renderBlocks(home.view.blocks, ctx)}</section>`
      : '<p class="empty">The Home tab is loading…</p>';
  } else {
    const key = at === "dm" ? as : at;
    title = at === "dm" ? "okr-bot" : `#${opts.channelName(at)}`;
    const msgs = at === "dm" ? sandbox.dmsTo(as) : sandbox.messages(at);
    const tops = msgs.filter((m) => m.threadTs === undefined || m.threadTs === m.ts);
    const parts: Array<{ ts: string; html: string }> = tops.map((m) => {
      const replies = msgs.filter((r) => r.threadTs === m.ts && r.ts !== m.ts);
      const thread =
        replies.length > 0
          ? `<section class="thread" aria-label="Thread: ${replies.length} ${replies.length === 1 ? "reply" : "replies"}"><div class="thread-count">${replies.length} ${replies.length === 1 ? "reply" : "replies"}</div>${replies.map((r) => message(r, false)).join("")}</section>`
          : "";
      return { ts: m.ts, html: `<div class="post">${message(m, false)}${thread}</div>` };
    });
    const dmId = sandbox.dmChannelId(as);
    for (const e of sandbox.ephemerals(as)) {
      if (e.deleted) continue;
      const here = at === "dm" ? e.channel === as || e.channel === dmId : e.channel === key;
      if (here) parts.push({ ts: e.ts, html: `<div class="post">${message(e, true)}</div>` });
    }
    parts.sort((a, b) => Number(a.ts) - Number(b.ts));
    main = parts.length > 0 ? parts.map((p) => p.html).join("") : '<p class="empty">No messages yet.</p>';
  }

  const stack = sandbox.openViews(as);
  const top = stack[stack.length - 1];
  const modal = top
    ? {
        id: top.id,
        key: `${top.id}:${top.hash}:${top.updates}:${JSON.stringify(top.errors ?? {})}`,
        html: renderModal(
          {
            id: top.id,
            view: { ...top.view, blocks: blocksWithState(top.view) },
            ...(top.errors ? { errors: top.errors } : {}),
          },
          ctx,
        ),
      }
    : null;
  return { people, channels, at, title, main, modal };
}
