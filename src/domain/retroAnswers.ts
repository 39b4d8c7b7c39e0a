// What an owner answers in the retro modal, checked; and how a key result carried forward into
// the next cycle is drafted.
import { parseNumberInput } from "./numberInput";
import { deriveDirection, progress } from "./progress";
import { parseTarget, resolveTarget, type Comparator } from "./targets";
import type { Direction } from "./types";

export const RETRO_TEXT_MAX_LENGTH = 1500;

export type RetroDraft = {
  score: string;
  worked: string;
  didnt: string;
  learned: string;
  carryForward: "yes" | "no" | null;
};
export type RetroInputs = {
  score: number;
  worked: string | null;
  didnt: string | null;
  learned: string | null;
  carryForward: boolean | null;
};
export type RetroField = "score" | "worked" | "didnt" | "learned";

export function checkRetroDraft(draft: RetroDraft): {
  value: RetroInputs | null;
  errors: Partial<Record<RetroField, string>>;
} {
  const errors: Partial<Record<RetroField, string>> = {};
  const score = parseNumberInput(draft.score);
  if (draft.score.trim() === "") errors.score = "Give a score from 0.0 to 1.0.";
  else if (score === null || score < 0 || score > 1)
    errors.score = `"${draft.score.trim()}" is not a score: use 0.0 to 1.0, e.g. 0.7.`;
  const text = (field: "worked" | "didnt" | "learned") => {
    const value = draft[field].trim();
    if (value.length > RETRO_TEXT_MAX_LENGTH)
      errors[field] = `Keep it under ${RETRO_TEXT_MAX_LENGTH} characters (it has ${value.length}).`;
    return value === "" ? null : value;
  };
  const answers = { worked: text("worked"), didnt: text("didnt"), learned: text("learned") };
  if (Object.keys(errors).length > 0 || score === null) return { value: null, errors };
  // The guide's scale has one decimal.
  return {
    value: {
      score: Math.round(score * 10) / 10,
      ...answers,
      carryForward: draft.carryForward === null ? null : draft.carryForward === "yes",
    },
    errors,
  };
}

/**
 * The next cycle's version of a key result: its final value is the new baseline. The target is
 * kept when it was not reached; when it was, the same step again is proposed. Either way the owner
 * confirms it.
 */
export function carriedForward(
  kr: { baseline: number; target: number; direction: Direction },
  finalValue: number,
): { baseline: number; target: number; direction: Direction } {
  const reached = progress(kr, finalValue) >= 1;
  let target = reached ? finalValue + (kr.target - kr.baseline) : kr.target;
  // Counts (incidents, bugs) do not go below zero.
  if (kr.direction === "decrease" && finalValue >= 0 && target < 0) target = 0;
  return { baseline: finalValue, target, direction: deriveDirection(finalValue, target) ?? kr.direction };
}

export type KeyResultShape = {
  baseline: number;
  target: number;
  direction: Direction;
  comparator: Comparator | null;
  targetText: string | null;
  baselineFromCheckIn: boolean;
};

/**
 * carriedForward for every shape. A threshold is kept as it is (the bar to hold does not move); a
 * relative target ("-30%") is the same change again from the final value; a key result never
 * checked in on still waits for its first check-in to set the baseline.
 */
export function carriedForwardShape(kr: KeyResultShape, finalValue: number | null): KeyResultShape {
  if (finalValue === null) return { ...kr };
  const spec = kr.targetText ? parseTarget(kr.targetText) : null;
  if (kr.comparator) return { ...kr, baseline: finalValue, baselineFromCheckIn: false };
  if (spec?.kind === "relative")
    return { ...kr, baseline: finalValue, target: resolveTarget(spec, finalValue)!, baselineFromCheckIn: false };
  return { ...carriedForward(kr, finalValue), comparator: null, targetText: null, baselineFromCheckIn: false };
}
