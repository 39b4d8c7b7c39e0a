// Progress that rolls up: an objective's progress from its key results, and a parent objective's
// roll-up of the objectives aligned to it. Pure.

export const DEFAULT_WEIGHT = 1;

/** Why a weight cannot be used, or null when it can (a finite number greater than 0). */
export function weightProblem(weight: number): string | null {
  if (!Number.isFinite(weight)) return "should be a number";
  if (weight <= 0) return "should be greater than 0";
  return null;
}

type Weighted = { progress: number | null; weight?: number };

/**
 * The weighted mean of the progress figures that exist (null ones are left out: nothing to score
 * yet); null when none is left or their weights add up to 0. Weights default to 1.
 */
export function weightedMean(items: readonly Weighted[]): number | null {
  let sum = 0;
  let total = 0;
  for (const { progress, weight = DEFAULT_WEIGHT } of items) {
    if (progress === null || !Number.isFinite(progress) || !(weight > 0)) continue;
    sum += progress * weight;
    total += weight;
  }
  return total > 0 ? sum / total : null;
}

export type KeyResultShare = {
  progress: number | null;
  weight?: number;
  archived?: boolean;
  /** False while it cannot be scored (no baseline yet, a threshold never checked in on): left out like null progress. */
  scored?: boolean;
};

/**
 * An objective's progress: the weighted mean of its active key results that can be scored; null
 * when none can.
 */
export function objectiveProgress(keyResults: readonly KeyResultShare[]): number | null {
  return weightedMean(
    keyResults.filter((kr) => !kr.archived).map((kr) => (kr.scored === false ? { ...kr, progress: null } : kr)),
  );
}

/** Whether the active key results have different weights (weights are shown only then). */
export function weightsDiffer(keyResults: ReadonlyArray<{ weight?: number; archived?: boolean }>): boolean {
  return new Set(keyResults.filter((kr) => !kr.archived).map((kr) => kr.weight ?? DEFAULT_WEIGHT)).size > 1;
}

/** An objective with the objectives aligned to it, recursively. */
export type AlignedObjective = {
  keyResults: readonly KeyResultShare[];
  /** Its share in its parent's roll-up; default 1. */
  weight?: number;
  /** Archived (every key result retired): left out of its parent's roll-up. */
  archived?: boolean;
  children: readonly AlignedObjective[];
};

export type RolledUp = {
  /** From its own key results. */
  own: number | null;
  /** From the objectives aligned to it (a separate figure); null when none counts. */
  rollup: number | null;
};

/**
 * An objective's own progress and its roll-up. An aligned objective counts in its parent's roll-up
 * by its own key results; while none of them can be scored (it has none and only gathers others, or
 * none has a baseline or a check-in yet) it counts by its own roll-up instead. Archived children and
 * children with nothing to score at all are left out.
 */
export function rollUp(objective: AlignedObjective): RolledUp {
  return {
    own: objectiveProgress(objective.keyResults),
    rollup: weightedMean(
      objective.children
        .filter((c) => !c.archived)
        .map((c) => {
          const figures = rollUp(c);
          return { progress: figures.own ?? figures.rollup, weight: c.weight ?? DEFAULT_WEIGHT };
        }),
    ),
  };
}
