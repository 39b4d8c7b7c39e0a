// The weekly check-in: the DM prompt, the modal, and the DM once answered.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import { measurementFor } from "../domain/measurements";
import { plural } from "../domain/text";
import { CONFIDENCES, CONFIDENCE_LABELS, type Confidence } from "../domain/types";
import { confidenceLabel, esc, fitMrkdwn, goalText, keyResultSummary, truncate, valueWithUnit } from "./format";
import { fitInMessage } from "./split";
import { IDS } from "./ids";
import type { MessageContent } from "./types";

/** A modal holds 100 blocks; each key result takes 5, or 6 while a value awaits confirmation. */
export const MODAL_MAX_KEY_RESULTS = 16;
export const NOTE_MAX_LENGTH = 2000;

/**
 * What the key result's source read for this period: "3.1 s · from prod-prometheus at 08:55" (the
 * time in the reader's own zone), or why it could not; empty when it has no source or was not read.
 */
export function measuredLine(kr: Pick<KeyResultStatus, "measurements" | "unit">, week: string): string {
  const m = measurementFor(kr.measurements ?? [], week);
  if (!m) return "";
  if (m.value === null) return `:warning: ${esc(m.error ?? `couldn't read ${m.source}`)}. Type the value as usual.`;
  const at = `<!date^${Math.floor(m.readAt.getTime() / 1000)}^{time}|${m.readAt.toISOString().slice(11, 16)} UTC>`;
  return `:straight_ruler: *${valueWithUnit(m.value, kr.unit)}* · from ${esc(m.source)} at ${at}`;
}

export function checkinPrompt(data: { week: string; keyResults: KeyResultStatus[] }): MessageContent {
  const { fitted, left } = fitInMessage(
    data.keyResults.map((kr): KnownBlock => {
      const measured = measuredLine(kr, data.week);
      const text = `${keyResultSummary(kr)}${measured ? `\n${measured}` : ""}`;
      return { type: "section", text: { type: "mrkdwn", text: fitMrkdwn(text, 3000) } };
    }),
  );
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Weekly check-in · ${data.week}` } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `Time for your weekly update on ${plural(data.keyResults.length, "key result")}. It takes a minute: the new value, how confident you are, and a note.`,
      },
    },
    ...fitted,
  ];
  if (left > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${left} more in the check-in form.` }] });
  blocks.push({
    type: "actions",
    elements: [
      {
        type: "button",
        style: "primary",
        action_id: IDS.actions.openCheckin,
        value: data.week,
        text: { type: "plain_text", text: "Check in" },
      },
      {
        type: "button",
        action_id: IDS.actions.snooze,
        value: data.week,
        text: { type: "plain_text", text: "Snooze 1 day" },
      },
      {
        type: "button",
        action_id: IDS.actions.skip,
        value: data.week,
        text: { type: "plain_text", text: "Skip this week" },
      },
    ],
  });
  return {
    text: `Weekly check-in for ${data.week}: please update ${plural(data.keyResults.length, "key result")}`,
    blocks,
  };
}

export type ReceivedEntry = {
  title: string;
  value: number;
  unit: string | null;
  confidence: Confidence;
  note: string | null;
  /** A threshold key result: whether this value holds it, and the threshold ("< 60"). */
  threshold?: { met: boolean; target: string };
};

