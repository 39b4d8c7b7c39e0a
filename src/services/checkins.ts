// The check-in form and its answers: what the modal shows, and storing what the owner submits.
import { checkinReceived, type ReceivedEntry } from "../blocks/checkin";
import { keyResultStatus, type KeyResultStatus } from "../domain/keyResultStatus";
import { measurementFor } from "../domain/measurements";
import { isCadence, previousPeriod } from "../domain/periods";
import { isoWeekKey, previousWeekKey } from "../domain/time";
import { deriveDirection } from "../domain/progress";
import { describeTarget, impliedDirection, meets, parseTarget, resolveTarget } from "../domain/targets";
import type { Confidence } from "../domain/types";
import { type KeyResultToCheckIn, keyResultsToCheckIn, type Rebaseline, saveCheckIns } from "../db/checkIns";
import { cycleAt } from "../db/cycles";
import { messagesUnderKey } from "../db/outbox";
import { ensurePerson } from "../db/people";
import { teamsCoOwnedIn, teamsOwnedIn } from "../db/teams";
import type { ServiceDeps } from "./deps";
import { updateSentMessage } from "./outbox";
import { objectivesOwnedBy, personIn, runningCycle } from "./overview";
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
 * `refresh: false` is for paths that must answer Slack fast: no Slack call, and the lookups the
 * form was opened with (deps.lookups) when they are recent.
 */
async function personContext(deps: ServiceDeps, workspaceId: number, slackUserId: string, opts = { refresh: true }) {
  const key = `checkin:${workspaceId}:${slackUserId}`;
  const load = () => scheduleOf(deps, workspaceId, slackUserId, opts.refresh);
  const found = opts.refresh || !deps.lookups ? await load() : await deps.lookups.get(key, deps.now, load);
  if (opts.refresh && found) deps.lookups?.set(key, deps.now, found);
  if (!found || found.cycle.endsAt <= deps.now) return null;
  const { person, cycle, team } = found;
  const tz = person.tz ?? team?.timezone ?? "UTC";
  const period = team ? periodFor(team, tz, deps.now).key : isoWeekKey(deps.now, tz);
  const previous = team && isCadence(team.cadence) ? previousPeriod(period, team.cadence) : previousWeekKey(period);
  return { person, cycleId: cycle.id, period, previous };
}

/** The running cycle, the person, and the team whose schedule their check-ins follow. */
async function scheduleOf(deps: ServiceDeps, workspaceId: number, slackUserId: string, refresh: boolean) {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return null;
  const known = await ensurePerson(deps.db, workspaceId, slackUserId);
  const person = refresh ? await refreshProfile(deps, known) : known;
  // The schedule follows the teams of the key results they own, as their prompts do; someone who
  // only co-owns follows those teams.
  const owned = await teamsOwnedIn(deps.db, workspaceId, cycle.id, person.id);
  const team = scheduleTeam(owned.length > 0 ? owned : await teamsCoOwnedIn(deps.db, workspaceId, cycle.id, person.id));
  return { cycle, person, team };
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
  | { status: "stored"; week: string }
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
  const mine = await keyResultsToCheckIn(
    deps.db,
    person.id,
    context.cycleId,
    entries.map((e) => e.keyResultId),
  );
  const byId = new Map(mine.map((kr) => [kr.id, { kr, status: keyResultStatus(kr, period) }]));
  if (entries.some((e) => !byId.has(e.keyResultId)))
    throw new NotAllowedError("You can only check in on key results you own or co-own.");

  const jumps = entries.filter(
    (e) => !confirmed.has(e.keyResultId) && isImplausibleJump(byId.get(e.keyResultId)!.status, e.value),
  );
  if (jumps.length > 0)
    return { status: "needs_confirmation", week: period, keyResultIds: jumps.map((e) => e.keyResultId) };

  await saveCheckIns(
    deps.db,
    period,
    entries.map((e) => {
      const { kr } = byId.get(e.keyResultId)!;
      const first = !kr.checkIns.some((c) => c.week === period && !c.measured);
      // The first check-in sets the baseline, and correcting it corrects the baseline it set.
      const onlyOne = kr.checkIns.filter((c) => !c.measured).length + (first ? 1 : 0) === 1;
      return {
        keyResultId: e.keyResultId,
        first,
        rebaseline: onlyOne ? baselineFromFirstCheckIn(kr, e.value) : null,
        values: {
          value: e.value,
          confidence: e.confidence,
          note: e.note,
          evidenceUrl: e.evidenceUrl ?? null,
          authorId: person.id,
          // What the source read for this period, kept beside what they typed (confirmed or overridden).
          measuredValue: measurementFor(kr.measurements ?? [], period)?.value ?? null,
        },
      };
    }),
  );
  deps.metrics?.checkinsStored.inc(entries.length);
  return { status: "stored", week: period };
}

/** What is checked in for the period: each key result's answer, as the "Checked in ✓" message lists them. */
function receivedIn(statuses: readonly KeyResultStatus[]): ReceivedEntry[] {
  return statuses.flatMap((kr) => {
    if (!kr.thisWeek) return [];
    const threshold = kr.comparator
      ? { threshold: { met: meets(kr.comparator, kr.target, kr.thisWeek.value), target: describeTarget(kr) } }
      : {};
    const { value, confidence, note } = kr.thisWeek;
    return [{ title: kr.title, value, unit: kr.unit, confidence, note, ...threshold }];
  });
}

/**
 * A key result created without a baseline takes its first check-in's value as the baseline, and a
 * relative target ("-30%") is resolved against it; so does a correction of that check-in while it
 * is the only one. Later check-ins leave both alone.
 */
function baselineFromFirstCheckIn(kr: KeyResultToCheckIn, value: number): Rebaseline | null {
  if (!kr.baselineFromCheckIn) return null;
  const spec = kr.targetText ? parseTarget(kr.targetText) : null;
  const target = spec?.kind === "relative" ? resolveTarget(spec, value)! : kr.target;
  const direction = kr.directionSet
    ? kr.direction
    : ((spec && impliedDirection(spec)) ?? deriveDirection(value, target) ?? kr.direction);
  return { baseline: value, target, direction };
}

/**
 * Turns this period's prompt DMs (first and after a snooze), if sent, into a "Checked in ✓" summary
 * of what is stored for the period when it runs (so several check-ins in a row need one update).
 */
export async function markPromptAnswered(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  week: string,
): Promise<number> {
  const key = promptKey(workspaceId, slackUserId, week);
  const all = await messagesUnderKey(deps.db, key, [`reminder:${workspaceId}:${slackUserId}:${week}`]);
  const prompts = all.filter((m) => m.status === "sent" && m.ts);
  if (prompts.length === 0) return 0;
  const person = await personIn(deps, workspaceId, slackUserId);
  const cycle = await runningCycle(deps, workspaceId);
  const owned = cycle ? await objectivesOwnedBy(deps, person, cycle.id) : [];
  const statuses = owned.flatMap((o) => o.keyResults.map((kr) => keyResultStatus(kr, week)));
  const content = checkinReceived({ week, entries: receivedIn(statuses) });
  let updated = 0;
  for (const p of prompts) if (await updateSentMessage(deps, p, content)) updated += 1;
  return updated;
}
