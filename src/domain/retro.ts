// The quarterly retrospective of one team, as data, following the guide's review format:
// per key result a score, what worked, what didn't, what we learned, and carry forward or not.
import { keyResultStatus, type KeyResultStatus } from "./keyResultStatus";
import type { ObjectiveFacts } from "./digest";
import { averageScore, bandDistribution, readScores, scoreBand, scoreFromProgress, type BandKey } from "./scoring";

export type RetroAnswers = {
  /** The owner's score; null until they give one (the computed score applies). */
  score: number | null;
  worked: string | null;
  didnt: string | null;
  learned: string | null;
  carryForward: boolean | null;
};

export type RetroItem = {
  objectiveTitle: string;
  keyResult: KeyResultStatus;
  score: number;
  computedScore: number;
  band: ReturnType<typeof scoreBand>;
  answers: RetroAnswers;
};

export type Retro = {
  teamName: string;
  cycleKey: string;
  items: RetroItem[];
  average: number | null;
  distribution: Record<BandKey, number>;
  reading: string;
  /** Key results whose owner said "carry forward", and the objectives all of whose key results are. */
  carried: { keyResults: number; objectives: string[] };
};

export type RetroInput = {
  teamName: string;
  cycleKey: string;
  /** The last week of the cycle: the values as of then are final. */
  finalWeek: string;
  objectives: ObjectiveFacts[];
  answers: ReadonlyMap<number, RetroAnswers>;
};

export function buildRetro(input: RetroInput): Retro {
  const items = input.objectives.flatMap((o) =>
    o.keyResults.map((kr): RetroItem => {
      const status = keyResultStatus(kr, input.finalWeek);
      const computedScore = scoreFromProgress(status.progress);
      const answers = input.answers.get(kr.id) ?? {
        score: null,
        worked: null,
        didnt: null,
        learned: null,
        carryForward: null,
      };
      const score = answers.score ?? computedScore;
      return { objectiveTitle: o.title, keyResult: status, score, computedScore, band: scoreBand(score), answers };
    }),
  );
  const scores = items.map((i) => i.score);
  const carriedObjectives = input.objectives
    .filter(
      (o) =>
        o.keyResults.length > 0 &&
        items.filter((i) => i.objectiveTitle === o.title).every((i) => i.answers.carryForward === true),
    )
    .map((o) => o.title);
  return {
    carried: { keyResults: items.filter((i) => i.answers.carryForward === true).length, objectives: carriedObjectives },
    teamName: input.teamName,
    cycleKey: input.cycleKey,
    items,
    average: averageScore(scores),
    distribution: bandDistribution(scores),
    reading: readScores(scores),
  };
}
