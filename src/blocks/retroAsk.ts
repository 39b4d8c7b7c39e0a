// Asking owners for their retro: the DM listing their key results, its reminder, the modal with
// the guide's review questions, and the DM asking to confirm a key result carried forward.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { formatNumber } from "../domain/progress";
import { describeTarget } from "../domain/targets";
import { RETRO_TEXT_MAX_LENGTH } from "../domain/retroAnswers";
import { SCORE_BANDS, scoreBand } from "../domain/scoring";
import { plural } from "../domain/text";
import { esc, escFit, truncate, valueWithUnit } from "./format";
import { fitInMessage } from "./split";
import { IDS } from "./ids";
import type { MessageContent } from "./types";

export type RetroAskItem = { keyResultId: number; title: string; score: number; answered: boolean };
export type RetroAsk = { cycleKey: string; teamName: string; channelId: string; endsOn: string; items: RetroAskItem[] };

function itemBlock(item: RetroAskItem): KnownBlock {
  const band = scoreBand(item.score);
  return {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `${item.answered ? ":white_check_mark:" : ":memo:"} *${escFit(item.title, 300)}*\n${item.answered ? "Your score" : "Score from its progress"}: *${item.score.toFixed(1)}* (${band.range} ${band.label})`,
    },
    accessory: {
      type: "button",
      action_id: IDS.actions.openRetro,
      value: String(item.keyResultId),
      text: { type: "plain_text", text: item.answered ? "Edit answers" : "Reflect" },
      ...(item.answered ? {} : { style: "primary" as const }),
    },
  };
}

export function retroRequestMessage(ask: RetroAsk, opts: { reminder?: boolean } = {}): MessageContent {
  const open = ask.items.filter((i) => !i.answered).length;
  const intro = opts.reminder
    ? `A reminder: ${plural(open, "key result")} still without your retro answers.`
    : `${escFit(ask.teamName, 80)}'s ${ask.cycleKey} ends on ${ask.endsOn}. For each key result you own: a score from 0.0 to 1.0, what worked, what didn't, what you learned, and whether to carry it forward.`;
  const { fitted, left } = fitInMessage(ask.items.map(itemBlock));
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(`Retro · ${ask.cycleKey} · ${ask.teamName}`, 150) } },
    { type: "section", text: { type: "mrkdwn", text: intro } },
    ...fitted,
  ];
  if (left > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${left} more: \`/okr\` lists them.` }] });
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `Your answers go in the retro thread in <#${ask.channelId}> when the quarter ends; answers given later update it.`,
      },
    ],
  });
  const done = open === 0;
  return {
    text: done
      ? `Retro for ${ask.cycleKey}: all answered ✓`
      : opts.reminder
        ? `Reminder: your ${ask.cycleKey} retro (${plural(open, "key result")} to go)`
        : `Retro time for ${ask.cycleKey}: ${plural(ask.items.length, "key result")}`,
    blocks,
  };
}

export type RetroModalData = {
  keyResultId: number;
  title: string;
  objectiveTitle: string;
  finalValue: number;
  unit: string | null;
  baseline: number;
  target: number;
  /** The key result's goal as the digest shows it ("target < 60 · met · 3 of 4 weeks met"); default baseline → target. */
  goal?: string;
  /** A threshold: the score is the share of check-ins that held it. */
  threshold?: boolean;
  computedScore: number;
  answers: {
    score: number | null;
    worked: string | null;
    didnt: string | null;
    learned: string | null;
    carryForward: boolean | null;
  };
};

export type RetroModalMetadata = { keyResultId: number };

const option = (text: string, value: string): PlainTextOption => ({ text: { type: "plain_text", text }, value });
const CARRY = [option("Yes: draft it for next quarter", "yes"), option("No: it's done or no longer matters", "no")];

function longText(blockId: string, label: string, value: string | null, placeholder: string): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: { type: "plain_text", text: label },
    element: {
      type: "plain_text_input",
      action_id: blockId,
      multiline: true,
      max_length: RETRO_TEXT_MAX_LENGTH,
      placeholder: { type: "plain_text", text: placeholder },
      ...(value ? { initial_value: value } : {}),
    },
  };
}

