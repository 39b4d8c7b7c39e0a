import type { Direction } from "./types";

export interface ProgressInput {
  baseline: number;
  target: number;
  direction: Direction;
}

/** The direction implied by going from baseline to target; null when they are equal (or not comparable). */
export function deriveDirection(baseline: number, target: number): Direction | null {
  if (target > baseline) return "increase";
  if (target < baseline) return "decrease";
  return null;
}

function isAtOrPastTarget(direction: Direction, target: number, current: number): boolean {
  return direction === "increase" ? current >= target : current <= target;
}

/**
 * Fraction 0..1 of the way from baseline to target, clamped: past the target is 1,
 * a move the wrong way is 0.
 *
 * The stated direction wins. If it disagrees with the baseline→target ordering
 * (e.g. "decrease" with target > baseline) or baseline === target, there is no
 * meaningful distance to measure, so progress is all-or-nothing: 1 once current is
 * at or past the target in the stated direction, else 0.
 *
 * Any NaN input yields 0.
 */
export function progress(kr: ProgressInput, current: number): number {
  const { baseline, target, direction } = kr;
  if ([baseline, target, current].some(Number.isNaN)) return 0;

  if (deriveDirection(baseline, target) !== direction) {
    return isAtOrPastTarget(direction, target, current) ? 1 : 0;
  }

  const fraction = (current - baseline) / (target - baseline);
  if (Number.isNaN(fraction)) return 0; // e.g. infinite baseline and target
  return Math.min(1, Math.max(0, fraction));
}

/** Positive when the move from previous to current is good for the KR (for "decrease" KRs a drop is positive). */
export function changeInDirection(direction: Direction, previous: number, current: number): number {
  return direction === "increase" ? current - previous : previous - current;
}

/** "50%" for 0.5; rounds to whole percent, not clamped (1.25 → "125%"). Non-finite → "–". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "–";
  const percent = Math.round(fraction * 100);
  return `${percent === 0 ? 0 : percent}%`; // avoid "-0%"
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** "59,000", "1.5", "0.12", "-3.25": en-US grouping, at most 2 decimals, no trailing zeros. */
export function formatNumber(n: number): string {
  const formatted = numberFormat.format(n);
  return formatted === "-0" ? "0" : formatted; // -0.001 rounds to zero
}
