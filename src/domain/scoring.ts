// Scoring scale from the quarterly review guide:
//   0.0–0.3 Failed or didn't start (investigate why)
//   0.4–0.6 Made progress but fell short (expected for stretch goals)
//   0.7–0.9 Strong delivery (sweet spot — goals were ambitious but achievable)
//   1.0     Perfect score (goals might have been too easy)

import { plural } from "./text";

export const BAND_KEYS = ["failed", "progress", "strong", "perfect"] as const;
export type BandKey = (typeof BAND_KEYS)[number];

export interface ScoreBand {
  key: BandKey;
  range: "0.0–0.3" | "0.4–0.6" | "0.7–0.9" | "1.0";
  label: string;
  meaning: string;
}

export const SCORE_BANDS: Record<BandKey, ScoreBand> = {
  failed: { key: "failed", range: "0.0–0.3", label: "Failed or didn't start", meaning: "Investigate why" },
  progress: {
    key: "progress",
    range: "0.4–0.6",
    label: "Made progress but fell short",
    meaning: "Expected for stretch goals",
  },
  strong: {
    key: "strong",
    range: "0.7–0.9",
    label: "Strong delivery",
    meaning: "Sweet spot — goals were ambitious but achievable",
  },
  perfect: { key: "perfect", range: "1.0", label: "Perfect score", meaning: "Goals might have been too easy" },
};

/** Clamps to 0..1 and rounds half-up to one decimal; NaN → 0. */
export function scoreFromProgress(p: number): number {
  if (Number.isNaN(p)) return 0;
  const clamped = Math.min(1, Math.max(0, p));
  // The epsilon keeps values like 0.45 that arrive as 0.44999999999999996 from rounding down.
  return Math.round(clamped * 10 + 1e-9) / 10;
}

/** The band of a score after rounding it to one decimal, so 0.35 → "progress" and 0.95 → "perfect". */
export function scoreBand(score: number): ScoreBand {
  const rounded = scoreFromProgress(score);
  if (rounded <= 0.3) return SCORE_BANDS.failed;
  if (rounded <= 0.6) return SCORE_BANDS.progress;
  if (rounded <= 0.9) return SCORE_BANDS.strong;
  return SCORE_BANDS.perfect;
}

// Aggregates skip NaN/±Infinity: an unscored KR should not drag a team's numbers.
function finiteScores(scores: readonly number[]): number[] {
  return scores.filter(Number.isFinite);
}

export function bandDistribution(scores: readonly number[]): Record<BandKey, number> {
  const counts: Record<BandKey, number> = { failed: 0, progress: 0, strong: 0, perfect: 0 };
  for (const score of finiteScores(scores)) counts[scoreBand(score).key] += 1;
  return counts;
}

/** Plain mean (unrounded) of the finite scores; null when there are none. */
export function averageScore(scores: readonly number[]): number | null {
  const finite = finiteScores(scores);
  if (finite.length === 0) return null;
  return finite.reduce((sum, s) => sum + s, 0) / finite.length;
}

/** The guide's reading of a team's key-result scores, in one or two sentences. */
export function readScores(scores: readonly number[]): string {
  const finite = finiteScores(scores);
  const average = averageScore(finite);
  if (average === null) return "No key results have been scored yet.";

  const counts = bandDistribution(finite);
  const total = finite.length;
  const avg = scoreFromProgress(average).toFixed(1);

  if (counts.perfect === total) {
    return "Every key result scored 1.0 — the goals were probably too easy. Set more ambitious ones next quarter.";
  }
  if (counts.failed > total / 2) {
    return (
      `Most key results scored 0.3 or below (${counts.failed} of ${total}, average ${avg}). ` +
      "Investigate why: were they too ambitious, the wrong key results, or not worked on?"
    );
  }

  const failedNote =
    counts.failed > 0 ? ` ${plural(counts.failed, "key result")} scored 0.3 or below; find out why.` : "";

  switch (scoreBand(average).key) {
    case "strong":
      return `Average ${avg}: strong delivery — the sweet spot, goals were ambitious but achievable.${failedNote}`;
    case "perfect":
      return `Average ${avg}: nearly everything was fully achieved, so the goals might have been too easy. Aim higher next quarter.${failedNote}`;
    case "progress":
      return `Average ${avg}: progress made but short of the targets — expected for stretch goals.${failedNote}`;
    case "failed":
      return (
        `Average ${avg}: the key results fell well short. ` +
        "Investigate why: were they too ambitious, the wrong key results, or not worked on?"
      );
  }
}
