import { findPings } from "./pings";
import type { SlackSandbox } from "./server";
import type { SandboxMessage, SandboxView } from "./types";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const DIVIDER = "────────────────────────────────";
const COLUMN = 38;

function textOf(t: unknown): string {
  if (typeof t === "string") return t;
  if (isObj(t) && typeof t.text === "string") return t.text;
  return "";
}

function optionText(o: unknown): string {
  return isObj(o) ? textOf(o.text) : "";
}

/** One interactive element as a short inline widget. */
function renderElement(el: unknown): string {
  if (!isObj(el)) return "";
  const placeholder = textOf(el.placeholder);
  switch (el.type) {
    case "button":
      return `[ ${textOf(el.text)} ]`;
    case "static_select":
    case "external_select":
    case "users_select":
    case "conversations_select":
    case "channels_select": {
      const chosen =
        optionText(el.initial_option) || String(el.initial_user ?? el.initial_conversation ?? el.initial_channel ?? "");
      return `[ ${chosen || placeholder || "Select"} ▾ ]`;
    }
    case "multi_static_select":
    case "multi_external_select":
    case "multi_users_select":
    case "multi_conversations_select":
    case "multi_channels_select": {
      const chosen = Array.isArray(el.initial_options) ? el.initial_options.map(optionText).join(", ") : "";
      return `[ ${chosen || placeholder || "Select"} ▾▾ ]`;
    }
    case "overflow":
      return "[ ⋯ ]";
    case "datepicker":
      return `[ ${String(el.initial_date ?? (placeholder || "date"))} 📅 ]`;
    case "timepicker":
      return `[ ${String(el.initial_time ?? (placeholder || "time"))} 🕒 ]`;
    case "datetimepicker":
      return `[ ${el.initial_date_time !== undefined ? new Date(Number(el.initial_date_time) * 1000).toISOString() : "date & time"} ]`;
    case "image":
      return `[image: ${String(el.alt_text ?? "")}]`;
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return typeof el.initial_value === "string" && el.initial_value !== "" ? el.initial_value : "______";
    case "workflow_button":
      return `[ ${textOf(el.text)} ]`;
    default:
      return `[${String(el.type)}]`;
  }
}

/** Checkboxes / radio buttons as one line per option. */
function renderChoices(el: Obj, indent: string): string[] {
  const selected = new Set<string>();
  if (isObj(el.initial_option) && typeof el.initial_option.value === "string") selected.add(el.initial_option.value);
  if (Array.isArray(el.initial_options)) {
    for (const o of el.initial_options) if (isObj(o) && typeof o.value === "string") selected.add(o.value);
  }
  const radio = el.type === "radio_buttons";
  const opts = Array.isArray(el.options) ? el.options : [];
  return opts.map((o) => {
    const on = isObj(o) && typeof o.value === "string" && selected.has(o.value);
    const box = radio ? (on ? "(•)" : "( )") : on ? "[x]" : "[ ]";
    return `${indent}${box} ${optionText(o)}`;
  });
}

function isChoices(el: unknown): el is Obj {
  return isObj(el) && (el.type === "checkboxes" || el.type === "radio_buttons");
}

function richText(v: unknown): string {
  if (Array.isArray(v)) return v.map(richText).join("");
  if (!isObj(v)) return "";
  switch (v.type) {
    case "text":
      return String(v.text ?? "");
    case "link":
      return String(v.text ?? v.url ?? "");
    case "user":
      return `<@${String(v.user_id)}>`;
    case "channel":
      return `<#${String(v.channel_id)}>`;
    case "emoji":
      return `:${String(v.name)}:`;
    case "rich_text_list":
      return `${(Array.isArray(v.elements) ? v.elements : []).map((e) => `• ${richText(e)}`).join("\n")}\n`;
    case "rich_text_section":
    case "rich_text_preformatted":
    case "rich_text_quote":
      return richText(v.elements) + (v.type === "rich_text_section" ? "" : "\n");
    default:
      return richText(v.elements);
  }
}

