// The modals where people write OKRs: a new objective with its key results, and editing one key
// result. The linter's hints appear next to the fields they are about.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import {
  MAX_KEY_RESULT_SLOTS,
  TEXT_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type DraftProblem,
  type KeyResultDraft,
  type ObjectiveDraft,
} from "../domain/okrDraft";
import { plural } from "../domain/text";
import { escFit, truncate } from "./format";
import { IDS } from "./ids";
import type { AlignGroup } from "../domain/tree";
import type { SourceChoice, SourceDraft, TryResult } from "../domain/sourceDraft";
import { sourceFields } from "./sourceFields";

export const INITIAL_KEY_RESULT_SLOTS = 3;
/** A number as typed ("1,234.5", "97.5%") fits easily. */
export const NUMBER_MAX_LENGTH = 30;

export type ObjectiveFormMetadata = { slots: number; acknowledged?: string };
export type KeyResultFormMetadata = { keyResultId: number; acknowledged?: string };

const kf = IDS.keyResultForm;
const of = IDS.objectiveForm;

/** The block_id of a key result field in slot `slot`; the edit form uses slot 0. */
export function keyResultBlockId(field: keyof typeof kf, slot: number): string {
  return `${kf[field]}_${slot}`;
}

const FIELD_BLOCK: Record<DraftProblem["field"], keyof typeof kf | null> = {
  title: "title",
  owner: "owner",
  baseline: "baseline",
  target: "target",
  unit: "unit",
  measured_by: "measuredBy",
  weight: "weight",
  why: null,
  key_results: null,
};

/** Where a problem is shown as a field error (response_action: errors). */
export function problemBlockId(problem: DraftProblem): string {
  if (problem.slot !== null) return keyResultBlockId(FIELD_BLOCK[problem.field] ?? "title", problem.slot);
  if (problem.field === "why") return of.why;
  if (problem.field === "key_results") return keyResultBlockId("title", 0);
  return of.title;
}

/** Field errors for Slack: one message per block (the first problem of each). */
export function fieldErrors(problems: readonly DraftProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) errors[problemBlockId(p)] ??= truncate(p.message, 150);
  return errors;
}

const text = (value: string) => ({ type: "plain_text" as const, text: value });

