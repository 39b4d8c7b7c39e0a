// One gentle reminder per prompt, and one word to the managers when someone keeps missing.
import { checkinReminder, escalationMessage } from "../blocks/checkin";
import { isAway } from "../domain/away";
import { isCadence, previousPeriod } from "../domain/periods";
import { cycleAt } from "../db/cycles";
import { messageByKey, sentPeriodsOf } from "../db/outbox";
import { ownersWithPromptHistory } from "../db/people";
import { markEscalationsNotified, openPromptsDueAfter, recordEscalation, unreportedEscalations } from "../db/prompts";
import { managedTeamsInCycle, teamsOwnedIn, type TeamWithManagers } from "../db/teams";
import type { Team } from "../db/types";
import type { JobScope, ServiceDeps } from "./deps";
import { pendingCounter, sendOnce } from "./outbox";
import { periodFor, promptKey, scheduleTeam, statusesOf } from "./prompts";
import { fields } from "../logger";

/** Prompts older than this belong to a past period: no reminder for those. */
const REMINDER_WINDOW_MS = 6 * 24 * 60 * 60_000;

/** `left`: due but neither sent nor failed for good; the next run tries again. */
export type ReminderRunSummary = {
  sent: number;
  alreadySent: number;
  answered: number;
  notYet: number;
  failed: number;
  escalated: number;
  inFlight: number;
  left: number;
};

/**
 * Reminds each owner who has not answered their prompt `reminderDelayHours` after it went out
 * (never more than once a period, not while snoozed, skipped or away), then tells the managers
 * about owners who missed `escalateAfter` periods in a row.
 */
export async function sendReminders(deps: ServiceDeps, opts: JobScope): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = {
    sent: 0,
    alreadySent: 0,
    answered: 0,
    notYet: 0,
    failed: 0,
    escalated: 0,
    inFlight: 0,
    left: 0,
  };
  const { workspace } = opts;
  const cycle = await cycleAt(deps.db, workspace.id, deps.now);
  if (!cycle) return summary;
  const prompts = await openPromptsDueAfter(deps.db, workspace.id, new Date(deps.now.getTime() - REMINDER_WINDOW_MS));
  for (const prompt of prompts) {
    try {
      const person = prompt.person;
      const sent = await messageByKey(deps.db, promptKey(workspace.id, person.slackUserId, prompt.period));
      const objectives = await teamsOwnedIn(deps.db, workspace.id, cycle.id, person.id);
      const team = scheduleTeam(objectives);
      if (!sent?.sentAt || !team || (opts.team && !objectives.some((t) => t.name === opts.team))) continue;
      // A prompt from a period that is over gets no reminder: its form would show the new period.
      if (periodFor(team, person.tz ?? team.timezone, deps.now).key !== prompt.period) continue;
      const delayOver = deps.now.getTime() >= sent.sentAt.getTime() + team.reminderDelayHours * 3_600_000;
      const snoozed =
        prompt.snoozedUntil !== null &&
        deps.now < new Date(prompt.snoozedUntil.getTime() + team.reminderDelayHours * 3_600_000);
      if (!delayOver || snoozed || isAway(person, deps.now)) {
        summary.notYet += 1;
        continue;
      }
      const pending = (await statusesOf(deps.db, person, cycle.id, prompt.period)).filter(
        (kr) => !kr.thisWeek && kr.ownerSlackId === person.slackUserId,
      );
      if (pending.length === 0) {
        summary.answered += 1;
        continue;
      }
      const outcome = await sendOnce(
        deps,
        {
          workspaceId: workspace.id,
          key: `reminder:${workspace.id}:${person.slackUserId}:${prompt.period}`,
          kind: "checkin_reminder",
          channel: person.slackUserId,
          recipient: person.slackUserId,
          period: prompt.period,
        },
        () => checkinReminder({ week: prompt.period, pending }),
      );
      if (outcome.status === "sent") summary.sent += 1;
      else if (outcome.status === "already_sent") summary.alreadySent += 1;
      else if (outcome.status === "failed") summary.failed += 1;
      else summary[pendingCounter(outcome)!] += 1;
    } catch (err) {
      deps.log.error(`reminder for ${prompt.person.slackUserId} failed`, err);
      summary.left += 1;
    }
  }
  const escalation = await escalate(deps, workspace.id, cycle.id, opts.team);
  summary.escalated += escalation.escalated;
  summary.left += escalation.left;
  return summary;
}

