/**
 * Block Kit validation modelled on what Slack rejects (see shared/notes/slack-platform.md).
 *
 * Pure functions: they return Slack-style messages such as
 *   "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
 * and never throw. An empty array means "Slack would accept this".
 */

export type Surface = "message" | "modal" | "home";

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Undocumented ceiling on the total text of a message's blocks (msg_blocks_too_long). */
  messageBlocksTotalText: 12_000,
  /** Message `text` is truncated (not rejected) beyond this. */
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  plainTextInputMaxLength: 3000,
  selectOptions: 100,
  selectOptionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  choiceOptions: 10,
  overflowOptions: 5,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  imageTitle: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  markdownBlockText: 12_000,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  externalId: 255,
} as const;

const BLOCK_TYPES = new Set([
  "section",
  "divider",
  "image",
  "actions",
  "context",
  "input",
  "file",
  "header",
  "video",
  "rich_text",
  "markdown",
  "table",
  "call",
]);

/** Elements that collect text input: only allowed inside an `input` block. */
const INPUT_ONLY_ELEMENTS = new Set([
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
  "rich_text_input",
  "file_input",
]);

const SELECT_WITH_OPTIONS = new Set(["static_select", "multi_static_select"]);

const INTERACTIVE_ELEMENTS = new Set([
  "button",
  "static_select",
  "multi_static_select",
  "external_select",
  "multi_external_select",
  "users_select",
  "multi_users_select",
  "conversations_select",
  "multi_conversations_select",
  "channels_select",
  "multi_channels_select",
  "overflow",
  "datepicker",
  "timepicker",
  "datetimepicker",
  "checkboxes",
  "radio_buttons",
  "image",
  "workflow_button",
  ...INPUT_ONLY_ELEMENTS,
]);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const err = (what: string, ptr: string): string => `[ERROR] ${what} [json-pointer:${ptr}]`;
const tooLong = (max: number, ptr: string): string => err(`must be less than ${max + 1} characters`, ptr);
const tooMany = (max: number, ptr: string): string => err(`no more than ${max} items allowed`, ptr);

class Checker {
  readonly errors: string[] = [];

  add(msg: string): void {
    this.errors.push(msg);
  }

  /** A string field of at most `max` characters; required unless `optional`. */
  string(v: unknown, max: number, ptr: string, optional = true): void {
    if (v === undefined) {
      if (!optional) this.add(err("missing required field", ptr));
      return;
    }
    if (typeof v !== "string") {
      this.add(err("must be a string", ptr));
      return;
    }
    if (v.length > max) this.add(tooLong(max, ptr));
  }

  /**
   * A text object `{type: "plain_text"|"mrkdwn", text}` whose text is 1..max characters.
   * `plainOnly` rejects mrkdwn (headers, buttons, labels, placeholders, modal titles...).
   */
  text(v: unknown, max: number, ptr: string, opts: { plainOnly?: boolean; optional?: boolean } = {}): void {
    if (v === undefined) {
      if (!opts.optional) this.add(err("missing required field", ptr));
      return;
    }
    if (!isObj(v)) {
      this.add(err("must be a text object", ptr));
      return;
    }
    if (v.type !== "plain_text" && v.type !== "mrkdwn") {
      this.add(err(`unsupported text type: ${String(v.type)}`, `${ptr}/type`));
      return;
    }
    if (opts.plainOnly && v.type !== "plain_text") {
      this.add(err("must be a plain_text text object", `${ptr}/type`));
    }
    if (v.type === "mrkdwn" && v.emoji !== undefined) {
      this.add(err("emoji is only allowed in plain_text", `${ptr}/emoji`));
    }
    if (typeof v.text !== "string") {
      this.add(err("missing required field", `${ptr}/text`));
      return;
    }
    if (v.text.length === 0) this.add(err("must be more than 0 characters", `${ptr}/text`));
    else if (v.text.length > max) this.add(tooLong(max, `${ptr}/text`));
  }

  array(v: unknown, max: number, ptr: string, min = 0): unknown[] | undefined {
    if (v === undefined) {
      if (min > 0) this.add(err("missing required field", ptr));
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.add(err("must be an array", ptr));
      return undefined;
    }
    if (v.length > max) this.add(tooMany(max, ptr));
    if (v.length < min) this.add(err(`must provide at least ${min} item${min === 1 ? "" : "s"}`, ptr));
    return v;
  }