export function checkinReceived(data: { week: string; entries: ReceivedEntry[] }): MessageContent {
  const met = (e: ReceivedEntry) =>
    e.threshold ? ` · ${e.threshold.met ? "met" : "*not met*"} (target ${esc(e.threshold.target)})` : "";
  const lines = data.entries.map(
    (e) => `• *${esc(e.title)}*: ${valueWithUnit(e.value, e.unit)}${met(e)} · ${confidenceLabel(e.confidence)}`,
  );
  return {
    text: `Checked in ✓ for ${data.week}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: fitMrkdwn(`*Checked in ✓* · ${data.week}\n${lines.join("\n")}`, 3000) },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: IDS.actions.openCheckin,
            value: data.week,
            text: { type: "plain_text", text: "Edit check-in" },
          },
        ],
      },
    ],
  };
}

function confidenceOption(c: Confidence): PlainTextOption {
  return { text: { type: "plain_text", text: CONFIDENCE_LABELS[c] }, value: c };
}

export type CheckinModalMetadata = { week: string };

/** What the person typed, to show again when the modal asks them to confirm a value. */
export type CheckinDraft = {
  value: string;
  confidence: Confidence | null;
  note: string | null;
  evidenceUrl: string | null;
};

export const EVIDENCE_MAX_LENGTH = 2000;

export function checkinModal(data: {
  week: string;
  keyResults: KeyResultStatus[];
  drafts?: ReadonlyMap<number, CheckinDraft>;
  /** Key results whose new value needs a "yes, that's right". */
  confirm?: ReadonlySet<number>;
}): ModalView {
  const shown = data.keyResults.slice(0, MODAL_MAX_KEY_RESULTS);
  const blocks: KnownBlock[] = [];
  for (const kr of shown) {
    const measurement = measurementFor(kr.measurements ?? [], data.week);
    const measured = measuredLine(kr, data.week);
    // Until they answer, the value their source read this period is what they confirm or override.
    const prefillValue = kr.thisWeek?.value ?? measurement?.value ?? kr.latest?.value ?? kr.current;
    const prefill = kr.thisWeek ?? kr.latest;
    const draft = data.drafts?.get(kr.id);
    const confidence = draft ? draft.confidence : (prefill?.confidence ?? null);
    const note = draft ? draft.note : (kr.thisWeek?.note ?? null);
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(
          `*${esc(kr.title)}*\n${goalText(kr)}${kr.unit ? ` ${esc(kr.unit)}` : ""}${kr.baselineFromCheckIn && kr.checkIns.length === 0 ? "" : ` · last ${valueWithUnit(kr.previousValue, kr.unit)}`}${kr.measuredBy ? `\n_Measured by: ${esc(kr.measuredBy)}_` : ""}${measured ? `\n${measured}` : ""}`,
          3000,
        ),
      },
      ...(kr.sourceName
        ? {
            accessory: {
              type: "button" as const,
              action_id: IDS.actions.showSourceQuery,
              value: String(kr.id),
              text: { type: "plain_text" as const, text: "Query" },
            },
          }
        : {}),
    });
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.value}${kr.id}`,
      label: { type: "plain_text", text: truncate(`New value${kr.unit ? ` (${kr.unit})` : ""}`, 2000) },
      element: {
        type: "plain_text_input",
        action_id: IDS.checkinInputs.value,
        initial_value: draft?.value ?? formatPlain(prefillValue),
        placeholder: { type: "plain_text", text: "A number, e.g. 42 or 97.5" },
      },
    });
    if (data.confirm?.has(kr.id)) {
      blocks.push({
        type: "input",
        block_id: `${IDS.checkinBlocks.confirm}${kr.id}`,
        label: { type: "plain_text", text: "That is a bigger move than the whole baseline → target distance" },
        element: {
          type: "checkboxes",
          action_id: IDS.checkinInputs.confirm,
          options: [
            { text: { type: "plain_text", text: truncate(`Yes, ${draft?.value ?? ""} is right`, 75) }, value: "yes" },
          ],
        },
      });
    }
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.confidence}${kr.id}`,
      label: { type: "plain_text", text: "Confidence" },
      element: {
        type: "static_select",
        action_id: IDS.checkinInputs.confidence,
        options: CONFIDENCES.map(confidenceOption),
        ...(confidence ? { initial_option: confidenceOption(confidence) } : {}),
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
        ...(note ? { initial_value: note } : {}),
        placeholder: { type: "plain_text", text: "What moved it, what's blocking it" },
      },
    });
    const evidence = draft ? draft.evidenceUrl : (kr.thisWeek?.evidenceUrl ?? null);
    blocks.push({
      type: "input",
      block_id: `${IDS.checkinBlocks.evidence}${kr.id}`,
      optional: true,
      label: { type: "plain_text", text: "Link to evidence" },
      element: {
        type: "url_text_input",
        action_id: IDS.checkinInputs.evidence,
        ...(evidence ? { initial_value: evidence } : {}),
        placeholder: { type: "plain_text", text: "https://dashboard.example.com/…" },
      },
    });
  }
  if (data.keyResults.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Showing ${shown.length} of ${data.keyResults.length} key results; check in again for the rest.`,
        },
      ],
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

export function checkinReminder(data: { week: string; pending: KeyResultStatus[] }): MessageContent {
  const titles = data.pending.slice(0, 10).map((kr) => `• ${esc(kr.title)}`);
  if (data.pending.length > titles.length) titles.push(`• …and ${data.pending.length - titles.length} more`);
  return {
    text: `A gentle reminder: your check-in for ${data.week} is still open`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: fitMrkdwn(
            `:wave: A gentle reminder: your check-in for ${data.week} is still open.\n${titles.join("\n")}`,
            3000,
          ),
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            style: "primary",
            action_id: IDS.actions.openCheckin,
            value: data.week,
            text: { type: "plain_text", text: "Check in" },
          },
        ],
      },
    ],
  };
}

export function promptChoiceMessage(data: { week: string; choice: "snooze" | "skip"; until?: Date }): MessageContent {
  const text =
    data.choice === "skip"
      ? `Skipped ✓ · ${data.week}: no reminders this week, and the digest shows you as skipped rather than missing.`
      : `Snoozed ✓ · ${data.week}: I'll ask again tomorrow${data.until ? ` (<!date^${Math.floor(data.until.getTime() / 1000)}^{date_short_pretty} at {time}|${data.until.toISOString()}>)` : ""}.`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: IDS.actions.openCheckin,
            value: data.week,
            text: { type: "plain_text", text: "Check in now" },
          },
        ],
      },
    ],
  };
}

export function escalationMessage(data: { teamName: string; missing: string[]; periods: number }): MessageContent {
  const who = data.missing.map((u) => `<@${u}>`).join(", ");
  const text = `${esc(data.teamName)}: ${who} ${data.missing.length === 1 ? "has" : "have"} not checked in for ${data.periods} periods in a row.`;
  return {
    text: `${esc(data.teamName)}: ${data.missing.length} ${data.missing.length === 1 ? "person has" : "people have"} missed ${data.periods} check-ins in a row`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: fitMrkdwn(`:bell: ${text}`, 3000) } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "A friendly word may help; they can also use `/okr away` when they are out. You will hear about each run of misses once.",
          },
        ],
      },
    ],
  };
}

/** Pushed over the check-in modal on demand: what a key result's value is read with. */
export function sourceQueryModal(data: { title: string; source: string; what: string | null }): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "How it's measured" },
    close: { type: "plain_text", text: "Back" },
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: fitMrkdwn(`*${esc(data.title)}* is read from *${esc(data.source)}*:`, 3000) },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: data.what
            ? fitMrkdwn(`\`\`\`${data.what.replaceAll("```", "'''")}\`\`\``, 3000)
            : "_Its stored query cannot be read._",
        },
      },
    ],
  };
}
