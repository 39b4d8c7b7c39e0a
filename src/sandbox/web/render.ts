// Block Kit JSON → HTML, shown the way the Slack client lays it out. Pure: the names of people
// and channels and where files are served from come in `ctx`. Every piece of text is escaped;
// interactive elements carry data-* attributes the page's script turns into Slack requests.
import { escapeHtml, mrkdwnToHtml, type NameLookup } from "./mrkdwn";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

export type RenderContext = NameLookup & {
  /** People to offer in users selects. */
  people?: ReadonlyArray<{ id: string; name: string }>;
  /** Channels to offer in conversation selects. */
  channels?: ReadonlyArray<{ id: string; name: string }>;
  /** Field errors of a modal (`response_action: errors`), by block_id. */
  errors?: Readonly<Record<string, string>>;
};

/** Block types the renderer draws (a builder emitting anything else fails test/web/render.test.ts). */
export const KNOWN_BLOCK_TYPES = [
  "header",
  "section",
  "divider",
  "context",
  "actions",
  "input",
  "image",
  "rich_text",
  "markdown",
] as const;
/** Element types the renderer draws, wherever they appear. */
export const KNOWN_ELEMENT_TYPES = [
  "button",
  "static_select",
  "multi_static_select",
  "overflow",
  "datepicker",
  "timepicker",
  "users_select",
  "multi_users_select",
  "conversations_select",
  "channels_select",
  "checkboxes",
  "radio_buttons",
  "plain_text_input",
  "url_text_input",
  "email_text_input",
  "number_input",
  "image",
] as const;
export const KNOWN_TEXT_TYPES = ["plain_text", "mrkdwn"] as const;

/** A text object (plain_text or mrkdwn) as HTML. */
export function textHtml(t: unknown, ctx: RenderContext): string {
  if (typeof t === "string") return escapeHtml(t);
  if (!isObj(t)) return "";
  const text = str(t.text);
  if (t.type === "mrkdwn") return mrkdwnToHtml(text, ctx);
  return escapeHtml(text).replace(/\n/g, "<br>");
}

/** A text object as plain text (labels, options, alt text). */
function plain(t: unknown): string {
  if (typeof t === "string") return t;
  return isObj(t) ? str(t.text) : "";
}

const attr = (name: string, value: unknown): string =>
  value === undefined || value === null || value === "" ? "" : ` ${name}="${escapeHtml(str(value))}"`;