/**
 * For each team with managers: owners whose last `escalateAfter` finished periods were all missed
 * (a prompt was delivered, not skipped, no check-in, and they are not away) are recorded once per
 * run of misses; every run of the job then (re)sends each manager one DM listing the recorded runs
 * not yet reported, under a key made of their ids, until all managers have it.
 */
async function escalate(
  deps: ServiceDeps,
  workspaceId: number,
  cycleId: number,
  teamName?: string,
): Promise<{ escalated: number; left: number }> {
  let escalated = 0;
  let left = 0;
  const teams = await managedTeamsInCycle(deps.db, workspaceId, cycleId, teamName);
  for (const team of teams) {
    try {
      escalated += await recordMissRuns(deps, workspaceId, cycleId, team);
      left += await notifyManagers(deps, workspaceId, team);
    } catch (err) {
      deps.log.error(`escalation for ${team.name} failed`, err, fields({ team: team.name }));
      left += 1;
    }
  }
  return { escalated, left };
}

/** Records each owner's run of `escalateAfter`+ missed periods (once per run); returns how many are new. */
async function recordMissRuns(deps: ServiceDeps, workspaceId: number, cycleId: number, team: Team): Promise<number> {
  const cadence = isCadence(team.cadence) ? team.cadence : "weekly";
  const owners = await ownersWithPromptHistory(deps.db, team.id, cycleId);
  let recorded = 0;
  for (const owner of owners) {
    if (isAway(owner, deps.now)) continue;
    const checkedIn = new Set(owner.checkIns.map((c) => c.week));
    const delivered = new Set(
      await sentPeriodsOf(
        deps.db,
        owner.prompts.map((p) => promptKey(workspaceId, owner.slackUserId, p.period)),
      ),
    );
    // Finished periods only: the owner's current one is still running.
    const current = periodFor(team, owner.tz ?? team.timezone, deps.now).key;
    let expected = previousPeriod(current, cadence);
    const run: string[] = [];
    for (const p of owner.prompts.filter((p) => p.period < current)) {
      const missed =
        p.period === expected &&
        p.state === "open" &&
        !p.skipped &&
        delivered.has(p.period) &&
        !checkedIn.has(p.period);
      if (!missed) break;
      run.push(p.period);
      expected = previousPeriod(p.period, cadence);
    }
    if (run.length < team.escalateAfter) continue;
    // False when this run of misses is already recorded.
    if (await recordEscalation(deps.db, team.id, owner.id, run.at(-1)!)) recorded += 1;
  }
  return recorded;
}

/** Returns how many managers' DMs are left for the next run. */
async function notifyManagers(deps: ServiceDeps, workspaceId: number, team: TeamWithManagers): Promise<number> {
  const pending = await unreportedEscalations(deps.db, team.id);
  if (pending.length === 0) return 0;
  const ids = pending.map((e) => e.id).join("-");
  const missing = pending.map((e) => e.person.slackUserId);
  let delivered = 0;
  let left = 0;
  for (const manager of team.managers) {
    const outcome = await sendOnce(
      deps,
      {
        workspaceId,
        key: `escalation:${team.id}:${manager.person.slackUserId}:${ids}`,
        kind: "checkin_reminder",
        channel: manager.person.slackUserId,
        recipient: manager.person.slackUserId,
      },
      () => escalationMessage({ teamName: team.name, missing, periods: team.escalateAfter }),
    );
    if (outcome.status === "sent" || outcome.status === "already_sent" || outcome.status === "failed") delivered += 1;
    else if (outcome.status === "deferred") left += 1;
  }
  // Until every manager has it (or can never get it), the next run sends again under the same keys.
  if (delivered === team.managers.length) {
    await markEscalationsNotified(
      deps.db,
      pending.map((e) => e.id),
      deps.now,
    );
  }
  return left;
}