  option(v: unknown, ptr: string): string | undefined {
    if (!isObj(v)) {
      this.add(err("must be an option object", ptr));
      return undefined;
    }
    this.text(v.text, LIMITS.optionText, `${ptr}/text`);
    this.string(v.value, LIMITS.optionValue, `${ptr}/value`, false);
    this.text(v.description, LIMITS.optionDescription, `${ptr}/description`, { optional: true });
    this.string(v.url, LIMITS.url, `${ptr}/url`);
    return typeof v.value === "string" ? v.value : undefined;
  }

  /** Options list; returns the values found. */
  options(v: unknown, max: number, ptr: string, min = 0): string[] {
    const arr = this.array(v, max, ptr, min);
    const values: string[] = [];
    arr?.forEach((o, i) => {
      const value = this.option(o, `${ptr}/${i}`);
      if (value !== undefined) values.push(value);
    });
    return values;
  }

  confirm(v: unknown, ptr: string): void {
    if (v === undefined) return;
    if (!isObj(v)) {
      this.add(err("must be a confirmation dialog object", ptr));
      return;
    }
    this.text(v.title, LIMITS.confirmTitle, `${ptr}/title`, { plainOnly: true });
    this.text(v.text, LIMITS.confirmText, `${ptr}/text`);
    this.text(v.confirm, LIMITS.confirmButton, `${ptr}/confirm`, { plainOnly: true });
    this.text(v.deny, LIMITS.confirmButton, `${ptr}/deny`, { plainOnly: true });
  }

  /** Initial option(s) must be among the element's options. */
  initialOptions(el: Obj, values: string[], ptr: string): void {
    const check = (o: unknown, p: string): void => {
      if (!isObj(o)) return;
      if (typeof o.value === "string" && !values.includes(o.value)) {
        this.add(err("must match one of the provided options", p));
      }
    };
    if (el.initial_option !== undefined) check(el.initial_option, `${ptr}/initial_option`);
    if (Array.isArray(el.initial_options)) {
      el.initial_options.forEach((o, i) => {
        check(o, `${ptr}/initial_options/${i}`);
      });
    }
  }

