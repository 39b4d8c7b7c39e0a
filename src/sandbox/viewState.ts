import { interactiveElements } from "./normalize";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** What a test says a user entered: a string / list of strings, or a full Slack state value object. */
export type SimpleValue = string | string[] | number | null | Obj;
/**
 * Values keyed by block_id; each either a SimpleValue for the block's single element, or a map
 * action_id → SimpleValue.
 */
export type SimpleValues = Record<string, SimpleValue | Record<string, SimpleValue>>;

function optionFor(element: Obj, value: string): Obj {
  const pools: unknown[] = [];
  if (Array.isArray(element.options)) pools.push(...element.options);
  if (Array.isArray(element.option_groups)) {
    for (const g of element.option_groups) if (isObj(g) && Array.isArray(g.options)) pools.push(...g.options);
  }
  const found = pools.find((o) => isObj(o) && o.value === value);
  if (isObj(found)) return found;
  if (
    element.type === "static_select" ||
    element.type === "multi_static_select" ||
    element.type === "checkboxes" ||
    element.type === "radio_buttons"
  ) {
    throw new Error(
      `Slack sandbox: option ${JSON.stringify(value)} is not offered by ${String(element.type)} ${String(element.action_id)}`,
    );
  }
  return { text: { type: "plain_text", text: value, emoji: true }, value };
}

const asList = (v: SimpleValue): string[] => (v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Build one state value the way Slack reports it for an element type. `undefined` = untouched (initial values). */
export function stateValueFor(element: Obj, input: SimpleValue | undefined): Obj {
  const type = String(element.type);
  if (isObj(input)) return { type, ...input };
  const untouched = input === undefined;
  const one = (v: SimpleValue | undefined): string | null =>
    v === undefined || v === null ? null : Array.isArray(v) ? (v[0] ?? null) : String(v);
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type, value: untouched ? ((element.initial_value as string | undefined) ?? null) : one(input) };
    case "static_select":
    case "external_select":
    case "radio_buttons": {
      if (untouched) return { type, selected_option: element.initial_option ?? null };
      const v = one(input);
      return { type, selected_option: v === null ? null : optionFor(element, v) };
    }
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      if (untouched) return { type, selected_options: element.initial_options ?? [] };
      return { type, selected_options: asList(input).map((v) => optionFor(element, v)) };
    case "users_select":
      return { type, selected_user: untouched ? (element.initial_user ?? null) : one(input) };
    case "multi_users_select":
      return { type, selected_users: untouched ? (element.initial_users ?? []) : asList(input) };
    case "conversations_select":
      return { type, selected_conversation: untouched ? (element.initial_conversation ?? null) : one(input) };
    case "multi_conversations_select":
      return { type, selected_conversations: untouched ? (element.initial_conversations ?? []) : asList(input) };
    case "channels_select":
      return { type, selected_channel: untouched ? (element.initial_channel ?? null) : one(input) };
    case "multi_channels_select":
      return { type, selected_channels: untouched ? (element.initial_channels ?? []) : asList(input) };
    case "datepicker":
      return { type, selected_date: untouched ? (element.initial_date ?? null) : one(input) };
    case "timepicker":
      return { type, selected_time: untouched ? (element.initial_time ?? null) : one(input) };
    case "datetimepicker":
      return {
        type,
        selected_date_time: untouched ? (element.initial_date_time ?? null) : input === null ? null : Number(input),
      };
    case "rich_text_input": {
      const text = untouched ? null : one(input);
      return {
        type,
        rich_text_value:
          text === null
            ? (element.initial_value ?? null)
            : { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }] },
      };
    }
    default:
      return { type, value: untouched ? null : one(input) };
  }
}

function isEmpty(v: Obj): boolean {
  for (const [k, x] of Object.entries(v)) {
    if (k === "type") continue;
    if (x === null || x === "" || (Array.isArray(x) && x.length === 0)) continue;
    return false;
  }
  return true;
}

/**
 * Build `view.state.values` as Slack sends it in view_submission: every input block of the view
 * appears (untouched ones with their initial values or null). Throws if a block/action given does
 * not exist in the view, or if a required (non-optional) input is left empty — the Slack client
 * would not submit the form.
 */
export function buildStateValues(
  blocks: unknown,
  simple: SimpleValues = {},
  opts: { requireFilled?: boolean } = {},
): Record<string, Record<string, Obj>> {
  const values: Record<string, Record<string, Obj>> = {};
  const elements = interactiveElements(blocks);
  for (const blockId of Object.keys(simple)) {
    if (!elements.some((f) => f.blockId === blockId)) {
      throw new Error(`Slack sandbox: the view has no block with block_id ${JSON.stringify(blockId)}`);
    }
  }
  for (const f of elements) {
    const actionId = String(f.element.action_id);
    const given = simple[f.blockId];
    let input: SimpleValue | undefined;
    const isActionMap =
      isObj(given) &&
      !("type" in given) &&
      Object.keys(given).some((k) => elements.some((e) => e.element.action_id === k));
    if (isActionMap) {
      for (const k of Object.keys(given)) {
        if (!elements.some((e) => e.blockId === f.blockId && e.element.action_id === k)) {
          throw new Error(`Slack sandbox: block ${f.blockId} has no element with action_id ${JSON.stringify(k)}`);
        }
      }
      input = (given as Record<string, SimpleValue>)[actionId];
    } else {
      input = given as SimpleValue | undefined;
    }
    const isInput = f.block.type === "input";
    if (!isInput && input === undefined) continue;
    const value = stateValueFor(f.element, input);
    if (opts.requireFilled !== false && isInput && f.block.optional !== true && isEmpty(value)) {
      throw new Error(
        `Slack sandbox: required input ${JSON.stringify(f.blockId)} is empty; the Slack client would not submit the form`,
      );
    }
    values[f.blockId] ??= {};
    values[f.blockId]![actionId] = value;
  }
  return values;
}
