// The weekly digest of one team, as data. Rendering lives in src/blocks/digest.ts.
import { attentionItems, type AttentionItem } from "./attention";
import { keyResultStatus, weeklyProgress, type KeyResultFacts, type KeyResultStatus } from "./keyResultStatus";
import type { Cadence } from "./periods";
import { objectiveProgress } from "./rollup";
import { quarterElapsed, weekKeysBetween, weekOfCycle, type Cycle } from "./time";
import type { CalendarDate } from "./wallClock";

export type ObjectiveFacts = {
  id: number;
  title: string;
  ownerSlackId: string | null;
  keyResults: KeyResultFacts[];
  /** The roll-up of the objectives aligned to it (src/domain/rollup.ts), when some are. */
  rollup?: number | null;
  /** The objective it served was archived ("Team: title"), and when. */
  unaligned?: { from: string; at: Date };
};

/** A key result of another team that people of this team co-own. */
export type SharedKeyResultFacts = { teamName: string; objectiveTitle: string; keyResult: KeyResultFacts };

export type DigestInput = {
  teamName: string;
  cycle: Cycle;
  /** The period the digest is about (its first ISO week). */
  week: string;
  now: Date;
  timeZone: string;
  cadence?: Cadence;
  objectives: ObjectiveFacts[];
  /** Shared key results owned by other teams: shown, but counted in none of this team's figures. */
  shared?: SharedKeyResultFacts[];
  /** Owners who chose "Skip this week", and owners who are away (with their last day away, when known): not counted as missing. */
  skipped?: ReadonlySet<string>;
  away?: ReadonlyMap<string, CalendarDate | null>;
};

/** Why an owner has not checked in this week, when it is not that they forgot. */
export type Absence = { kind: "skipped" } | { kind: "away"; lastDay: CalendarDate | null };

export type DigestKeyResult = KeyResultStatus & {
  /** Progress at the end of each week of the cycle so far, oldest first (for a sparkline). */
  trend: number[];
  /** Not checked in this week because the owner skipped it or is away. */
  absence: Absence | null;
};

export type Digest = {
  teamName: string;
  cycleKey: string;
  week: string;
  weekOfCycle: { week: number; of: number };
  /** Fraction of the cycle elapsed, 0..1. */
  elapsed: number;
  /** Every week of the cycle, for charts. */
  cycleWeeks: string[];
  /** What needs a manager's eyes first. */
  attention: AttentionItem[];
  /** `progress`: the weighted mean of its key results (null: nothing to score); `rollup` when objectives align to it. */
  objectives: Array<{
    id: number;
    title: string;
    ownerSlackId: string | null;
    keyResults: DigestKeyResult[];
    progress: number | null;
    rollup?: number | null;
    /** Set in the first digest after the objective it served was archived: that one ("Team: title"). */
    noLongerServes?: string;
  }>;
  /**
   * Key results of other teams that people of this team co-own, with the team that owns them. Not in
   * `objectives`, the counts, the attention list or any progress figure: their own team counts them.
   */
  shared: Array<{ teamName: string; objectiveTitle: string; keyResult: DigestKeyResult }>;
  /** Owners with at least one key result not checked in this week (and not skipped or away), sorted. */
  missing: string[];
  skipped: string[];
  away: string[];
  checkedIn: number;
  total: number;
  /** Key results proposed to an owner who has not accepted them yet. */
  unaccepted: number;
};

export function buildDigest(input: DigestInput): Digest {
  const cycleWeeks = weekKeysBetween(input.cycle.startsAt, input.cycle.endsAt, input.timeZone);
  const weeksSoFar = cycleWeeks.filter((w) => w <= input.week);
  const digestKeyResult = (kr: KeyResultFacts): DigestKeyResult => {
    const status = keyResultStatus(kr, input.week);
    return {
      ...status,
      trend: weeklyProgress(kr, weeksSoFar),
      absence: status.thisWeek || status.pending ? null : absenceOf(kr.ownerSlackId, input),
    };
  };
  const objectives = input.objectives.map((o) => {
    const keyResults = o.keyResults.map(digestKeyResult);
    return {
      id: o.id,
      title: o.title,
      ownerSlackId: o.ownerSlackId,
      keyResults,
      progress: objectiveProgress(keyResults),
      ...(o.rollup !== undefined ? { rollup: o.rollup } : {}),
      ...(o.unaligned && isSincePreviousDigest(o.unaligned.at, input.now, input.cadence ?? "weekly")
        ? { noLongerServes: o.unaligned.from }
        : {}),
    };
  });
  const all = objectives.flatMap((o) => o.keyResults);
  const notIn = new Set(
    all.filter((kr) => !kr.thisWeek && kr.ownerSlackId && !kr.pending).map((kr) => kr.ownerSlackId as string),
  );
  const away = [...notIn].filter((u) => input.away?.has(u)).sort();
  const skipped = [...notIn].filter((u) => !input.away?.has(u) && input.skipped?.has(u)).sort();
  const missing = [...notIn].filter((u) => !input.away?.has(u) && !input.skipped?.has(u)).sort();
  const elapsed = quarterElapsed(input.now, input.cycle);
  return {
    teamName: input.teamName,
    cycleKey: input.cycle.key,
    week: input.week,
    weekOfCycle: weekOfCycle(input.now, input.cycle, input.timeZone),
    elapsed,
    cycleWeeks,
    attention: attentionItems({
      keyResults: all,
      elapsed,
      period: input.week,
      firstWeekOfCycle: cycleWeeks[0] ?? input.week,
      cadence: input.cadence ?? "weekly",
      excused: new Set([...away, ...skipped]),
    }),
    objectives,
    shared: (input.shared ?? []).map((s) => ({
      teamName: s.teamName,
      objectiveTitle: s.objectiveTitle,
      keyResult: digestKeyResult(s.keyResult),
    })),
    missing,
    skipped,
    away,
    checkedIn: all.filter((kr) => kr.thisWeek).length,
    total: all.length,
    unaccepted: all.filter((kr) => kr.pending).length,
  };
}

function absenceOf(owner: string | null, input: Pick<DigestInput, "skipped" | "away">): Absence | null {
  if (owner === null) return null;
  if (input.away?.has(owner)) return { kind: "away", lastDay: input.away.get(owner) ?? null };
  if (input.skipped?.has(owner)) return { kind: "skipped" };
  return null;
}

/** Whether `at` falls after the previous digest of this cadence (one or two weeks before `now`). */
export function isSincePreviousDigest(at: Date, now: Date, cadence: Cadence): boolean {
  const days = cadence === "biweekly" ? 14 : 7;
  return at <= now && now.getTime() - at.getTime() < days * 86_400_000;
}
