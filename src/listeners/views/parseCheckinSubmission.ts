// view.state.values of the check-in modal → check-in entries, or field errors keyed by block_id.
import { z } from "zod";
import { EVIDENCE_MAX_LENGTH, NOTE_MAX_LENGTH, type CheckinDraft } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { CHECKIN_FIELDS } from "../../blocks/sentences";
import { parseEvidenceUrl } from "../../domain/evidenceUrl";
import { parseNumberInput } from "../../domain/numberInput";
import { CONFIDENCES } from "../../domain/types";
import type { CheckinEntry } from "../../services/checkins";

const inputState = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const stateValues = z.record(z.string(), z.record(z.string(), inputState));

export type CheckinSubmission =
  | { ok: true; entries: CheckinEntry[]; confirmed: Set<number>; drafts: Map<number, CheckinDraft> }
  | { ok: false; errors: Record<string, string> };

export function parseCheckinSubmission(values: unknown): CheckinSubmission {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success) return { ok: false, errors: {} };
  const state = parsed.data;
  const field = (prefix: string, id: number, action: string) => state[`${prefix}${id}`]?.[action];
  const ids = Object.keys(state)
    .filter((b) => b.startsWith(IDS.checkinBlocks.value))
    .map((b) => Number(b.slice(IDS.checkinBlocks.value.length)))
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  if (ids.length === 0) return { ok: false, errors: {} };

  const errors: Record<string, string> = {};
  const entries: CheckinEntry[] = [];
  const confirmed = new Set<number>();
  const drafts = new Map<number, CheckinDraft>();
  for (const id of ids) {
    const rawValue = field(IDS.checkinBlocks.value, id, IDS.checkinInputs.value)?.value ?? "";
    const value = parseNumberInput(rawValue);
    if (value === null) {
      errors[`${IDS.checkinBlocks.value}${id}`] =
        rawValue.trim() === "" ? CHECKIN_FIELDS.noValue : CHECKIN_FIELDS.notANumber;
    }
    const confidence = CONFIDENCES.find(
      (c) => c === field(IDS.checkinBlocks.confidence, id, IDS.checkinInputs.confidence)?.selected_option?.value,
    );
    if (!confidence) errors[`${IDS.checkinBlocks.confidence}${id}`] = CHECKIN_FIELDS.noConfidence;
    const note = field(IDS.checkinBlocks.note, id, IDS.checkinInputs.note)?.value?.trim() || null;
    if (note && note.length > NOTE_MAX_LENGTH) {
      errors[`${IDS.checkinBlocks.note}${id}`] = CHECKIN_FIELDS.noteTooLong(NOTE_MAX_LENGTH, note.length);
    }
    const rawEvidence = field(IDS.checkinBlocks.evidence, id, IDS.checkinInputs.evidence)?.value?.trim() || null;
    const evidenceUrl = rawEvidence ? parseEvidenceUrl(rawEvidence, EVIDENCE_MAX_LENGTH) : null;
    if (rawEvidence && !evidenceUrl) errors[`${IDS.checkinBlocks.evidence}${id}`] = CHECKIN_FIELDS.badLink;
    const confirmation = field(IDS.checkinBlocks.confirm, id, IDS.checkinInputs.confirm)?.selected_options ?? [];
    if (confirmation.some((o) => o.value === "yes")) confirmed.add(id);
    drafts.set(id, { value: rawValue, confidence: confidence ?? null, note, evidenceUrl: rawEvidence });
    if (value !== null && confidence) entries.push({ keyResultId: id, value, confidence, note, evidenceUrl });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, entries, confirmed, drafts };
}
