// The weekly check-in: the DM prompt, the modal, and the DM once answered.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import { formatNumber } from "../domain/progress";
import { CONFIDENCES, CONFIDENCE_LABELS, type Confidence } from "../domain/types";
import { confidenceLabel, esc, keyResultLine, truncate, valueWithUnit } from "./format";
import { IDS } from "./ids";
import type { MessageContent } from "./types";

/** A modal holds 100 blocks; each key result takes 4. */
export const MODAL_MAX_KEY_RESULTS = 24;
/** A DM holds 50 blocks; leave room for the header, intro, overflow note and button. */
const PROMPT_MAX_KEY_RESULTS = 45;
export const NOTE_MAX_LENGTH = 2000;

export function checkinPrompt(data: { week: string; keyResults: KeyResultStatus[] }): MessageContent {
  const shown = data.keyResults.slice(0, PROMPT_MAX_KEY_RESULTS);
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Weekly check-in · ${data.week}` } },
    {
      type: "section",
      text: { type: "mrkdwn", text: `Time for your weekly update on ${plural(data.keyResults.length, "key result")}. It takes a minute: the new value, how confident you are, and a note.` },
    },
    ...shown.map((kr): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(keyResultLine(kr), 3000) } })),
  ];
  if (data.keyResults.length > shown.length) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${data.keyResults.length - shown.length} more in the check-in form.` }] });
  }
  blocks.push({
    type: "actions",
    elements: [{ type: "button", style: "primary", action_id: IDS.actions.openCheckin, value: data.week, text: { type: "plain_text", text: "Check in" } }],
  });
  return { text: `Weekly check-in for ${data.week}: please update ${plural(data.keyResults.length, "key result")}`, blocks };
}

export type ReceivedEntry = { title: string; value: number; unit: string | null; confidence: Confidence; note: string | null };

export function checkinReceived(data: { week: string; entries: ReceivedEntry[] }): MessageContent {
  const lines = data.entries.map((e) => `• *${esc(e.title)}*: ${valueWithUnit(e.value, e.unit)} · ${confidenceLabel(e.confidence)}`);
  return {
    text: `Checked in ✓ for ${data.week}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: truncate(`*Checked in ✓* · ${data.week}\n${lines.join("\n")}`, 3000) } },
      {
        type: "actions",
        elements: [{ type: "button", action_id: IDS.actions.openCheckin, value: data.week, text: { type: "plain_text", text: "Edit check-in" } }],
      },
    ],
  };
}

function confidenceOption(c: Confidence): PlainTextOption {
  return { text: { type: "plain_text", text: CONFIDENCE_LABELS[c] }, value: c };
}

export type CheckinModalMetadata = { week: string };

export function checkinModal(data: { week: string; keyResults: KeyResultStatus[] }): ModalView {
  const shown = data.keyResults.slice(0, MODAL_MAX_KEY_RESULTS);
  const blocks: KnownBlock[] = [];
  for (const kr of shown) {
    const prefill = kr.thisWeek ?? kr.latest;
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(
          `*${esc(kr.title)}*\n${formatNumber(kr.baseline)} → ${formatNumber(kr.target)}${kr.unit ? ` ${esc(kr.unit)}` : ""}${kr.measuredBy ? `\n_Measured by: ${esc(kr.measuredBy)}_` : ""}`,
          3000,
        ),
      },
    });
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.value}${kr.id}`,
      label: { type: "plain_text", text: truncate(`New value${kr.unit ? ` (${kr.unit})` : ""}`, 2000) },
      element: {
        type: "plain_text_input",
        action_id: IDS.checkinInputs.value,
        initial_value: formatPlain(prefill?.value ?? kr.current),
        placeholder: { type: "plain_text", text: "A number, e.g. 42 or 97.5" },
      },
    });
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.confidence}${kr.id}`,
      label: { type: "plain_text", text: "Confidence" },
      element: {
        type: "static_select",
        action_id: IDS.checkinInputs.confidence,
        options: CONFIDENCES.map(confidenceOption),
        ...(prefill ? { initial_option: confidenceOption(prefill.confidence) } : {}),
      },
    });
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.note}${kr.id}`,
      optional: true,
      label: { type: "plain_text", text: "Note" },
      element: {
        type: "plain_text_input",
        action_id: IDS.checkinInputs.note,
        multiline: true,
        max_length: NOTE_MAX_LENGTH,
        ...(kr.thisWeek?.note ? { initial_value: kr.thisWeek.note } : {}),
        placeholder: { type: "plain_text", text: "What moved it, what's blocking it" },
      },
    });
  }
  if (data.keyResults.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `Showing ${shown.length} of ${data.keyResults.length} key results; check in again for the rest.` }],
    });
  }
  const metadata: CheckinModalMetadata = { week: data.week };
  return {
    type: "modal",
    callback_id: IDS.views.checkin,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Weekly check-in" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

/** A number as a person would type it: no thousands separators. */
function formatPlain(n: number): string {
  return String(Number(n.toFixed(4)));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function checkinReminder(data: { week: string; pending: KeyResultStatus[] }): MessageContent {
  const titles = data.pending.slice(0, 10).map((kr) => `• ${esc(kr.title)}`);
  if (data.pending.length > titles.length) titles.push(`• …and ${data.pending.length - titles.length} more`);
  return {
    text: `A gentle reminder: your check-in for ${data.week} is still open`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: truncate(`:wave: A gentle reminder: your check-in for ${data.week} is still open.\n${titles.join("\n")}`, 3000) },
      },
      {
        type: "actions",
        elements: [{ type: "button", style: "primary", action_id: IDS.actions.openCheckin, value: data.week, text: { type: "plain_text", text: "Check in" } }],
      },
    ],
  };
}