export function retroModal(data: RetroModalData): ModalView {
  const f = IDS.retroForm;
  const score = data.answers.score ?? data.computedScore;
  const bands = (["perfect", "strong", "progress", "failed"] as const)
    .map((b) => `*${SCORE_BANDS[b].range}* ${SCORE_BANDS[b].label}: ${SCORE_BANDS[b].meaning}`)
    .join("\n");
  const carry = data.answers.carryForward === null ? undefined : CARRY[data.answers.carryForward ? 0 : 1];
  const metadata: RetroModalMetadata = { keyResultId: data.keyResultId };
  return {
    type: "modal",
    callback_id: IDS.views.retro,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Retro" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${escFit(data.title, 300)}*\n_${escFit(data.objectiveTitle, 300)}_\nFinal ${valueWithUnit(data.finalValue, data.unit)} (${data.goal ?? `${formatNumber(data.baseline)} → ${formatNumber(data.target)}`}): a score of *${data.computedScore.toFixed(1)}* ${data.threshold ? "from the share of check-ins that met the target" : "from progress"}.`,
        },
      },
      {
        type: "input",
        block_id: f.score,
        label: { type: "plain_text", text: "Score (0.0–1.0)" },
        hint: {
          type: "plain_text",
          text: "Pre-filled from the final progress; change it if the number misses the story.",
        },
        element: { type: "plain_text_input", action_id: f.score, initial_value: score.toFixed(1), max_length: 10 },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: bands }] },
      longText(f.worked, "What worked", data.answers.worked, "What helped: practices, tools, decisions"),
      longText(f.didnt, "What didn't work", data.answers.didnt, "What got in the way"),
      longText(f.learned, "What we learned", data.answers.learned, "What you'd do differently"),
      {
        type: "input",
        block_id: f.carryForward,
        optional: true,
        label: { type: "plain_text", text: "Carry it forward to next quarter?" },
        element: {
          type: "radio_buttons",
          action_id: f.carryForward,
          options: CARRY,
          ...(carry ? { initial_option: carry } : {}),
        },
      },
    ],
  };
}

export type CarryForwardData = {
  keyResultId: number;
  title: string;
  fromCycle: string;
  toCycle: string;
  baseline: number;
  target: number;
  unit: string | null;
  comparator?: string | null;
  targetText?: string | null;
  baselineFromCheckIn?: boolean;
};

function carriedGoal(d: CarryForwardData): string {
  if (d.comparator)
    return `the same threshold, target ${esc(describeTarget({ target: d.target, comparator: d.comparator, targetText: d.targetText ?? null }))}${d.unit ? ` ${esc(d.unit)}` : ""},`;
  if (d.baselineFromCheckIn)
    return `no baseline yet (the first check-in will set it), target ${d.targetText ? esc(d.targetText) : valueWithUnit(d.target, d.unit)}`;
  return `baseline ${valueWithUnit(d.baseline, d.unit)} (its final value), target ${valueWithUnit(d.target, d.unit)}${d.targetText ? ` (${esc(d.targetText)})` : ""}`;
}

export function carryForwardMessage(d: CarryForwardData): MessageContent {
  return {
    text: `Carried forward to ${d.toCycle}: ${escFit(d.title, 300)}. Please confirm its target.`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `:arrow_right: *${escFit(d.title, 300)}* (#${d.keyResultId}) is carried forward from ${d.fromCycle} to ${d.toCycle}: ${carriedGoal(d)} *to confirm*. Its history stays with ${d.fromCycle}.`,
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Change the target or anything else with \`/okr edit ${d.keyResultId}\`, then confirm. Until you do, it gets no check-in prompts.`,
          },
        ],
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            style: "primary",
            action_id: IDS.actions.acceptKeyResult,
            value: String(d.keyResultId),
            text: { type: "plain_text", text: "Confirm" },
          },
        ],
      },
    ],
  };
}