function renderFields(fields: unknown[]): string[] {
  const texts = fields.map(textOf);
  const twoColumns = texts.every((t) => !t.includes("\n") && t.length <= COLUMN);
  if (!twoColumns) return texts.map((t) => `• ${t.replace(/\n/g, "\n  ")}`);
  const lines: string[] = [];
  for (let i = 0; i < texts.length; i += 2) {
    const left = texts[i] ?? "";
    const right = texts[i + 1];
    lines.push(right === undefined ? left : `${left.padEnd(COLUMN)}  ${right}`);
  }
  return lines;
}

function renderBlock(b: unknown): string[] {
  if (!isObj(b)) return [];
  switch (b.type) {
    case "header":
      return [`# ${textOf(b.text)}`];
    case "section": {
      const lines: string[] = [];
      const text = textOf(b.text);
      if (text !== "") lines.push(text);
      if (Array.isArray(b.fields)) lines.push(...renderFields(b.fields));
      if (b.accessory !== undefined) {
        if (isChoices(b.accessory)) lines.push(...renderChoices(b.accessory, "  "));
        else lines.push(`  ${renderElement(b.accessory)}`);
      }
      return lines;
    }
    case "divider":
      return [DIVIDER];
    case "context": {
      const parts = (Array.isArray(b.elements) ? b.elements : []).map((e) =>
        isObj(e) && e.type === "image" ? `[${String(e.alt_text ?? "image")}]` : textOf(e),
      );
      return [`  · ${parts.join("  ")}`];
    }
    case "actions": {
      const els = Array.isArray(b.elements) ? b.elements : [];
      const inline = els.filter((e) => !isChoices(e)).map(renderElement);
      const lines = inline.length > 0 ? [inline.join("  ")] : [];
      for (const e of els) if (isChoices(e)) lines.push(...renderChoices(e, ""));
      return lines;
    }
    case "input": {
      const label = textOf(b.label) + (b.optional === true ? " (optional)" : "");
      const lines = isChoices(b.element)
        ? [`${label}:`, ...renderChoices(b.element, "  ")]
        : [`${label}: ${renderElement(b.element)}`];
      const hint = textOf(b.hint);
      if (hint !== "") lines.push(`  · ${hint}`);
      return lines;
    }
    case "image":
      return [`[image: ${String(b.alt_text ?? "")}]${textOf(b.title) ? ` ${textOf(b.title)}` : ""}`];
    case "rich_text":
      return [richText(b.elements).replace(/\n$/, "")];
    case "markdown":
      return [String(b.text ?? "")];
    case "file":
      return [`[file ${String(b.external_id ?? "")}]`];
    case "video":
      return [`[video: ${textOf(b.title)}]`];
    default:
      return [`[${String(b.type)} block]`];
  }
}

/**
 * Blocks as plain text a person can read: headers as "# Title", section text (mrkdwn left as is),
 * fields in two columns (or bullets), context as "  · …", buttons as "[ Text ]", inputs as
 * "Label: ______". Without blocks, the fallback text.
 */
export function renderBlocksAsText(blocks: unknown, fallbackText?: string): string {
  if (!Array.isArray(blocks) || blocks.length === 0) return fallbackText ?? "";
  return blocks.flatMap(renderBlock).join("\n");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? prefix.trimEnd() : prefix + l))
    .join("\n");
}

