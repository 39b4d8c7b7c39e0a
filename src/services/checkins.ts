// The check-in form and its answers: what the modal shows, and storing what the owner submits.
import { checkinReceived, type ReceivedEntry } from "../blocks/checkin";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import { measurementFor } from "../domain/measurements";
import { isCadence, previousPeriod } from "../domain/periods";
import { isoWeekKey, previousWeekKey } from "../domain/time";
import { deriveDirection } from "../domain/progress";
import { describeTarget, impliedDirection, meets, parseTarget, resolveTarget } from "../domain/targets";
import type { Confidence } from "../domain/types";
import { type RebaselineRule, saveCheckIns } from "../db/checkIns";
import { cycleAt } from "../db/cycles";
import { messagesUnderKey } from "../db/outbox";
import { ensurePerson } from "../db/people";
import { teamsCoOwnedIn, teamsOwnedIn } from "../db/teams";
import type { ServiceDeps } from "./deps";
import { updateSent } from "./outbox";
import { refreshProfile } from "./people";
import { periodFor, promptKey, scheduleTeam, statusesOf } from "./prompts";

export type { ServiceDeps } from "./deps";

export type CheckinForm = { week: string; keyResults: KeyResultStatus[] };

/** What the check-in modal shows a person now; null when they own no key result this cycle. */
export async function checkinForm(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
): Promise<CheckinForm | null> {
  const context = await personContext(deps, workspaceId, slackUserId);
  if (!context) return null;
  const keyResults = await statusesOf(deps.db, context.person, context.cycleId, context.period);
  return keyResults.length > 0 ? { week: context.period, keyResults } : null;
}

/**
 * The person, the running cycle and their current period (their team's cadence, their time zone).
 * `refresh: false` uses the cached profile: no Slack call, for paths that must answer Slack fast.
 */
async function personContext(deps: ServiceDeps, workspaceId: number, slackUserId: string, opts = { refresh: true }) {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return null;
  const known = await ensurePerson(deps.db, workspaceId, slackUserId);
  const person = opts.refresh ? await refreshProfile(deps, known) : known;
  // The schedule follows the teams of the key results they own, as their prompts do; someone who
  // only co-owns follows those teams.
  const owned = await teamsOwnedIn(deps.db, workspaceId, cycle.id, person.id);
  const team = scheduleTeam(owned.length > 0 ? owned : await teamsCoOwnedIn(deps.db, workspaceId, cycle.id, person.id));
  const tz = person.tz ?? team?.timezone ?? "UTC";
  const period = team ? periodFor(team, tz, deps.now).key : isoWeekKey(deps.now, tz);
  const previous = team && isCadence(team.cadence) ? previousPeriod(period, team.cadence) : previousWeekKey(period);
  return { person, cycleId: cycle.id, period, previous };
}

export type CheckinEntry = {
  keyResultId: number;
  value: number;
  confidence: Confidence;
  note: string | null;
  evidenceUrl?: string | null;
};

export class NotAllowedError extends Error {
  override name = "NotAllowedError";
}

export type RecordResult =
  | { status: "stored"; week: string; received: ReceivedEntry[] }
  /** Values that moved more than the whole baseline → target distance since the last check-in. */
  | { status: "needs_confirmation"; week: string; keyResultIds: number[] };

/** A move larger than the whole baseline → target distance in one period is probably a typo. */
export function isImplausibleJump(
  kr: Pick<
    KeyResultStatus,
    "baseline" | "target" | "previousValue" | "baselineFromCheckIn" | "checkIns" | "comparator"
  >,
  value: number,
): boolean {
  // The first check-in of a key result without a baseline sets it: there is nothing to jump from.
  // A threshold has no distance to cover: a value far on either side of it is plausible.
  if ((kr.baselineFromCheckIn && kr.checkIns.length === 0) || kr.comparator) return false;
  return Math.abs(value - kr.previousValue) > Math.abs(kr.target - kr.baseline);
}

/**
 * Stores one check-in per key result for the person's current period (a second submission in the
 * same period updates it and keeps what it said before). Refuses key results the person neither
 * owns nor co-owns, whatever the form said; asks for confirmation of implausible jumps.
 */
