// The weekly digest of one team, as data. Rendering lives in src/blocks/digest.ts.
import { keyResultStatus, type KeyResultFacts, type KeyResultStatus } from "./keyResultStatus";
import { quarterElapsed, weekOfCycle, type Cycle } from "./time";

export type ObjectiveFacts = { id: number; title: string; ownerSlackId: string | null; keyResults: KeyResultFacts[] };

export type DigestInput = {
  teamName: string;
  cycle: Cycle;
  week: string;
  now: Date;
  timeZone: string;
  objectives: ObjectiveFacts[];
};

export type Digest = {
  teamName: string;
  cycleKey: string;
  week: string;
  weekOfCycle: { week: number; of: number };
  /** Fraction of the cycle elapsed, 0..1. */
  elapsed: number;
  objectives: Array<{ id: number; title: string; ownerSlackId: string | null; keyResults: KeyResultStatus[] }>;
  /** Owners with at least one key result not checked in this week, sorted. */
  missing: string[];
  checkedIn: number;
  total: number;
};

export function buildDigest(input: DigestInput): Digest {
  const objectives = input.objectives.map((o) => ({
    id: o.id,
    title: o.title,
    ownerSlackId: o.ownerSlackId,
    keyResults: o.keyResults.map((kr) => keyResultStatus(kr, input.week)),
  }));
  const all = objectives.flatMap((o) => o.keyResults);
  const missing = new Set(all.filter((kr) => !kr.thisWeek && kr.ownerSlackId).map((kr) => kr.ownerSlackId as string));
  return {
    teamName: input.teamName,
    cycleKey: input.cycle.key,
    week: input.week,
    weekOfCycle: weekOfCycle(input.now, input.cycle, input.timeZone),
    elapsed: quarterElapsed(input.now, input.cycle),
    objectives,
    missing: [...missing].sort(),
    checkedIn: all.filter((kr) => kr.thisWeek).length,
    total: all.length,
  };
}