function clock(ts: string): string {
  const ms = Number(ts) * 1000;
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC` : ts;
}

function renderView(v: SandboxView): string {
  const view = v.view;
  const lines: string[] = [];
  if (v.type === "modal") {
    const state = v.open ? "open" : "closed";
    lines.push(
      `┌ ${textOf(view.title)} (${state}${v.updates > 0 ? `, updated ×${v.updates}` : ""}) ${v.callbackId ? `[${v.callbackId}]` : ""}`.trimEnd(),
    );
  }
  const body = renderBlocksAsText(view.blocks);
  if (body !== "") lines.push(indent(body, v.type === "modal" ? "│ " : ""));
  if (v.errors) for (const [k, m] of Object.entries(v.errors)) lines.push(`│ ! ${k}: ${m}`);
  if (v.type === "modal") {
    const buttons = [
      view.close ? `[ ${textOf(view.close)} ]` : "[ Cancel ]",
      view.submit ? `[ ${textOf(view.submit)} ]` : "",
    ].filter(Boolean);
    lines.push(`└ ${buttons.join("  ")}`);
  }
  return lines.join("\n");
}

/** Renders a message body: blocks (or text), files, edit marker. */
function renderMessageBody(m: {
  text: string;
  blocks?: unknown;
  files?: Array<{ name: string; title: string }>;
  updates: number;
  args?: Record<string, unknown>;
}): string {
  const parts: string[] = [];
  const body = renderBlocksAsText(m.blocks, m.text);
  if (body !== "") parts.push(body);
  for (const f of m.files ?? []) parts.push(`📎 ${f.title}${f.title !== f.name ? ` (${f.name})` : ""}`);
  if (m.updates > 0) parts.push(`(edited${m.updates > 1 ? ` ×${m.updates}` : ""})`);
  const pings = findPings(m);
  if (pings.length > 0) parts.push(`⚠ notifies ${pings.join(", ")}`);
  return parts.join("\n");
}

/**
 * A readable account of everything the sandbox saw: per person (DMs, ephemerals, Home tab,
 * modals), then per channel (messages with thread replies indented).
 */
export function renderTranscript(sandbox: SlackSandbox): string {
  const name = (id: string): string => {
    if (id === sandbox.botUserId) return "okr-bot";
    const u = sandbox.users.get(id);
    return u ? u.name : id;
  };
  const conversation = (msgs: SandboxMessage[]): string[] => {
    const out: string[] = [];
    const tops = msgs.filter((m) => m.threadTs === undefined || m.threadTs === m.ts);
    const orphans = msgs.filter(
      (m) => m.threadTs !== undefined && m.threadTs !== m.ts && !tops.some((t) => t.ts === m.threadTs),
    );
    for (const m of [...tops, ...orphans]) {
      out.push(`[${clock(m.ts)}] ${name(m.user)}:`);
      out.push(indent(renderMessageBody(m), "    "));
      for (const r of msgs.filter((x) => x.threadTs === m.ts && x.ts !== m.ts)) {
        out.push(`    ↳ [${clock(r.ts)}] ${name(r.user)}:`);
        out.push(indent(renderMessageBody(r), "        "));
      }
    }
    return out.join("\n").split("\n");
  };

  const sections: string[] = [];
  const all = sandbox.messages();
  const people = new Set<string>([...sandbox.users.keys()]);
  for (const e of sandbox.ephemerals()) people.add(e.user);
  for (const v of sandbox.views()) people.add(v.user);
  for (const m of all) if (/^[UW]/.test(m.channel)) people.add(m.channel);

  for (const id of people) {
    const lines: string[] = [];
    const dms = all.filter((m) => m.channel === id);
    if (dms.length > 0) lines.push("DM:", ...conversation(dms).map((l) => `  ${l}`));
    const eph = sandbox.ephemerals(id);
    for (const e of eph) {
      const where = e.channel === id ? "DM" : `#${e.channel}`;
      const status = e.deleted ? ", deleted" : "";
      lines.push(`Only visible to you in ${where} [${clock(e.ts)}]${status}:`);
      lines.push(indent(renderMessageBody(e), "    "));
    }
    const home = sandbox.home(id);
    if (home) lines.push("Home tab:", indent(renderView(home), "  "));
    const modals = sandbox.views().filter((v) => v.type === "modal" && v.user === id);
    for (const v of modals) lines.push("Modal:", indent(renderView(v), "  "));
    if (lines.length === 0) continue;
    const who = id === "" ? "(unknown user)" : `${name(id)} (${id})`;
    sections.push(`═══ ${who} ═══\n${lines.join("\n")}`);
  }

  const channels = [...new Set(all.map((m) => m.channel).filter((c) => !/^[UW]/.test(c)))];
  for (const c of channels) {
    sections.push(`═══ #${c} ═══\n${conversation(all.filter((m) => m.channel === c)).join("\n")}`);
  }
  return sections.length > 0 ? `${sections.join("\n\n")}\n` : "(nothing happened in Slack)\n";
}