/** The id of a form control, unique per block and action. */
export function controlId(blockId: string, actionId: string): string {
  return `f-${`${blockId}--${actionId}`.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

type Place = {
  blockId: string /** Inside an input block (a form field) rather than an actions block / accessory. */;
  field: boolean;
  label?: string;
  optional?: boolean;
  /** An input block with dispatch_action: a pick is sent as block_actions (text inputs would send on Enter: not drawn). */
  dispatch?: boolean;
};

function dataAttrs(el: Obj, place: Place): string {
  return `${attr("data-block-id", place.blockId)}${attr("data-action-id", el.action_id)}${attr("data-type", el.type)}${place.field ? " data-field" : ""}${place.dispatch ? " data-dispatch" : ""}`;
}

function options(el: Obj): Obj[] {
  const own = list(el.options).filter(isObj);
  const grouped = list(el.option_groups).flatMap((g) => (isObj(g) ? list(g.options).filter(isObj) : []));
  return [...own, ...grouped];
}

function chosenValues(el: Obj): Set<string> {
  const chosen = new Set<string>();
  if (isObj(el.initial_option)) chosen.add(str(el.initial_option.value));
  for (const o of list(el.initial_options)) if (isObj(o)) chosen.add(str(o.value));
  for (const k of ["initial_user", "initial_conversation", "initial_channel"])
    if (typeof el[k] === "string") chosen.add(el[k] as string);
  for (const k of ["initial_users", "initial_conversations", "initial_channels"])
    for (const v of list(el[k])) chosen.add(str(v));
  return chosen;
}

function selectHtml(
  el: Obj,
  place: Place,
  choices: Array<{ value: string; label: string }>,
  multiple: boolean,
): string {
  const chosen = chosenValues(el);
  const id = controlId(place.blockId, str(el.action_id));
  const placeholder = plain(el.placeholder) || "Select an option";
  const opts = [
    ...(multiple
      ? []
      : [
          `<option value=""${chosen.size === 0 ? " selected" : ""}${place.field && !place.optional ? " disabled" : ""}>${escapeHtml(placeholder)}</option>`,
        ]),
    ...choices.map(
      (c) =>
        `<option value="${escapeHtml(c.value)}"${chosen.has(c.value) ? " selected" : ""}>${escapeHtml(c.label)}</option>`,
    ),
  ];
  const label = place.field ? "" : ` aria-label="${escapeHtml(placeholder)}"`;
  return `<select id="${id}" class="select"${dataAttrs(el, place)}${multiple ? " multiple" : ""}${place.field && !place.optional ? " required" : ""}${label}>${opts.join("")}</select>`;
}

function choicesHtml(el: Obj, place: Place, ctx: RenderContext): string {
  const chosen = chosenValues(el);
  const radio = el.type === "radio_buttons";
  const name = controlId(place.blockId, str(el.action_id));
  const items = options(el).map((o, i) => {
    const id = `${name}-${i}`;
    const desc = o.description !== undefined ? `<span class="hint">${textHtml(o.description, ctx)}</span>` : "";
    return `<div class="choice"><input type="${radio ? "radio" : "checkbox"}" id="${id}" name="${name}" value="${escapeHtml(str(o.value))}"${chosen.has(str(o.value)) ? " checked" : ""}><label for="${id}">${textHtml(o.text, ctx)}</label>${desc}</div>`;
  });
  const legend = place.field ? "" : ` aria-label="${escapeHtml(place.label ?? "Options")}"`;
  return `<div class="choices" role="group"${legend}${dataAttrs(el, place)}>${items.join("")}</div>`;
}

function textInputHtml(el: Obj, place: Place): string {
  const id = controlId(place.blockId, str(el.action_id));
  const common = `id="${id}"${dataAttrs(el, place)}${attr("placeholder", plain(el.placeholder))}${attr("maxlength", el.max_length)}${attr("minlength", el.min_length)}${place.field && !place.optional ? " required" : ""}`;
  if (el.type === "plain_text_input" && el.multiline === true) {
    return `<textarea ${common} rows="3">${escapeHtml(str(el.initial_value))}</textarea>`;
  }
  const type =
    el.type === "url_text_input"
      ? "url"
      : el.type === "email_text_input"
        ? "email"
        : el.type === "number_input"
          ? "number"
          : "text";
  const numberAttrs =
    el.type === "number_input"
      ? `${attr("min", el.min_value)}${attr("max", el.max_value)} step="${el.is_decimal_allowed === true ? "any" : "1"}"`
      : "";
  return `<input type="${type}" ${common}${numberAttrs}${attr("value", el.initial_value)}>`;
}

/** One interactive (or image) element. */
export function elementHtml(el: unknown, place: Place, ctx: RenderContext): string {
  if (!isObj(el)) return "";
  switch (el.type) {
    case "button": {
      const style = el.style === "primary" ? " btn-primary" : el.style === "danger" ? " btn-danger" : "";
      if (typeof el.url === "string" && /^https?:/i.test(el.url)) {
        return `<a class="btn${style}" href="${escapeHtml(el.url)}" target="_blank" rel="noopener noreferrer"${dataAttrs(el, place)}${attr("data-value", el.value)}>${escapeHtml(plain(el.text))}</a>`;
      }
      return `<button type="button" class="btn${style}"${dataAttrs(el, place)}${attr("data-value", el.value)}>${escapeHtml(plain(el.text))}</button>`;
    }
    case "static_select":
    case "multi_static_select":
      return selectHtml(
        el,
        place,
        options(el).map((o) => ({ value: str(o.value), label: plain(o.text) })),
        el.type === "multi_static_select",
      );
    case "overflow": {
      const opts = options(el).map(
        (o) => `<option value="${escapeHtml(str(o.value))}">${escapeHtml(plain(o.text))}</option>`,
      );
      return `<select class="select overflow" aria-label="More actions"${dataAttrs(el, place)}><option value="" selected disabled>⋯</option>${opts.join("")}</select>`;
    }
    case "users_select":
    case "multi_users_select":
      return selectHtml(
        el,
        place,
        (ctx.people ?? []).map((p) => ({ value: p.id, label: p.name })),
        el.type === "multi_users_select",
      );
    case "conversations_select":
    case "channels_select":
      return selectHtml(
        el,
        place,
        (ctx.channels ?? []).map((c) => ({ value: c.id, label: `#${c.name}` })),
        false,
      );
    case "checkboxes":
    case "radio_buttons":
      return choicesHtml(el, place, ctx);
    case "datepicker":
    case "timepicker": {
      const id = controlId(place.blockId, str(el.action_id));
      const initial = el.type === "datepicker" ? el.initial_date : el.initial_time;
      const label = place.field
        ? ""
        : ` aria-label="${escapeHtml(plain(el.placeholder) || (el.type === "datepicker" ? "Date" : "Time"))}"`;
      return `<input type="${el.type === "datepicker" ? "date" : "time"}" id="${id}"${dataAttrs(el, place)}${attr("value", initial)}${place.field && !place.optional ? " required" : ""}${label}>`;
    }
    case "plain_text_input":
    case "url_text_input":
    case "email_text_input":
    case "number_input":
      return textInputHtml(el, place);
    case "image":
      return imageTag(str(el.image_url), plain(el.alt_text), "inline-image");
    default:
      return unsupported("element", el.type);
  }
}

