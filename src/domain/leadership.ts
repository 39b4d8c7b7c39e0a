// The leadership digest of a team with child teams, as data: its own objectives, one line per
// objective of each child team, the children's attention items, and how many owners of each child
// team have not checked in (counts, not names). Pure; rendering lives in src/blocks/leadership.ts.
import type { AttentionItem } from "./attention";
import type { Digest } from "./digest";
import { objectiveProgress, type RolledUp } from "./rollup";
import { leastConfident } from "./tree";
import type { Confidence } from "./types";

export type LeadershipObjective = RolledUp & {
  id: number;
  title: string;
  /** Own progress change since the previous period; null when either figure is missing. */
  change: number | null;
  confidence: Confidence | null;
  /** Its weight in the roll-up of the objective it aligns to, when that one's aligned objectives differ in weight. */
  weight: number | null;
};

export type LeadershipDigest = {
  teamName: string;
  cycleKey: string;
  week: string;
  objectives: LeadershipObjective[];
  children: Array<{
    teamName: string;
    objectives: LeadershipObjective[];
    missing: number;
    checkedIn: number;
    total: number;
  }>;
  attention: Array<AttentionItem & { teamName: string }>;
};

/** An objective's figures from a digest: own progress now and at the end of the previous period. */
export function digestObjectiveFigures(
  o: Digest["objectives"][number],
  rollup: number | null = null,
): Omit<LeadershipObjective, "id" | "title" | "weight"> {
  const own = objectiveProgress(o.keyResults);
  // trend holds the progress at the end of each period so far; the one before last is last period's.
  const before = o.keyResults.every((kr) => kr.trend.length >= 2)
    ? objectiveProgress(o.keyResults.map((kr) => ({ progress: kr.trend.at(-2)!, weight: kr.weight })))
    : null;
  return {
    own,
    rollup,
    change: own !== null && before !== null ? own - before : null,
    confidence: leastConfident(o.keyResults.map((kr) => kr.latest?.confidence ?? null)),
  };
}

export function buildLeadershipDigest(input: {
  team: Digest;
  /** Roll-ups of the team's own objectives, by id (src/domain/tree.ts objectiveFigures). */
  rollups: ReadonlyMap<number, number | null>;
  /** Weights shown beside aligned objectives, by id (src/domain/tree.ts shownWeights). */
  weights: ReadonlyMap<number, number>;
  children: readonly Digest[];
}): LeadershipDigest {
  const lines = (d: Digest, withRollup: boolean): LeadershipObjective[] =>
    d.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      ...digestObjectiveFigures(o, withRollup ? (input.rollups.get(o.id) ?? null) : null),
      weight: input.weights.get(o.id) ?? null,
    }));
  return {
    teamName: input.team.teamName,
    cycleKey: input.team.cycleKey,
    week: input.team.week,
    objectives: lines(input.team, true),
    children: input.children.map((c) => ({
      teamName: c.teamName,
      objectives: lines(c, false),
      missing: c.missing.length,
      checkedIn: c.checkedIn,
      total: c.total,
    })),
    attention: input.children.flatMap((c) => c.attention.map((a) => ({ ...a, teamName: c.teamName }))),
  };
}
