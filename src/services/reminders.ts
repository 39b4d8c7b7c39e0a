// One gentle reminder per prompt, and one word to the managers when someone keeps missing.
import { checkinReminder, escalationMessage } from "../blocks/checkin";
import { isAway } from "../domain/away";
import { isCadence, previousPeriod } from "../domain/periods";
import { cycleAt } from "../db/cycles";
import { isUniqueViolation } from "../db/types";
import { listWorkspaces } from "../db/workspaces";
import type { ServiceDeps } from "./deps";
import { sendOnce } from "./outbox";
import { periodFor, promptKey, scheduleTeam, statusesOf } from "./prompts";

/** Prompts older than this belong to a past period: no reminder for those. */
const REMINDER_WINDOW_MS = 6 * 24 * 60 * 60_000;

export type ReminderRunSummary = { sent: number; alreadySent: number; answered: number; notYet: number; failed: number; escalated: number };

/**
 * Reminds each owner who has not answered their prompt `reminderDelayHours` after it went out
 * (never more than once a period, not while snoozed, skipped or away), then tells the managers
 * about owners who missed `escalateAfter` periods in a row.
 */
export async function sendReminders(deps: ServiceDeps, opts: { team?: string } = {}): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { sent: 0, alreadySent: 0, answered: 0, notYet: 0, failed: 0, escalated: 0 };
  for (const workspace of await listWorkspaces(deps.db)) {
    const cycle = await cycleAt(deps.db, workspace.id, deps.now);
    if (!cycle) continue;
    const prompts = await deps.db.checkinPrompt.findMany({
      where: { workspaceId: workspace.id, state: "open", skipped: false, dueAt: { gt: new Date(deps.now.getTime() - REMINDER_WINDOW_MS) } },
      include: { person: true },
      orderBy: { id: "asc" },
    });
    for (const prompt of prompts) {
      try {
        const person = prompt.person;
        const sent = await deps.db.slackMessage.findUnique({ where: { key: promptKey(workspace.id, person.slackUserId, prompt.period) } });
        const objectives = await deps.db.team.findMany({
          where: { workspaceId: workspace.id, objectives: { some: { cycleId: cycle.id, keyResults: { some: { ownerId: person.id, archivedAt: null } } } } },
        });
        const team = scheduleTeam(objectives);
        if (!sent?.sentAt || !team || (opts.team && !objectives.some((t) => t.name === opts.team))) continue;
        // A prompt from a period that is over gets no reminder: its form would show the new period.
        if (periodFor(team, person.tz ?? team.timezone, deps.now).key !== prompt.period) continue;
        const delayOver = deps.now.getTime() >= sent.sentAt.getTime() + team.reminderDelayHours * 3_600_000;
        const snoozed = prompt.snoozedUntil !== null && deps.now < new Date(prompt.snoozedUntil.getTime() + team.reminderDelayHours * 3_600_000);
        if (!delayOver || snoozed || isAway(person, deps.now)) {
          summary.notYet += 1;
          continue;
        }
        const pending = (await statusesOf(deps.db, person, cycle.id, prompt.period)).filter((kr) => !kr.thisWeek && kr.ownerSlackId === person.slackUserId);
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
      } catch (err) {
        deps.log.error(`reminder for ${prompt.person.slackUserId} failed`, err);
        summary.failed += 1;
      }
    }
    summary.escalated += await escalate(deps, workspace.id, cycle.id, opts.team);
  }
  return summary;
}

/**
 * For each team with managers: owners whose last `escalateAfter` finished periods were all
 * missed (prompted, not skipped, not away, no check-in) are listed to each manager in one DM.
 * Each run of misses is reported once (an Escalation row claims it).
 */
async function escalate(deps: ServiceDeps, workspaceId: number, cycleId: number, teamName?: string): Promise<number> {
  let escalated = 0;
  const teams = await deps.db.team.findMany({
    where: { workspaceId, ...(teamName ? { name: teamName } : {}), managers: { some: {} }, objectives: { some: { cycleId } } },
    include: { managers: { include: { person: true } } },
    orderBy: { id: "asc" },
  });
  for (const team of teams) {
    const cadence = isCadence(team.cadence) ? team.cadence : "weekly";
    const owners = await deps.db.person.findMany({
      where: { keyResultsOwned: { some: { archivedAt: null, objective: { teamId: team.id, cycleId } } } },
      include: {
        prompts: { orderBy: { period: "desc" }, take: 12 },
        checkIns: { where: { keyResult: { objective: { teamId: team.id, cycleId } } }, select: { week: true } },
      },
      orderBy: { id: "asc" },
    });
    const newly: string[] = [];
    for (const owner of owners) {
      const checkedIn = new Set(owner.checkIns.map((c) => c.week));
      // Finished periods only: the owner's current one is still running.
      const current = periodFor(team, owner.tz ?? team.timezone, deps.now).key;
      let expected = previousPeriod(current, cadence);
      const run: string[] = [];
      for (const p of owner.prompts.filter((p) => p.period < current)) {
        const missed = p.period === expected && p.state === "open" && !p.skipped && !checkedIn.has(p.period);
        if (!missed) break;
        run.push(p.period);
        expected = previousPeriod(p.period, cadence);
      }
      if (run.length < team.escalateAfter) continue;
      try {
        await deps.db.escalation.create({ data: { teamId: team.id, personId: owner.id, since: run.at(-1)! } });
        newly.push(owner.slackUserId);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // already reported
      }
    }
    if (newly.length === 0) continue;
    escalated += newly.length;
    for (const manager of team.managers) {
      await sendOnce(
        deps,
        {
          workspaceId,
          key: `escalation:${team.id}:${manager.person.slackUserId}:${newly.join(",")}:${deps.now.toISOString().slice(0, 10)}`,
          kind: "checkin_reminder",
          channel: manager.person.slackUserId,
          recipient: manager.person.slackUserId,
        },
        () => escalationMessage({ teamName: team.name, missing: newly, periods: team.escalateAfter }),
      );
    }
  }
  return escalated;
}
