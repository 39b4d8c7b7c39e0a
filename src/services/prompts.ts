// The weekly prompt: who is due one, when (each owner's own time zone), and what became of it.
// One CheckinPrompt row per owner and period records the due instant and the outcome, so a
// prompt is decided once, whatever the number of runs, replicas or time-zone changes.
import { checkinPrompt } from "../blocks/checkin";
import { isAway } from "../domain/away";
import { keyResultStatus, type KeyResultStatus } from "../domain/keyResultStatus";
import { currentPeriod, graceEnds, isCadence } from "../domain/periods";
import { cycleAt } from "../db/cycles";
import { keyResultOwners, ownedObjectives } from "../db/okrs";
import { messageByKey } from "../db/outbox";
import { findPerson } from "../db/people";
import { ensurePrompt, promptOf, setPromptState, skipPrompt, snoozePrompt } from "../db/prompts";
import type { Db, Person, Team } from "../db/types";
import type { JobScope, ServiceDeps } from "./deps";
import { forEachConcurrently } from "./concurrently";
import { pendingCounter, sendOnce } from "./outbox";
import { type DueOwner, MEASURE_AHEAD_MS, measureBeforePrompts } from "./measure";
import { refreshProfile } from "./people";

/**
 * Owners prompted at once: one owner's 429 (waiting its Retry-After) or slow answer does not hold
 * up everyone else's prompt; the pacer still keeps the sends at the workspace's rate. With 5 % of
 * the posts answered 429 (a second's wait each) at 50 posts/s, about 2.5 senders wait at any time:
 * the others must still keep up with the pace.
 */
export const PROMPT_SENDERS = 16;

export function promptKey(workspaceId: number, slackUserId: string, period: string): string {
  return `checkin:${workspaceId}:${slackUserId}:${period}`;
}

export type PromptRunSummary = {
  sent: number;
  alreadySent: number;
  notDue: number;
  answeredEarly: number;
  away: number;
  skipped: number;
  late: number;
  failed: number;
  inFlight: number;
  /** Due but not sent, nor failed for good: the next run tries again. */
  left: number;
  /** Key results' values read from their sources for this period, and reads that failed. */
  measured: number;
  readFailed: number;
};

/** The team whose schedule an owner follows: the first (lowest id) team they own a key result in. */
export function scheduleTeam<T extends Pick<Team, "id">>(teams: T[]): T | undefined {
  return [...teams].sort((a, b) => a.id - b.id)[0];
}

export function periodFor(team: Team, tz: string, now: Date) {
  return currentPeriod(now, tz, isCadence(team.cadence) ? team.cadence : "weekly", {
    day: team.checkinDay,
    time: team.checkinTime,
  });
}

/** Statuses of the key results a person owns or co-owns in a cycle, as of `period`. */
export async function statusesOf(db: Db, person: Person, cycleId: number, period: string): Promise<KeyResultStatus[]> {
  const objectives = await ownedObjectives(db, person.id, cycleId);
  return objectives.flatMap((o) => o.keyResults.map((kr) => keyResultStatus(kr, period)));
}

/**
 * Sends each key-result owner whose check-in time has come one DM per period, and a second one
 * after a snooze. A prompt that could not go out in its grace window (the bot was down) is skipped
 * and logged; owners who are away, skipped the week or already checked in get none.
 */
export async function sendCheckinPrompts(deps: ServiceDeps, opts: JobScope): Promise<PromptRunSummary> {
  const summary: PromptRunSummary = {
    sent: 0,
    alreadySent: 0,
    notDue: 0,
    answeredEarly: 0,
    away: 0,
    skipped: 0,
    late: 0,
    failed: 0,
    inFlight: 0,
    left: 0,
    measured: 0,
    readFailed: 0,
  };
  const { workspace } = opts;
  const cycle = await cycleAt(deps.db, workspace.id, deps.now);
  if (!cycle) return summary;
  const owners = await keyResultOwners(deps.db, cycle.id, opts.team);
  // Read first, all at once: the prompts then go out at the workspace's pace without waiting on sources.
  const measured = await measureBeforePrompts(deps, cycle.id, ownersDueSoon(owners, deps.now));
  summary.measured += measured.measured;
  summary.readFailed += measured.readFailed;
  await forEachConcurrently(owners, PROMPT_SENDERS, async (owner) => {
    try {
      summary[await promptOwner(deps, workspace.id, cycle.id, owner)] += 1;
    } catch (err) {
      // One owner's trouble (a bad profile, a database hiccup) must not cost everyone else their prompt.
      deps.log.error(`check-in prompt for ${owner.slackUserId} failed`, err);
      summary.left += 1;
    }
  });
  return summary;
}

type Owner = Awaited<ReturnType<typeof keyResultOwners>>[number];

/**
 * Owners whose prompt is due within MEASURE_AHEAD_MS (or already), by their last known time zone.
 * One whose schedule cannot be worked out (a bad zone) is left to the prompt, which logs it.
 */
