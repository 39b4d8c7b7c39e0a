// "Measured from" in the `/okr edit` modal: one of the operator's sources by name, the one field its
// kind reads, "auto", and a "Try it" button with what it read. People never type a URL or a host here.
import { SOURCE_QUERY_MAX_LENGTH } from "../domain/okrFile";
import type { KnownBlock, PlainTextOption } from "@slack/types";
import type { SourceKind } from "../domain/sources";
import {
  type SourceChoice,
  type SourceDraft,
  type SourceDraftProblem,
  sourceFieldOf,
  type TryResult,
} from "../domain/sourceDraft";
import { escFit, truncate, valueWithUnit } from "./format";
import { IDS } from "./ids";

const kf = IDS.keyResultForm;
/** The edit form is slot 0 of the key result fields. */
const blockId = (field: keyof typeof kf) => `${kf[field]}_0`;

export const SOURCE_BLOCKS = {
  source: blockId("source"),
  query: blockId("sourceQuery"),
  pointer: blockId("sourcePointer"),
  params: blockId("sourceParams"),
  column: blockId("sourceColumn"),
  row: blockId("sourceRow"),
  auto: blockId("sourceAuto"),
  actions: blockId("sourceActions"),
} as const;

/** The select's value for "typed by its owner": not a source name (those start with a letter or digit). */
export const TYPED_BY_OWNER = "_typed";
export const AUTO_OPTION = "auto";
const autoOption: PlainTextOption = {
  text: { type: "plain_text", text: "Store the measured value each week, even without an answer" },
  value: AUTO_OPTION,
};
const QUERY_MAX_LENGTH = SOURCE_QUERY_MAX_LENGTH;

const text = (value: string) => ({ type: "plain_text" as const, text: value });
const option = (label: string, value: string): PlainTextOption => ({ text: text(truncate(label, 75)), value });

function input(
  id: string,
  label: string,
  value: string | undefined,
  opts: { optional?: boolean; placeholder?: string; hint?: string; maxLength: number; multiline?: boolean },
): KnownBlock {
  return {
    type: "input",
    block_id: id,
    optional: opts.optional ?? false,
    label: text(label),
    ...(opts.hint ? { hint: text(opts.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: id,
      ...(value ? { initial_value: value } : {}),
      ...(opts.placeholder ? { placeholder: text(opts.placeholder) } : {}),
      max_length: opts.maxLength,
      ...(opts.multiline ? { multiline: true } : {}),
    },
  };
}

function choiceLabel(c: SourceChoice): string {
  if (!c.usable) return `${c.name} (not available now)`;
  return c.kind ? `${c.name} (${c.kind})` : c.name;
}

/** The field for the picked source's kind (or, for a source the file no longer declares, the one it has). */
function fieldBlocks(kind: SourceKind | undefined, draft: SourceDraft): KnownBlock[] {
  const field =
    kind !== undefined
      ? sourceFieldOf(kind)
      : ((["query", "pointer", "column"] as const).find((f) => draft[f] !== undefined) ?? "query");
  if (field === "query")
    return [
      input(
        SOURCE_BLOCKS.query,
        kind === "sql" ? "SQL query" : kind === "prometheus" ? "PromQL query" : "Query",
        draft.query,
        {
          multiline: true,
          maxLength: QUERY_MAX_LENGTH,
          placeholder:
            kind === "sql"
              ? "select avg(hours) from lead_times where week = date_trunc('week', now())"
              : 'histogram_quantile(0.75, sum by (le) (rate(lcp_seconds_bucket{page="/checkout"}[1d])))',
          hint:
            kind === "sql"
              ? "One statement returning one number: the first column of the first row is read, in a read-only transaction."
              : "An instant query returning one number: a scalar, or a single series (use sum() to aggregate).",
        },
      ),
    ];
  if (field === "pointer")
    return [
      input(SOURCE_BLOCKS.pointer, "JSON pointer to the number", draft.pointer, {
        maxLength: 500,
        placeholder: "/data/uptime",
      }),
      input(SOURCE_BLOCKS.params, "Query parameters", draft.params, {
        optional: true,
        maxLength: 1000,
        placeholder: "region=eu",
        hint: "Added to the source's own URL, only where the operator allows it (allow_params).",
      }),
    ];
  return [
    input(SOURCE_BLOCKS.column, "Column", draft.column, { maxLength: 200, placeholder: "cost_per_tx" }),
    input(SOURCE_BLOCKS.row, "Row", draft.row, {
      optional: true,
      maxLength: 10,
      placeholder: "the last",
      hint: "A data row counted from 1 after the header row. Blank: the last row.",
    }),
  ];
}

export function triedText(tried: TryResult): string {
  return tried.ok
    ? `:white_check_mark: Reads *${valueWithUnit(tried.value, tried.unit)}* now.`
    : `:warning: ${escFit(tried.error, 2900)}`;
}

/**
 * The "Measured from" part of the edit form: shown when the operator has sources (or the key
 * result already names one). `tried` is what "Try it" just read with the fields as typed.
 */
export function sourceFields(data: {
  choices: readonly SourceChoice[];
  draft: SourceDraft;
  tried?: TryResult;
}): KnownBlock[] {
  const { draft } = data;
  const choices = [...data.choices];
  if (draft.name !== null && !choices.some((c) => c.name === draft.name))
    choices.push({ name: draft.name, kind: undefined, usable: false });
  if (choices.length === 0) return [];
  // A select holds 100 options: "typed by its owner" and 99 sources.
  const offered = choices.slice(0, 99);
  const picked = offered.find((c) => c.name === draft.name);
  const typed = option("Typed by its owner", TYPED_BY_OWNER);
  const blocks: KnownBlock[] = [
    { type: "divider" },
    {
      type: "input",
      block_id: SOURCE_BLOCKS.source,
      // Picking a source shows the field its kind reads.
      dispatch_action: true,
      optional: true,
      label: text("Measured from"),
      hint: text("One of the sources your okr-bot operator set up. The owner still confirms the value each week."),
      element: {
        type: "static_select",
        action_id: SOURCE_BLOCKS.source,
        options: [typed, ...offered.map((c) => option(choiceLabel(c), c.name))],
        initial_option: picked ? option(choiceLabel(picked), picked.name) : typed,
      },
    },
  ];
  if (!picked) return blocks;
  blocks.push(...fieldBlocks(picked.kind, draft), {
    type: "input",
    block_id: SOURCE_BLOCKS.auto,
    optional: true,
    label: text("Auto"),
    element: {
      type: "checkboxes",
      action_id: SOURCE_BLOCKS.auto,
      options: [autoOption],
      ...(draft.auto ? { initial_options: [autoOption] } : {}),
    },
  });
  blocks.push({
    type: "actions",
    block_id: SOURCE_BLOCKS.actions,
    elements: [{ type: "button", action_id: IDS.actions.trySource, text: text("Try it"), value: "try" }],
  });
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: data.tried
          ? triedText(data.tried)
          : "*Try it* reads the source with what you typed, without saving anything.",
      },
    ],
  });
  return blocks;
}

/** Source problems as field errors (response_action: errors), each under the field it is about, the first per field. */
export function sourceFieldErrors(
  problems: readonly SourceDraftProblem[],
  shown: ReadonlySet<string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    // A field the form does not show (it was not updated after the pick) falls back to the select.
    const id = p.field === "name" ? SOURCE_BLOCKS.source : SOURCE_BLOCKS[p.field];
    errors[shown.has(id) ? id : SOURCE_BLOCKS.source] ??= truncate(p.message, 150);
  }
  return errors;
}