function textInput(
  blockId: string,
  label: string,
  value: string,
  opts: { optional?: boolean; placeholder?: string; hint?: string; maxLength?: number; multiline?: boolean } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: opts.optional ?? false,
    label: text(label),
    ...(opts.hint ? { hint: text(opts.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: blockId,
      ...(value ? { initial_value: value } : {}),
      ...(opts.placeholder ? { placeholder: text(opts.placeholder) } : {}),
      ...(opts.maxLength ? { max_length: opts.maxLength } : {}),
      ...(opts.multiline ? { multiline: true } : {}),
    },
  };
}

function hintBlock(problems: readonly DraftProblem[]): KnownBlock[] {
  if (problems.length === 0) return [];
  const lines = problems.map(
    (p) => `:bulb: ${escFit(p.message, 400)}${p.suggestion ? ` _${escFit(p.suggestion, 400)}_` : ""}`,
  );
  return [{ type: "context", elements: [{ type: "mrkdwn", text: truncate(lines.join("\n"), 3000) }] }];
}

function summary(warnings: readonly DraftProblem[]): KnownBlock[] {
  if (warnings.length === 0) return [];
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:mag: *${plural(warnings.length, "hint")} from the OKR guides*, shown under the fields below. Change what you agree with, or press *Save anyway*.`,
      },
    },
  ];
}

function keyResultFields(
  slot: number,
  kr: KeyResultDraft,
  warnings: readonly DraftProblem[],
  opts: { optional: boolean },
): KnownBlock[] {
  const optional = opts.optional;
  const blocks: KnownBlock[] = [
    textInput(keyResultBlockId("title", slot), "Key result", kr.title, {
      optional,
      maxLength: TITLE_MAX_LENGTH,
      placeholder: "An outcome: Reduce P1 incidents from 8 to 2 per quarter",
    }),
    ...hintBlock(warnings.filter((w) => w.field === "title")),
    {
      type: "input",
      block_id: keyResultBlockId("owner", slot),
      optional: true,
      label: text("Owner"),
      hint: text("Someone other than you is asked to accept it first."),
      element: {
        type: "users_select",
        action_id: keyResultBlockId("owner", slot),
        ...(kr.ownerSlackId ? { initial_user: kr.ownerSlackId } : {}),
      },
    },
    ...hintBlock(warnings.filter((w) => w.field === "owner")),
  ];
  blocks.push({
    type: "input",
    block_id: keyResultBlockId("coOwners", slot),
    optional: true,
    label: text("Co-owners (may check in too)"),
    hint: text("Co-owners in other teams make it a shared key result: it shows in their teams' digests too."),
    element: {
      type: "multi_users_select",
      action_id: keyResultBlockId("coOwners", slot),
      initial_users: kr.coOwnerSlackIds ?? [],
    },
  });
  blocks.push(
    textInput(keyResultBlockId("baseline", slot), "Baseline (where it stands today)", kr.baseline, {
      optional: true,
      placeholder: "8",
      hint: "Not measured yet? Leave it blank: the first check-in sets it.",
      maxLength: NUMBER_MAX_LENGTH,
    }),
    textInput(keyResultBlockId("target", slot), "Target (by the end of the cycle)", kr.target, {
      optional,
      placeholder: "2",
      hint: "A number (2), a threshold to hold every week (< 60, >= 99.95) or a change from the baseline (-30%, +5).",
      maxLength: NUMBER_MAX_LENGTH,
    }),
    ...hintBlock(warnings.filter((w) => w.field === "baseline" || w.field === "target")),
    textInput(keyResultBlockId("unit", slot), "Unit", kr.unit, {
      optional: true,
      maxLength: 20,
      placeholder: "%, ms, incidents",
    }),
    textInput(keyResultBlockId("measuredBy", slot), "Measured by", kr.measuredBy, {
      optional: true,
      maxLength: TEXT_MAX_LENGTH,
      placeholder: "Where the number comes from: Incident tracker, RUM p75 on /checkout",
    }),
    ...hintBlock(warnings.filter((w) => w.field === "measured_by" || w.field === "unit")),
    textInput(keyResultBlockId("weight", slot), "Weight", kr.weight ?? "", {
      optional: true,
      placeholder: "1",
      hint: "Its share in the objective's progress: 2 counts twice as much as 1. Blank means 1.",
      maxLength: NUMBER_MAX_LENGTH,
    }),
  );
  return blocks;
}

const option = (label: string, value: string): PlainTextOption => ({ text: text(truncate(label, 75)), value });

/** A select holds 100 options in all: the first 100 objectives, by team. */
const MAX_ALIGN_OPTIONS = 100;

function alignField(
  groups: readonly AlignGroup[],
  selected: number | null,
  label = "Serves (aligns to)",
): KnownBlock[] {
  let room = MAX_ALIGN_OPTIONS;
  const fitted = groups
    .map((g) => {
      const objectives = g.objectives.slice(0, Math.max(0, room));
      room -= objectives.length;
      return { ...g, objectives };
    })
    .filter((g) => g.objectives.length > 0);
  if (fitted.length === 0) return [];
  const chosen = fitted.flatMap((g) => g.objectives).find((o) => o.id === selected);
  return [
    {
      type: "input",
      block_id: of.alignsTo,
      optional: true,
      label: text(label),
      hint: text("An objective of a team above this one. Its progress then rolls up into that objective's."),
      element: {
        type: "static_select",
        action_id: of.alignsTo,
        option_groups: fitted.map((g) => ({
          label: text(truncate(g.team, 75)),
          options: g.objectives.map((o) => option(o.title, String(o.id))),
        })),
        ...(chosen ? { initial_option: option(chosen.title, String(chosen.id)) } : {}),
      },
    },
  ];
}

/** Beside "Its objective serves": the objective's share in that roll-up, as typed. */
function objectiveWeightField(typed: string): KnownBlock {
  return textInput(of.weight, "Its objective's weight in what it serves", typed, {
    optional: true,
    placeholder: "1",
    hint: "Its share in the roll-up of the objective it serves: 2 counts twice as much as 1. Blank means 1.",
    maxLength: NUMBER_MAX_LENGTH,
  });
}

export const EMPTY_KEY_RESULT: KeyResultDraft = {
  title: "",
  ownerSlackId: null,
  baseline: "",
  target: "",
  unit: "",
  measuredBy: "",
  weight: "",
};

export function objectiveModal(data: {
  teams: Array<{ id: number; name: string }>;
  teamId: number | null;
  cycleKey: string;
  draft: ObjectiveDraft;
  warnings?: readonly DraftProblem[];
  acknowledged?: string;
  /** Objectives of the teams above, by team: what this one may align to. */
  alignTo?: readonly AlignGroup[];
  alignsToId?: number | null;
}): ModalView {
  const warnings = data.warnings ?? [];
  const slots = Math.min(MAX_KEY_RESULT_SLOTS, Math.max(1, data.draft.keyResults.length));
  const team = data.teams.find((t) => t.id === data.teamId);
  const blocks: KnownBlock[] = [
    ...summary(warnings),
    {
      type: "input",
      block_id: of.team,
      label: text("Team"),
      element: {
        type: "static_select",
        action_id: of.team,
        options: data.teams.slice(0, 100).map((t) => option(t.name, String(t.id))),
        ...(team ? { initial_option: option(team.name, String(team.id)) } : {}),
      },
    },
    textInput(of.title, `Objective for ${data.cycleKey}`, data.draft.title, {
      maxLength: TITLE_MAX_LENGTH,
      placeholder: "Qualitative and inspiring: Make our platform rock-solid reliable",
    }),
    ...hintBlock(warnings.filter((w) => w.slot === null && w.field === "title")),
    textInput(of.why, "Why it matters now", data.draft.why, {
      optional: true,
      multiline: true,
      maxLength: TEXT_MAX_LENGTH * 3,
    }),
    {
      type: "input",
      block_id: of.owner,
      optional: true,
      label: text("Objective owner"),
      hint: text("Key results without an owner of their own go to this person."),
      element: {
        type: "users_select",
        action_id: of.owner,
        ...(data.draft.ownerSlackId ? { initial_user: data.draft.ownerSlackId } : {}),
      },
    },
    ...hintBlock(warnings.filter((w) => w.slot === null && (w.field === "owner" || w.field === "key_results"))),
    ...alignField(data.alignTo ?? [], data.alignsToId ?? null),
  ];
  for (let slot = 0; slot < slots; slot++) {
    blocks.push({ type: "divider" }, { type: "header", text: text(`Key result ${slot + 1}`) });
    const kr = data.draft.keyResults[slot] ?? EMPTY_KEY_RESULT;
    // Only the first key result is required; empty ones are left out.
    blocks.push(
      ...keyResultFields(
        slot,
        kr,
        warnings.filter((w) => w.slot === slot),
        { optional: slot > 0 },
      ),
    );
  }
  if (slots < MAX_KEY_RESULT_SLOTS) {
    blocks.push({
      type: "actions",
      block_id: of.krActions,
      elements: [
        { type: "button", action_id: IDS.actions.addKeyResult, text: text("Add a key result"), value: String(slots) },
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: "The guides: 3–5 key results per objective, each an outcome with a baseline, a target and a source.",
      },
    ],
  });
  const metadata: ObjectiveFormMetadata = { slots, ...(data.acknowledged ? { acknowledged: data.acknowledged } : {}) };
  return {
    type: "modal",
    callback_id: IDS.views.newObjective,
    private_metadata: JSON.stringify(metadata),
    title: text("New objective"),
    submit: text(data.acknowledged ? "Save anyway" : "Save"),
    close: text("Cancel"),
    blocks,
  };
}

export function keyResultModal(data: {
  keyResultId: number;
  objectiveTitle: string;
  draft: KeyResultDraft;
  warnings?: readonly DraftProblem[];
  acknowledged?: string;
  /** Objectives of the teams above, by team: what this one may align to. */
  alignTo?: readonly AlignGroup[];
  alignsToId?: number | null;
  /** The objective's weight in what it serves, as typed (shown with the aligns-to select). */
  objectiveWeight?: string;
  /** "Measured from": the operator's sources and what the form holds; absent or no choices and no source: not shown. */
  source?: { choices: readonly SourceChoice[]; draft: SourceDraft; tried?: TryResult };
}): ModalView {
  const warnings = data.warnings ?? [];
  const align = alignField(data.alignTo ?? [], data.alignsToId ?? null, "Its objective serves (aligns to)");
  const metadata: KeyResultFormMetadata = {
    keyResultId: data.keyResultId,
    ...(data.acknowledged ? { acknowledged: data.acknowledged } : {}),
  };
  return {
    type: "modal",
    callback_id: IDS.views.editKeyResult,
    private_metadata: JSON.stringify(metadata),
    title: text(truncate(`Edit key result #${data.keyResultId}`, 24)),
    submit: text(data.acknowledged ? "Save anyway" : "Save"),
    close: text("Cancel"),
    blocks: [
      ...summary(warnings),
      { type: "context", elements: [{ type: "mrkdwn", text: `Objective: *${escFit(data.objectiveTitle, 2000)}*` }] },
      ...keyResultFields(0, data.draft, warnings, { optional: false }),
      ...(data.source ? sourceFields(data.source) : []),
      ...align,
      // Only beside the select: shown to those who may change the objective, when there is something to serve.
      ...(align.length > 0 ? [objectiveWeightField(data.objectiveWeight ?? "")] : []),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Changing the baseline or the target mid-cycle is shown in the team's digest. The check-in history stays.",
          },
        ],
      },
    ],
  };
}