function ownersDueSoon(owners: readonly Owner[], now: Date): DueOwner[] {
  return owners.flatMap((owner) => {
    try {
      const team = scheduleTeam(owner.keyResultsOwned.map((k) => k.objective.team))!;
      const { key, dueAt } = periodFor(team, owner.tz ?? team.timezone, now);
      return now.getTime() >= dueAt.getTime() - MEASURE_AHEAD_MS ? [{ personId: owner.id, period: key }] : [];
    } catch {
      return [];
    }
  });
}

/** Decides and, if due, sends one owner's prompt; says which counter it falls under. */
async function promptOwner(
  deps: ServiceDeps,
  workspaceId: number,
  cycleId: number,
  owner: Owner,
): Promise<keyof PromptRunSummary> {
  const team = scheduleTeam(owner.keyResultsOwned.map((k) => k.objective.team))!;
  let person = await refreshProfile(deps, owner);
  // Never asked Slack successfully yet (e.g. users.info was rate limited): the team's zone could be
  // hours off, so wait for the next run rather than prompt at 4 a.m.
  if (!person.tzFetchedAt) return "notDue";
  // A vacation status is re-read hourly, so someone back from holiday is asked the same day.
  if (person.slackAway) person = await refreshProfile(deps, person, 60 * 60_000);
  const tz = person.tz ?? team.timezone;
  const { key: period, dueAt } = periodFor(team, tz, deps.now);
  if (deps.now < dueAt) return "notDue";
  const prompt = await ensurePrompt(deps.db, workspaceId, person.id, period, dueAt);
  if (prompt.skipped) return "skipped";
  if (prompt.state !== "open")
    return prompt.state === "late" ? "late" : prompt.state === "away" ? "away" : "answeredEarly";
  const key = promptKey(workspaceId, person.slackUserId, period);
  const first = await messageByKey(deps.db, key);
  const snoozeDue = first?.status === "sent" && prompt.snoozedUntil !== null && deps.now >= prompt.snoozedUntil;
  if (first && !snoozeDue && first.status !== "pending") return first.status === "failed" ? "failed" : "alreadySent";
  const keyResults = await statusesOf(deps.db, person, cycleId, period);
  if (keyResults.every((kr) => kr.thisWeek)) {
    if (!first) await setPromptState(deps.db, prompt.id, "early");
    return "answeredEarly";
  }
  // Away is checked on every run (not recorded for the period), so coming back mid-week counts.
  if (isAway(person, deps.now)) return "away";
  const graceFrom = graceStart(dueAt, person, deps.now);
  const graceEnd = graceEnds(graceFrom, tz, team.graceMinutes);
  if (!first && deps.now >= graceEnd) {
    await setPromptState(deps.db, prompt.id, "late");
    deps.log.warn(
      `check-in prompt for ${person.slackUserId} (${period}) skipped: it was due at ${dueAt.toISOString()} and the grace window ended before the bot could send it`,
    );
    return "late";
  }
  const outcome = await sendOnce(
    deps,
    {
      workspaceId,
      key: snoozeDue ? `${key}:snooze${prompt.snoozes}` : key,
      kind: "checkin_prompt",
      channel: person.slackUserId,
      recipient: person.slackUserId,
      period,
      // A first prompt that could not be delivered in time is not sent at 3 a.m. later in the week.
      notAfter: snoozeDue ? undefined : graceEnd,
    },
    () => checkinPrompt({ week: period, keyResults }),
  );
  return outcome.status === "sent"
    ? "sent"
    : outcome.status === "already_sent"
      ? "alreadySent"
      : (pendingCounter(outcome) ?? "failed");
}

/**
 * When a prompt's grace window starts: its due time, or later if the owner only became due later
 * through no downtime of the bot (their time zone changed, or they came back from being away).
 */
function graceStart(dueAt: Date, person: Person, now: Date): Date {
  const later = [person.tzChangedAt, person.awayUntil].filter((d): d is Date => d !== null && d <= now && d > dueAt);
  // biome-ignore lint/complexity/useMathMinMax: Dates, which Math.max would turn into numbers
  return later.reduce((max, d) => (d > max ? d : max), dueAt);
}

export type PromptChoice = "snooze" | "skip";

/**
 * The owner's choice on a prompt ("Snooze 1 day" or "Skip this week"), for their own current
 * prompt only: the period comes from the button, the person from Slack's signed payload.
 */
export async function choosePromptAction(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  period: string,
  choice: PromptChoice,
): Promise<{ ok: true; until?: Date } | { ok: false; reason: string }> {
  const person = await findPerson(deps.db, workspaceId, slackUserId);
  const prompt = person ? await promptOf(deps.db, person.id, period) : null;
  if (!person || !prompt || prompt.workspaceId !== workspaceId)
    return { ok: false, reason: "This check-in prompt is not yours, or no longer open." };
  if (choice === "skip") {
    await skipPrompt(deps.db, prompt.id);
    return { ok: true };
  }
  const until = new Date(deps.now.getTime() + 24 * 60 * 60_000);
  await snoozePrompt(deps.db, prompt.id, until);
  return { ok: true, until };
}