  element(el: unknown, ptr: string, where: "accessory" | "actions" | "input"): void {
    if (!isObj(el)) {
      this.add(err("must be an element object", ptr));
      return;
    }
    const type = el.type;
    if (typeof type !== "string" || !INTERACTIVE_ELEMENTS.has(type)) {
      this.add(err(`unsupported element type: ${String(type)}`, `${ptr}/type`));
      return;
    }
    if (INPUT_ONLY_ELEMENTS.has(type) && where !== "input") {
      this.add(err(`${type} is only allowed in input blocks`, `${ptr}/type`));
    }
    if (type !== "image") this.string(el.action_id, LIMITS.actionId, `${ptr}/action_id`);
    this.confirm(el.confirm, `${ptr}/confirm`);
    this.text(el.placeholder, LIMITS.placeholder, `${ptr}/placeholder`, { plainOnly: true, optional: true });

    switch (type) {
      case "button":
        this.text(el.text, LIMITS.buttonText, `${ptr}/text`, { plainOnly: true });
        this.string(el.value, LIMITS.buttonValue, `${ptr}/value`);
        this.string(el.url, LIMITS.url, `${ptr}/url`);
        if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") {
          this.add(err("must be one of: primary, danger", `${ptr}/style`));
        }
        break;
      case "static_select":
      case "multi_static_select": {
        const hasOptions = el.options !== undefined;
        const hasGroups = el.option_groups !== undefined;
        if (hasOptions === hasGroups) {
          this.add(err("must provide exactly one of options or option_groups", ptr));
        }
        let values: string[] = [];
        if (hasOptions) values = this.options(el.options, LIMITS.selectOptions, `${ptr}/options`, 1);
        if (hasGroups) {
          const groups = this.array(el.option_groups, LIMITS.selectOptionGroups, `${ptr}/option_groups`, 1);
          groups?.forEach((g, i) => {
            const gp = `${ptr}/option_groups/${i}`;
            if (!isObj(g)) {
              this.add(err("must be an option group object", gp));
              return;
            }
            this.text(g.label, LIMITS.optionText, `${gp}/label`, { plainOnly: true });
            values.push(...this.options(g.options, LIMITS.selectOptions, `${gp}/options`, 1));
          });
        }
        if (SELECT_WITH_OPTIONS.has(type)) this.initialOptions(el, values, ptr);
        break;
      }
      case "overflow":
        this.options(el.options, LIMITS.overflowOptions, `${ptr}/options`, 1);
        break;
      case "checkboxes":
      case "radio_buttons": {
        const values = this.options(el.options, LIMITS.choiceOptions, `${ptr}/options`, 1);
        this.initialOptions(el, values, ptr);
        break;
      }
      case "plain_text_input": {
        for (const k of ["max_length", "min_length"] as const) {
          const n = el[k];
          if (n === undefined) continue;
          if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
            this.add(err("must be a non-negative integer", `${ptr}/${k}`));
          } else if (n > LIMITS.plainTextInputMaxLength) {
            this.add(err(`must be less than ${LIMITS.plainTextInputMaxLength + 1}`, `${ptr}/${k}`));
          }
        }
        if (typeof el.min_length === "number" && typeof el.max_length === "number" && el.min_length > el.max_length) {
          this.add(err("min_length must not exceed max_length", `${ptr}/min_length`));
        }
        this.string(el.initial_value, LIMITS.plainTextInputMaxLength, `${ptr}/initial_value`);
        break;
      }
      case "image":
        this.string(el.alt_text, LIMITS.imageAltText, `${ptr}/alt_text`, false);
        this.string(el.image_url, LIMITS.url, `${ptr}/image_url`);
        break;
      default:
        break;
    }
  }

  block(block: unknown, i: number, surface: Surface, blockIds: Map<string, number>): void {
    const ptr = `/blocks/${i}`;
    if (!isObj(block)) {
      this.add(err("must be a block object", ptr));
      return;
    }
    const type = block.type;
    if (typeof type !== "string" || !BLOCK_TYPES.has(type)) {
      this.add(err(`unsupported block type: ${String(type)}`, `${ptr}/type`));
      return;
    }
    if (block.block_id !== undefined) {
      this.string(block.block_id, LIMITS.blockId, `${ptr}/block_id`);
      if (typeof block.block_id === "string") {
        const first = blockIds.get(block.block_id);
        if (first !== undefined) {
          this.add(
            err(`duplicate block_id ${JSON.stringify(block.block_id)} (also at /blocks/${first})`, `${ptr}/block_id`),
          );
        } else {
          blockIds.set(block.block_id, i);
        }
      }
    }

    switch (type) {
      case "section": {
        if (block.text === undefined && block.fields === undefined) {
          this.add(err("must provide either text or fields", ptr));
        }
        this.text(block.text, LIMITS.sectionText, `${ptr}/text`, { optional: true });
        const fields = this.array(block.fields, LIMITS.sectionFields, `${ptr}/fields`);
        fields?.forEach((f, j) => {
          this.text(f, LIMITS.sectionFieldText, `${ptr}/fields/${j}`);
        });
        if (block.accessory !== undefined) this.element(block.accessory, `${ptr}/accessory`, "accessory");
        break;
      }
      case "header":
        this.text(block.text, LIMITS.headerText, `${ptr}/text`, { plainOnly: true });
        break;
      case "context": {
        const els = this.array(block.elements, LIMITS.contextElements, `${ptr}/elements`, 1);
        els?.forEach((e, j) => {
          const ep = `${ptr}/elements/${j}`;
          if (isObj(e) && e.type === "image") {
            this.string(e.alt_text, LIMITS.imageAltText, `${ep}/alt_text`, false);
            this.string(e.image_url, LIMITS.url, `${ep}/image_url`);
          } else {
            this.text(e, LIMITS.sectionText, ep);
          }
        });
        break;
      }
      case "actions": {
        const els = this.array(block.elements, LIMITS.actionsElements, `${ptr}/elements`, 1);
        const actionIds = new Set<string>();
        els?.forEach((e, j) => {
          this.element(e, `${ptr}/elements/${j}`, "actions");
          if (isObj(e) && typeof e.action_id === "string") {
            if (actionIds.has(e.action_id)) {
              this.add(err(`duplicate action_id ${JSON.stringify(e.action_id)}`, `${ptr}/elements/${j}/action_id`));
            }
            actionIds.add(e.action_id);
          }
        });
        break;
      }
      case "input":
        if (surface === "message") {
          this.add(err("input blocks are only allowed in modals and Home tabs", `${ptr}/type`));
        }
        this.text(block.label, LIMITS.inputLabel, `${ptr}/label`, { plainOnly: true });
        this.text(block.hint, LIMITS.inputHint, `${ptr}/hint`, { plainOnly: true, optional: true });
        if (block.element === undefined) this.add(err("missing required field", `${ptr}/element`));
        else this.element(block.element, `${ptr}/element`, "input");
        break;
      case "image":
        this.string(block.alt_text, LIMITS.imageAltText, `${ptr}/alt_text`, false);
        this.string(block.image_url, LIMITS.url, `${ptr}/image_url`);
        this.text(block.title, LIMITS.imageTitle, `${ptr}/title`, { plainOnly: true, optional: true });
        break;
      case "markdown":
        this.string(block.text, LIMITS.markdownBlockText, `${ptr}/text`, false);
        break;
      default:
        break;
    }
  }
}