function imageTag(url: string, alt: string, cls: string): string {
  // Only images the page can load without leaking anything: http(s) and the sandbox's own files.
  const safe = /^(https?:\/\/|\/files\/)/i.test(url) ? url : "";
  return `<img class="${cls}" src="${escapeHtml(safe)}" alt="${escapeHtml(alt)}">`;
}

function unsupported(kind: string, type: unknown): string {
  return `<div class="unsupported">Unsupported ${kind}: ${escapeHtml(str(type) || "?")}</div>`;
}

function richTextHtml(v: unknown, ctx: RenderContext): string {
  if (Array.isArray(v)) return v.map((x) => richTextHtml(x, ctx)).join("");
  if (!isObj(v)) return "";
  const style = isObj(v.style) ? v.style : {};
  const wrap = (html: string): string => {
    let h = html;
    if (style.code === true) h = `<code>${h}</code>`;
    if (style.bold === true) h = `<strong>${h}</strong>`;
    if (style.italic === true) h = `<em>${h}</em>`;
    if (style.strike === true) h = `<del>${h}</del>`;
    return h;
  };
  switch (v.type) {
    case "text":
      return wrap(escapeHtml(str(v.text)).replace(/\n/g, "<br>"));
    case "link":
      return /^https?:/i.test(str(v.url))
        ? `<a href="${escapeHtml(str(v.url))}" target="_blank" rel="noopener noreferrer">${escapeHtml(str(v.text) || str(v.url))}</a>`
        : escapeHtml(str(v.text));
    case "user":
      return `<span class="mention">@${escapeHtml(ctx.user(str(v.user_id)))}</span>`;
    case "channel":
      return `<span class="mention">#${escapeHtml(ctx.channel(str(v.channel_id)))}</span>`;
    case "emoji":
      return mrkdwnToHtml(`:${str(v.name)}:`, ctx);
    case "rich_text_list": {
      const tag = v.style === "ordered" ? "ol" : "ul";
      return `<${tag}>${list(v.elements)
        .map((e) => `<li>${richTextHtml(e, ctx)}</li>`)
        .join("")}</${tag}>`;
    }
    case "rich_text_preformatted":
      return `<pre>${richTextHtml(v.elements, ctx)}</pre>`;
    case "rich_text_quote":
      return `<blockquote>${richTextHtml(v.elements, ctx)}</blockquote>`;
    default:
      return richTextHtml(v.elements, ctx);
  }
}

