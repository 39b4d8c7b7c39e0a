// The shapes of target the guides write: a number to reach ("from 60 to 85"), a threshold to hold
// ("< 60", ">= 99.95": each check-in is met or not) and a change relative to the baseline
// ("-30%", "+5": resolved against the baseline, which may itself come from the first check-in).
import { parseNumberInput } from "./numberInput";
import { formatNumber } from "./progress";
import type { Direction } from "./types";

export const COMPARATORS = ["<", "<=", ">", ">="] as const;
export type Comparator = (typeof COMPARATORS)[number];

export function isComparator(value: unknown): value is Comparator {
  return typeof value === "string" && (COMPARATORS as readonly string[]).includes(value);
}

export type TargetSpec =
  | { kind: "absolute"; value: number }
  | { kind: "threshold"; comparator: Comparator; value: number }
  /** `by` is a percentage of the baseline when `percent`, else an amount in the key result's unit. */
  | { kind: "relative"; by: number; percent: boolean };

/**
 * Reads a target as written in a file or a form: 85, "85", "1,200" (absolute); "< 60", "<= 1",
 * ">= 99.95 %", "≤ 1" (threshold); "-30%", "+5", "+ 2.5" (relative: a leading sign); "= -5" (a negative
 * number, which a leading sign would make relative). Null when it is none.
 */
export function parseTarget(raw: string | number): TargetSpec | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? { kind: "absolute", value: raw } : null;
  const s = raw.trim().replace("≤", "<=").replace("≥", ">=").replace("−", "-");
  const exact = /^=\s*(.+)$/.exec(s);
  if (exact) {
    const value = parseNumberInput(exact[1]!);
    return value === null ? null : { kind: "absolute", value };
  }
  const threshold = /^(<=|>=|<|>)\s*(.+)$/.exec(s);
  if (threshold) {
    const value = parseNumberInput(threshold[2]!);
    return value === null ? null : { kind: "threshold", comparator: threshold[1] as Comparator, value };
  }
  const relative = /^([+-])\s*(.+?)\s*(%?)$/.exec(s);
  if (relative) {
    const amount = parseNumberInput(relative[2]!);
    if (amount === null || amount === 0 || relative[2]!.trim().startsWith("-") || relative[2]!.trim().startsWith("+"))
      return null;
    return { kind: "relative", by: relative[1] === "-" ? -amount : amount, percent: relative[3] === "%" };
  }
  const value = parseNumberInput(s);
  return value === null ? null : { kind: "absolute", value };
}

/** The absolute target: a relative one needs the baseline (null without it). */
export function resolveTarget(spec: TargetSpec, baseline: number | null): number | null {
  if (spec.kind !== "relative") return spec.value;
  if (baseline === null) return null;
  const resolved = spec.percent ? baseline * (1 + spec.by / 100) : baseline + spec.by;
  return Number(resolved.toPrecision(12)); // 120 × 0.7 is 84, not 83.99999999999999
}

/** The direction a target implies on its own, when it does (a threshold or a relative change). */
export function impliedDirection(spec: TargetSpec): Direction | null {
  if (spec.kind === "threshold") return spec.comparator.startsWith("<") ? "decrease" : "increase";
  if (spec.kind === "relative") return spec.by < 0 ? "decrease" : "increase";
  return null;
}

/** Whether a value holds a threshold. */
export function meets(comparator: Comparator, target: number, value: number): boolean {
  switch (comparator) {
    case "<":
      return value < target;
    case "<=":
      return value <= target;
    case ">":
      return value > target;
    case ">=":
      return value >= target;
  }
}

/** The text kept for display when the target is not a plain number; null for a plain number. */
export function targetTextOf(spec: TargetSpec): string | null {
  switch (spec.kind) {
    case "absolute":
      return null;
    case "threshold":
      return `${spec.comparator} ${formatNumber(spec.value)}`;
    case "relative":
      return `${spec.by < 0 ? "-" : "+"}${formatNumber(Math.abs(spec.by))}${spec.percent ? "%" : ""}`;
  }
}

/** What a key result's stored shape says about its target, for files and forms: "< 60", "-30%", or the number. */
export function describeTarget(kr: { target: number; comparator?: string | null; targetText?: string | null }): string {
  if (kr.targetText) return kr.targetText;
  if (isComparator(kr.comparator)) return `${kr.comparator} ${formatNumber(kr.target)}`;
  return kr.target < 0 ? `= ${formatNumber(kr.target)}` : formatNumber(kr.target);
}

/** How a key result's baseline and target are stored. */
export type StoredShape = {
  baseline: number;
  target: number;
  direction: Direction;
  comparator: Comparator | null;
  targetText: string | null;
  baselineFromCheckIn: boolean;
};

/**
 * Baseline, target and direction to store for a target as written. A relative target is resolved
 * against the baseline; without a baseline both wait for the first check-in (0 meanwhile). An
 * explicit direction wins; else the threshold's or the change's, else baseline → target.
 */
export function storedShape(baseline: number | null, spec: TargetSpec, direction?: Direction | null): StoredShape {
  const target = resolveTarget(spec, baseline) ?? 0;
  const derived = baseline === null || baseline === target ? null : target > baseline ? "increase" : "decrease";
  return {
    baseline: baseline ?? 0,
    target,
    direction: direction ?? impliedDirection(spec) ?? derived ?? "increase",
    comparator: spec.kind === "threshold" ? spec.comparator : null,
    targetText: targetTextOf(spec),
    baselineFromCheckIn: baseline === null,
  };
}