export async function recordCheckins(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  entries: CheckinEntry[],
  opts: { confirmed?: ReadonlySet<number>; formPeriod?: string } = {},
): Promise<RecordResult> {
  const confirmed = opts.confirmed ?? new Set<number>();
  const context = await personContext(deps, workspaceId, slackUserId, { refresh: false });
  if (!context) throw new NotAllowedError("There is no OKR cycle running right now.");
  // A form opened before a period turned (Sunday night, sent Monday) counts for the period it showed.
  const period = opts.formPeriod === context.previous ? context.previous : context.period;
  const { person } = context;
  const mine = await statusesOf(deps.db, person, context.cycleId, period);
  const byId = new Map(mine.map((kr) => [kr.id, kr]));
  if (entries.some((e) => !byId.has(e.keyResultId)))
    throw new NotAllowedError("You can only check in on key results you own or co-own.");

  const jumps = entries.filter(
    (e) => !confirmed.has(e.keyResultId) && isImplausibleJump(byId.get(e.keyResultId)!, e.value),
  );
  if (jumps.length > 0)
    return { status: "needs_confirmation", week: period, keyResultIds: jumps.map((e) => e.keyResultId) };

  await saveCheckIns(
    deps.db,
    period,
    entries.map((e) => ({
      keyResultId: e.keyResultId,
      values: {
        value: e.value,
        confidence: e.confidence,
        note: e.note,
        evidenceUrl: e.evidenceUrl ?? null,
        authorId: person.id,
        // What the source read for this period, kept beside what they typed (confirmed or overridden).
        measuredValue: measurementFor(byId.get(e.keyResultId)!.measurements ?? [], period)?.value ?? null,
      },
    })),
    // The first check-in sets the baseline, and correcting it corrects the baseline it set.
    baselineFromFirstCheckIn,
  );
  deps.metrics?.checkinsStored.inc(entries.length);
  // What is checked in this period now: this submission, and earlier ones it did not touch.
  const submitted = new Map(entries.map((e) => [e.keyResultId, e]));
  const received = mine.flatMap((kr) => {
    const now = submitted.get(kr.id);
    const threshold = (value: number) =>
      kr.comparator ? { threshold: { met: meets(kr.comparator, kr.target, value), target: describeTarget(kr) } } : {};
    if (now)
      return [
        {
          title: kr.title,
          value: now.value,
          unit: kr.unit,
          confidence: now.confidence,
          note: now.note,
          ...threshold(now.value),
        },
      ];
    return kr.thisWeek
      ? [
          {
            title: kr.title,
            value: kr.current,
            unit: kr.unit,
            confidence: kr.thisWeek.confidence,
            note: kr.thisWeek.note,
            ...threshold(kr.current),
          },
        ]
      : [];
  });
  return { status: "stored", week: period, received };
}

/**
 * A key result created without a baseline takes its first check-in's value as the baseline, and a
 * relative target ("-30%") is resolved against it; so does a correction of that check-in while it
 * is the only one. Later check-ins leave both alone.
 */
const baselineFromFirstCheckIn: RebaselineRule = (kr, value) => {
  if (!kr.baselineFromCheckIn || kr.checkIns !== 1) return null;
  const spec = kr.targetText ? parseTarget(kr.targetText) : null;
  const target = spec?.kind === "relative" ? resolveTarget(spec, value)! : kr.target;
  const direction = kr.directionSet
    ? kr.direction
    : ((spec && impliedDirection(spec)) ?? deriveDirection(value, target) ?? kr.direction);
  return { baseline: value, target, direction };
};

/** Turns this period's prompt DMs (first and after a snooze), if sent, into a "Checked in ✓" summary. */
export async function markPromptAnswered(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  result: { week: string; received: ReceivedEntry[] },
): Promise<number> {
  const key = promptKey(workspaceId, slackUserId, result.week);
  const prompts = await messagesUnderKey(deps.db, key, [`reminder:${workspaceId}:${slackUserId}:${result.week}`]);
  const content = checkinReceived({ week: result.week, entries: result.received });
  let updated = 0;
  for (const p of prompts) if (await updateSent(deps, p.key, content)) updated += 1;
  return updated;
}