function inputBlockHtml(b: Obj, blockId: string, ctx: RenderContext): string {
  const el = isObj(b.element) ? b.element : {};
  const optional = b.optional === true;
  const labelText = plain(b.label);
  const dispatch = b.dispatch_action === true && !/_input$/.test(str(el.type));
  const place: Place = { blockId, field: true, label: labelText, optional, dispatch };
  const id = controlId(blockId, str(el.action_id));
  const grouped = el.type === "checkboxes" || el.type === "radio_buttons";
  const label = grouped
    ? `<div class="label" id="${id}-label">${escapeHtml(labelText)}${optional ? ' <span class="optional">(optional)</span>' : ""}</div>`
    : `<label class="label" for="${id}">${escapeHtml(labelText)}${optional ? ' <span class="optional">(optional)</span>' : ""}</label>`;
  let control = elementHtml(el, place, ctx);
  if (grouped) control = control.replace('role="group"', `role="group" aria-labelledby="${id}-label"`);
  const hint = b.hint !== undefined ? `<div class="hint">${textHtml(b.hint, ctx)}</div>` : "";
  const error = ctx.errors?.[blockId];
  const errorHtml = error !== undefined ? `<div class="field-error" role="alert">${escapeHtml(error)}</div>` : "";
  return `<div class="block input${error !== undefined ? " has-error" : ""}" data-block="${escapeHtml(blockId)}">${label}${control}${errorHtml}${hint}</div>`;
}

function blockHtml(b: unknown, index: number, ctx: RenderContext): string {
  if (!isObj(b)) return "";
  const blockId = str(b.block_id) || `b${index}`;
  switch (b.type) {
    case "header":
      return `<h3 class="block header">${escapeHtml(plain(b.text))}</h3>`;
    case "section": {
      const text = b.text !== undefined ? `<div class="text">${textHtml(b.text, ctx)}</div>` : "";
      const fields = Array.isArray(b.fields)
        ? `<div class="fields">${b.fields.map((f) => `<div class="field">${textHtml(f, ctx)}</div>`).join("")}</div>`
        : "";
      const accessory =
        b.accessory !== undefined
          ? `<div class="accessory">${elementHtml(b.accessory, { blockId, field: false, label: plain(b.text) }, ctx)}</div>`
          : "";
      return `<div class="block section"><div class="body">${text}${fields}</div>${accessory}</div>`;
    }
    case "divider":
      return `<hr class="block divider">`;
    case "context": {
      const parts = list(b.elements).map((e) =>
        isObj(e) && e.type === "image"
          ? imageTag(str(e.image_url), plain(e.alt_text), "context-image")
          : `<span>${textHtml(e, ctx)}</span>`,
      );
      return `<div class="block context">${parts.join("")}</div>`;
    }
    case "actions":
      return `<div class="block actions">${list(b.elements)
        .map((e) => elementHtml(e, { blockId, field: false }, ctx))
        .join("")}</div>`;
    case "input":
      return inputBlockHtml(b, blockId, ctx);
    case "image": {
      const title = b.title !== undefined ? `<div class="image-title">${textHtml(b.title, ctx)}</div>` : "";
      return `<figure class="block image">${title}${imageTag(str(b.image_url), plain(b.alt_text), "block-image")}</figure>`;
    }
    case "rich_text":
      return `<div class="block rich-text">${richTextHtml(b.elements, ctx)}</div>`;
    case "markdown":
      return `<div class="block markdown">${mrkdwnToHtml(str(b.text), ctx)}</div>`;
    default:
      return unsupported("block", b.type);
  }
}

/** A list of blocks as HTML. */
export function renderBlocks(blocks: unknown, ctx: RenderContext): string {
  return list(blocks)
    .map((b, i) => blockHtml(b, i, ctx))
    .join("");
}

/** A modal: title bar, blocks (with field errors), Close and Submit. */
export function renderModal(
  view: { id: string; view: Obj; errors?: Record<string, string> },
  ctx: RenderContext,
): string {
  const v = view.view;
  const title = plain(v.title);
  const submit =
    plain(v.submit) !== ""
      ? `<button type="submit" class="btn btn-primary">${escapeHtml(plain(v.submit))}</button>`
      : "";
  const close = `<button type="button" class="btn" data-close-view>${escapeHtml(plain(v.close) || "Close")}</button>`;
  const body = renderBlocks(v.blocks, { ...ctx, ...(view.errors ? { errors: view.errors } : {}) });
  return `<form class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="${escapeHtml(view.id)}" novalidate><h2 id="modal-title">${escapeHtml(title)}</h2><div class="modal-body">${body}</div><div class="modal-buttons">${close}${submit}</div></form>`;
}
