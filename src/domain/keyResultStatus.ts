// Where a key result stands in a given week: its current value, progress and change, derived
// from its check-ins. Week keys ("2026-W07") sort chronologically as strings.
import { changeInDirection, progress } from "./progress";
import { meets, type Comparator } from "./targets";
import type { Confidence, Direction } from "./types";

/** A baseline or target change made during the cycle. */
export type KeyResultEdit = {
  field: "baseline" | "target";
  before: number;
  after: number;
  /** As recorded, for targets that are not plain numbers ("-30%", "< 60") and a baseline not set yet (null). */
  beforeText?: string | null;
  afterText?: string | null;
  at: Date;
  editorSlackId: string | null;
};

/** A value read from the key result's source for a period (null value: the read failed). */
export type MeasurementPoint = {
  week: string;
  source: string;
  /** Null when the read failed. */
  value: number | null;
  error: string | null;
  readAt: Date;
};

export type CheckInPoint = {
  week: string;
  value: number;
  /** Null for a value its source measured that nobody answered about (`measured`). */
  confidence: Confidence | null;
  note: string | null;
  evidenceUrl?: string | null;
  /** The value came from the key result's source (auto), not from a check-in. */
  measured?: boolean;
  /** What the source measured when the owner answered, if it did. */
  measuredValue?: number | null;
};

/** A check-in someone answered: with their confidence. */
export type AnsweredCheckIn = CheckInPoint & { confidence: Confidence };

export function isAnswered(c: CheckInPoint | null | undefined): c is AnsweredCheckIn {
  return !!c && !c.measured && c.confidence !== null;
}

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
  /** A threshold to hold ("< 60"): each check-in is met or not, and progress is the share met. */
  comparator?: Comparator | null;
  /** The target as written when not a plain number ("-30%", "< 60"). */
  targetText?: string | null;
  /** Created without a baseline: the first check-in sets it; before it the key result cannot be scored. */
  baselineFromCheckIn?: boolean;
  /** The operator's source its value is read from, and what it read each period. */
  sourceName?: string | null;
  measurements?: MeasurementPoint[];
  /** How far a typed value may be from the measured one (null: 5 % of baseline → target). */
  tolerance?: number | null;
};

export type KeyResultStatus = KeyResultFacts & {
  /** The latest value reported up to this week, or the baseline. */
  current: number;
  progress: number;
  /** The latest check-in up to this week (or value measured for an `auto` key result). */
  latest: CheckInPoint | null;
  /** The latest check-in someone answered up to this week (measured values aside). */
  lastAnswered: CheckInPoint | null;
  /** This week's check-in, if its owner answered. */
  thisWeek: AnsweredCheckIn | null;
  /** Nobody answered this week but the source's value stands in (`auto`). */
  measuredThisWeek: boolean;
  /** The value as of the end of the previous week (baseline when there was none). */
  previousValue: number;
  /** current − previousValue when checked in this week; null otherwise. */
  change: number | null;
  /** The change's sign relative to the KR's direction: >0 good, <0 bad, 0 flat. */
  changeQuality: number | null;
  /** False while there is nothing to score against (no baseline yet, or a threshold with no check-in): progress shows "—". */
  scored: boolean;
  /** Threshold key results: whether the latest check-in holds it; null otherwise or before any. */
  met: boolean | null;
  /** Threshold key results: check-ins up to this week that held it, of how many. */
  weeksMet: number;
  weeksCheckedIn: number;
};

/** Progress of a key result at `current`, given its check-ins up to then (all of them matter for a threshold). */
function progressOf(
  kr: KeyResultFacts,
  checkIns: readonly CheckInPoint[],
  current: number,
): { progress: number; scored: boolean; weeksMet: number } {
  if (kr.comparator) {
    const weeksMet = checkIns.filter((c) => meets(kr.comparator!, kr.target, c.value)).length;
    return { progress: checkIns.length === 0 ? 0 : weeksMet / checkIns.length, scored: checkIns.length > 0, weeksMet };
  }
  if (kr.baselineFromCheckIn && checkIns.length === 0) return { progress: 0, scored: false, weeksMet: 0 };
  return { progress: progress(kr, current), scored: true, weeksMet: 0 };
}

export function keyResultStatus(kr: KeyResultFacts, week: string): KeyResultStatus {
  const upToNow = kr.checkIns.filter((c) => c.week <= week).sort((a, b) => a.week.localeCompare(b.week));
  const latest = upToNow.at(-1) ?? null;
  const thisWeekPoint = latest?.week === week ? latest : null;
  const thisWeek = isAnswered(thisWeekPoint) ? thisWeekPoint : null;
  const before = upToNow.filter((c) => c.week < week).at(-1);
  const previousValue = before?.value ?? kr.baseline;
  const current = latest?.value ?? kr.baseline;
  const change = thisWeekPoint ? current - previousValue : null;
  const scoring = progressOf(kr, upToNow, current);
  return {
    ...kr,
    current,
    progress: scoring.progress,
    scored: scoring.scored,
    met: kr.comparator && latest ? meets(kr.comparator, kr.target, latest.value) : null,
    weeksMet: scoring.weeksMet,
    weeksCheckedIn: upToNow.length,
    latest,
    lastAnswered: upToNow.findLast(isAnswered) ?? null,
    thisWeek,
    measuredThisWeek: thisWeekPoint?.measured === true,
    previousValue,
    change,
    changeQuality: change === null ? null : changeInDirection(kr.direction, previousValue, current),
  };
}

/** Progress as of the end of each of `weeks` (the latest value reported by then, or the baseline); NaN for a week with nothing to score yet. */
export function weeklyProgress(kr: KeyResultFacts, weeks: readonly string[]): number[] {
  const sorted = [...kr.checkIns].sort((a, b) => a.week.localeCompare(b.week));
  let i = 0;
  let value = kr.baseline;
  return weeks.map((week) => {
    while (i < sorted.length && sorted[i]!.week <= week) value = sorted[i++]!.value;
    const scoring = progressOf(kr, sorted.slice(0, i), value);
    return scoring.scored ? scoring.progress : Number.NaN;
  });
}
