// Slack mrkdwn → HTML. Everything is escaped first; only the markup Slack understands becomes tags.
import { emojiFor } from "./emoji";

export type NameLookup = {
  /** A person's display name for `<@U…>` (without the @). */
  user(id: string): string;
  /** A channel's name for `<#C…>` (without the #). */
  channel(id: string): string;
};

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Slack's own escaping in message text (`&amp;`, `&lt;`, `&gt;`) undone, for text that is then HTML-escaped. */
function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** `<…>` tokens: mentions, channels, special mentions, links. Returns HTML. */
function token(inner: string, names: NameLookup): string {
  const [target = "", label] = splitLabel(inner);
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? names.user(id))}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(label ?? names.channel(id))}</span>`;
  }
  if (target.startsWith("!")) {
    const special = target.slice(1).split("^")[0] ?? "";
    return `<span class="mention">@${escapeHtml(label ?? special)}</span>`;
  }
  const url = unescapeSlack(target);
  if (!SAFE_URL.test(url)) return escapeHtml(`<${unescapeSlack(inner)}>`);
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${escapeHtml(unescapeSlack(label ?? target))}</a>`;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

// Placeholders keep already-made HTML (code, tokens) out of the later inline passes.
const HOLE = "\u0000";

/** Inline formatting of one line: code, <tokens>, bold, italic, strike, emoji. */
function inline(line: string, names: NameLookup): string {
  const held: string[] = [];
  const hold = (html: string): string => `${HOLE}${held.push(html) - 1}${HOLE}`;
  let s = line.replace(/`([^`]+)`/g, (_m, code: string) => hold(`<code>${escapeHtml(unescapeSlack(code))}</code>`));
  s = s.replace(/<([^<>\s][^<>]*)>/g, (_m, inner: string) => hold(token(inner, names)));
  s = escapeHtml(unescapeSlack(s));
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1<strong>$2</strong>");
  s = s.replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1<em>$2</em>");
  s = s.replace(/(^|[^\w~])~(?=\S)([^~]*?\S)~(?!\w)/g, "$1<del>$2</del>");
  s = s.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => {
    const e = emojiFor(name);
    return e === undefined ? m : `<span class="emoji" title=":${name}:">${e}</span>`;
  });
  return s.replace(new RegExp(`${HOLE}(\\d+)${HOLE}`, "g"), (_m, i: string) => held[Number(i)] ?? "");
}

/**
 * mrkdwn as HTML: ```code blocks```, `> quotes`, `•`/`-` lists, and the inline markup of each
 * line. Line breaks are kept.
 */
export function mrkdwnToHtml(text: string, names: NameLookup): string {
  const out: string[] = [];
  const fences = text.split("```");
  fences.forEach((chunk, i) => {
    if (i % 2 === 1) {
      out.push(`<pre>${escapeHtml(unescapeSlack(chunk.replace(/^\n/, "")))}</pre>`);
      return;
    }
    if (chunk === "") return;
    out.push(linesToHtml(chunk.split("\n"), names));
  });
  return out.join("");
}

function linesToHtml(lines: string[], names: NameLookup): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const quote = /^(&gt;|>) ?/.exec(line);
    if (quote) {
      const body: string[] = [];
      while (i < lines.length && /^(&gt;|>) ?/.test(lines[i] ?? ""))
        body.push(inline((lines[i++] ?? "").replace(/^(&gt;|>) ?/, ""), names));
      out.push(`<blockquote>${body.join("<br>")}</blockquote>`);
      continue;
    }
    if (/^\s*[•◦▪-] /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^\s*[•◦▪-] /.test(lines[i] ?? ""))
        items.push(`<li>${inline((lines[i++] ?? "").replace(/^\s*[•◦▪-] /, ""), names)}</li>`);
      out.push(`<ul>${items.join("")}</ul>`);
      continue;
    }
    const numbered = /^\s*\d+\. /.test(line);
    if (numbered) {
      const items: string[] = [];
      while (i < lines.length && /^\s*\d+\. /.test(lines[i] ?? ""))
        items.push(`<li>${inline((lines[i++] ?? "").replace(/^\s*\d+\. /, ""), names)}</li>`);
      out.push(`<ol>${items.join("")}</ol>`);
      continue;
    }
    out.push(`${inline(line, names)}${i < lines.length - 1 ? "<br>" : ""}`);
    i++;
  }
  return out.join("");
}