/** Validate a `blocks` array for a surface. Returns Slack-style error messages (empty = valid). */
export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const c = new Checker();
  if (!Array.isArray(blocks)) {
    c.add(err("must be an array", "/blocks"));
    return c.errors;
  }
  const max = surface === "message" ? LIMITS.blocksPerMessage : LIMITS.blocksPerView;
  if (blocks.length > max) c.add(tooMany(max, "/blocks"));
  const blockIds = new Map<string, number>();
  blocks.forEach((b, i) => {
    c.block(b, i, surface, blockIds);
  });
  return c.errors;
}

/**
 * Validate a view payload (views.open / push / update / publish). Pointers are prefixed with `/view`.
 * `expected` restricts the view type (views.publish only takes "home").
 */
export function validateView(view: unknown, expected?: "modal" | "home"): string[] {
  const c = new Checker();
  if (!isObj(view)) {
    c.add(err("must be a view object", "/view"));
    return c.errors;
  }
  if (view.type !== "modal" && view.type !== "home") {
    c.add(err(`unsupported view type: ${String(view.type)}`, "/view/type"));
    return c.errors;
  }
  if (expected && view.type !== expected) {
    c.add(err(`must be a ${expected} view`, "/view/type"));
  }
  const surface: Surface = view.type;
  if (surface === "modal") {
    c.text(view.title, LIMITS.modalTitle, "/view/title", { plainOnly: true });
    c.text(view.submit, LIMITS.modalButton, "/view/submit", { plainOnly: true, optional: true });
    c.text(view.close, LIMITS.modalButton, "/view/close", { plainOnly: true, optional: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === "input");
    if (hasInput && view.submit === undefined) {
      c.add(err("must provide submit when the view contains input blocks", "/view/submit"));
    }
  }
  c.string(view.callback_id, LIMITS.callbackId, "/view/callback_id");
  c.string(view.private_metadata, LIMITS.privateMetadata, "/view/private_metadata");
  c.string(view.external_id, LIMITS.externalId, "/view/external_id");
  for (const e of validateBlocks(view.blocks, surface)) {
    c.add(e.replace("[json-pointer:/blocks", "[json-pointer:/view/blocks"));
  }
  return c.errors;
}

/**
 * Total characters of text in blocks: every text object's `text`, rich_text `text` runs and
 * markdown blocks. Slack answers `msg_blocks_too_long` when a message exceeds
 * LIMITS.messageBlocksTotalText.
 */
export function blocksTextLength(blocks: unknown): number {
  let total = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isObj(v)) return;
    if (
      (v.type === "plain_text" || v.type === "mrkdwn" || v.type === "text" || v.type === "markdown") &&
      typeof v.text === "string"
    ) {
      total += v.text.length;
    }
    for (const [k, child] of Object.entries(v)) {
      if (k !== "text" || typeof child !== "string") visit(child);
    }
  };
  visit(blocks);
  return total;
}
