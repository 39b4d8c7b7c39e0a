// What a manager should look at first in a digest (the guides' warning signs): confidence that
// disagrees with the pace, key results off track, owners gone quiet, and goalposts moved mid-cycle.
import type { KeyResultEdit, KeyResultStatus } from "./keyResultStatus";

export type { KeyResultEdit };
import { periodOfWeek, type Cadence } from "./periods";
import { formatNumber, formatPercent } from "./progress";
import { weekNumber } from "./time";
import { differsFromMeasured, sourceFailing, tolerance } from "./measurements";

/** "Well behind": this many percentage points of progress short of the time elapsed. */
export const BEHIND_PACE_BY = 0.2;
/** Not before this much of the cycle is gone: in its first weeks every key result is "behind". */
export const PACE_CHECK_FROM = 0.15;
export const SILENT_PERIODS = 2;

export type AttentionKind =
  | "threshold_breached"
  | "off_track"
  | "confident_but_behind"
  | "worried_but_ahead"
  | "silent"
  | "goalposts_moved"
  | "typed_not_measured"
  | "source_failing";

export type AttentionItem = {
  kind: AttentionKind;
  keyResultId: number;
  title: string;
  ownerSlackId: string | null;
  detail: string;
  editorSlackId?: string | null;
};

function editedValue(n: number, text: string | null | undefined): string {
  if (text === null) return "none";
  // A plain number (as stored for baselines and number targets) is formatted; "+5" or "< 60" is shown as written.
  if (text === undefined || String(Number(text)) === text) return formatNumber(n);
  return text;
}

const ORDER: AttentionKind[] = [
  "threshold_breached",
  "off_track",
  "confident_but_behind",
  "worried_but_ahead",
  "typed_not_measured",
  "silent",
  "goalposts_moved",
  "source_failing",
];

/** Whole periods with no check-in between the last one (or the cycle's start) and `period`, not counting `period` itself. */
export function silentPeriods(
  kr: Pick<KeyResultStatus, "latest">,
  period: string,
  firstWeekOfCycle: string,
  cadence: Cadence,
): number {
  const length = cadence === "biweekly" ? 2 : 1;
  const current = weekNumber(period);
  const last = kr.latest
    ? weekNumber(periodOfWeek(kr.latest.week, cadence))
    : weekNumber(periodOfWeek(firstWeekOfCycle, cadence)) - length;
  return Math.max(0, Math.floor((current - last) / length) - 1);
}

export function attentionItems(input: {
  keyResults: ReadonlyArray<KeyResultStatus & { edits?: readonly KeyResultEdit[] }>;
  /** Fraction of the cycle gone: the expected progress at a steady pace. */
  elapsed: number;
  period: string;
  firstWeekOfCycle: string;
  cadence: Cadence;
  /** Owners away or who skipped this period: their silence is explained. */
  excused: ReadonlySet<string>;
}): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const kr of input.keyResults) {
    if (kr.pending) continue;
    const add = (kind: AttentionKind, detail: string, editorSlackId?: string | null) =>
      items.push({
        kind,
        keyResultId: kr.id,
        title: kr.title,
        ownerSlackId: kr.ownerSlackId,
        detail,
        ...(editorSlackId !== undefined ? { editorSlackId } : {}),
      });
    if (kr.comparator && kr.thisWeek && kr.met === false) {
      add(
        "threshold_breached",
        `breached: ${formatNumber(kr.thisWeek.value)}${kr.unit ? ` ${kr.unit}` : ""}, target ${kr.comparator} ${formatNumber(kr.target)} (${kr.weeksMet} of ${kr.weeksCheckedIn} weeks met)`,
      );
    }
    const confidence = kr.latest?.confidence;
    // Pace means nothing for a threshold (held or not each week) or before there is a baseline.
    const paced = kr.scored && !kr.comparator;
    const pace = `${formatPercent(kr.progress)} done at ${formatPercent(input.elapsed)} of the quarter`;
    if (confidence === "off_track" && paced && kr.progress >= input.elapsed && input.elapsed >= PACE_CHECK_FROM)
      add("worried_but_ahead", `says off track, but is on pace: ${pace}`);
    else if (confidence === "off_track") add("off_track", paced ? `off track: ${pace}` : "off track");
    if (
      confidence === "on_track" &&
      paced &&
      input.elapsed >= PACE_CHECK_FROM &&
      kr.progress < input.elapsed - BEHIND_PACE_BY
    )
      add("confident_but_behind", `says on track, but ${pace}`);
    const typed = kr.thisWeek;
    if (typed && differsFromMeasured(typed.value, typed.measuredValue, tolerance(kr))) {
      const unit = kr.unit ? ` ${kr.unit}` : "";
      add(
        "typed_not_measured",
        `typed ${formatNumber(typed.value)}${unit}, ${kr.sourceName ?? "its source"} measured ${formatNumber(typed.measuredValue!)}${unit}`,
      );
    }
    const failing = sourceFailing(kr.measurements ?? [], input.period);
    if (failing)
      add("source_failing", `source failing since ${failing.since.toISOString().slice(0, 10)}: ${failing.error}`);
    const silent = silentPeriods({ latest: kr.lastAnswered }, input.period, input.firstWeekOfCycle, input.cadence);
    if (silent >= SILENT_PERIODS && !(kr.ownerSlackId && input.excused.has(kr.ownerSlackId))) {
      add(
        "silent",
        kr.lastAnswered
          ? `no check-in for ${silent} ${input.cadence === "biweekly" ? "fortnights" : "weeks"} (last: ${kr.lastAnswered.week})`
          : `no check-in yet this cycle`,
      );
    }
    for (const edit of kr.edits ?? []) {
      add(
        "goalposts_moved",
        `${edit.field} moved ${editedValue(edit.before, edit.beforeText)} → ${editedValue(edit.after, edit.afterText)} on ${edit.at.toISOString().slice(0, 10)}`,
        edit.editorSlackId,
      );
    }
  }
  return items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}
