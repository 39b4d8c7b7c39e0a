// Where a key result stands in a given week: its current value, progress and change, derived
// from its check-ins. Week keys ("2026-W07") sort chronologically as strings.
import { changeInDirection, progress } from "./progress";
import type { KeyResultEdit } from "./attention";
import type { Confidence, Direction } from "./types";

export type CheckInPoint = { week: string; value: number; confidence: Confidence; note: string | null; evidenceUrl?: string | null };

export type KeyResultFacts = {
  id: number;
  title: string;
  ownerSlackId: string | null;
  /** Proposed by someone else and not accepted by its owner yet: nobody is asked to check in on it. */
  pending?: boolean;
  baseline: number;
  target: number;
  unit: string | null;
  measuredBy: string | null;
  direction: Direction;
  checkIns: CheckInPoint[];
  /** Baseline and target changes made during the cycle (the guides: a sign of gaming). */
  edits?: KeyResultEdit[];
  /** Its share in its objective's progress (default 1). */
  weight?: number;
};

export type KeyResultStatus = KeyResultFacts & {
  /** The latest value reported up to this week, or the baseline. */
  current: number;
  progress: number;
  /** The latest check-in up to this week. */
  latest: CheckInPoint | null;
  /** This week's check-in, if there is one. */
  thisWeek: CheckInPoint | null;
  /** The value as of the end of the previous week (baseline when there was none). */
  previousValue: number;
  /** current − previousValue when checked in this week; null otherwise. */
  change: number | null;
  /** The change's sign relative to the KR's direction: >0 good, <0 bad, 0 flat. */
  changeQuality: number | null;
};

export function keyResultStatus(kr: KeyResultFacts, week: string): KeyResultStatus {
  const upToNow = kr.checkIns.filter((c) => c.week <= week).sort((a, b) => a.week.localeCompare(b.week));
  const latest = upToNow.at(-1) ?? null;
  const thisWeek = latest?.week === week ? latest : null;
  const before = upToNow.filter((c) => c.week < week).at(-1);
  const previousValue = before?.value ?? kr.baseline;
  const current = latest?.value ?? kr.baseline;
  const change = thisWeek ? current - previousValue : null;
  return {
    ...kr,
    current,
    progress: progress(kr, current),
    latest,
    thisWeek,
    previousValue,
    change,
    changeQuality: change === null ? null : changeInDirection(kr.direction, previousValue, current),
  };
}

/** Progress as of the end of each of `weeks` (the latest value reported by then, or the baseline). */
export function weeklyProgress(kr: KeyResultFacts, weeks: readonly string[]): number[] {
  const sorted = [...kr.checkIns].sort((a, b) => a.week.localeCompare(b.week));
  let i = 0;
  let value = kr.baseline;
  return weeks.map((week) => {
    while (i < sorted.length && sorted[i]!.week <= week) value = sorted[i++]!.value;
    return progress(kr, value);
  });
}
