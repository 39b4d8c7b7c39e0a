// Values read from a key result's source, one per check-in period: what the owner is shown before
// answering, what an `auto` key result keeps when nobody answers, and the two signals the digest
// raises about them (a typed value far from the measured one; a source that keeps failing).
import type { CheckInPoint, MeasurementPoint } from "./keyResultStatus";

export type { MeasurementPoint };

/** The share of the baseline → target distance a typed value may differ from the measured one by default. */
export const DEFAULT_TOLERANCE_SHARE = 0.05;

/**
 * The check-ins of an `auto` key result, with the measured value standing in for each period
 * nobody answered (marked `measured`, confidence unknown). Others' check-ins are returned as they are.
 */
export function withMeasuredValues(
  checkIns: readonly CheckInPoint[],
  measurements: readonly MeasurementPoint[],
  auto: boolean,
): CheckInPoint[] {
  if (!auto) return [...checkIns];
  const answered = new Set(checkIns.map((c) => c.week));
  const measured: CheckInPoint[] = measurements
    .filter((m): m is MeasurementPoint & { value: number } => m.value !== null && !answered.has(m.week))
    .map((m) => ({ week: m.week, value: m.value, confidence: null, note: null, measured: true }));
  return [...checkIns, ...measured].sort((a, b) => a.week.localeCompare(b.week));
}

/** How far a typed value may be from the measured one: the key result's own, or 5 % of baseline → target. */
export function tolerance(kr: { baseline: number; target: number; tolerance?: number | null }): number {
  if (kr.tolerance !== undefined && kr.tolerance !== null) return kr.tolerance;
  return Math.abs(kr.target - kr.baseline) * DEFAULT_TOLERANCE_SHARE;
}

/** A typed value that differs from what its source measured by more than the tolerance. */
export function differsFromMeasured(typed: number, measured: number | null | undefined, allowed: number): boolean {
  if (measured === null || measured === undefined) return false;
  // A hair of slack so that a value typed as shown ("3.1" for 3.1000000001) never counts.
  return Math.abs(typed - measured) > allowed + 1e-9 * Math.max(1, Math.abs(measured));
}

export type SourceFailure = { source: string; since: Date; error: string; reads: number };

/**
 * The source has failed on the last two reads or more up to `week`: since when (the first failed
 * read of the run) and the latest error. Null while it works, or after a single failure.
 */
export function sourceFailing(measurements: readonly MeasurementPoint[], week: string): SourceFailure | null {
  const upTo = measurements.filter((m) => m.week <= week).sort((a, b) => a.week.localeCompare(b.week));
  let run = 0;
  while (run < upTo.length && upTo[upTo.length - 1 - run]!.value === null) run += 1;
  if (run < 2) return null;
  const first = upTo[upTo.length - run]!;
  const last = upTo.at(-1)!;
  return { source: last.source, since: first.readAt, error: last.error ?? "failed", reads: run };
}

/** This period's read, if there was one. */
export function measurementFor(measurements: readonly MeasurementPoint[], week: string): MeasurementPoint | null {
  return measurements.find((m) => m.week === week) ?? null;
}
