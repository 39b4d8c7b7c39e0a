// The weekly check-in: who is due a prompt, what the form shows, and storing the answers.
import { checkinPrompt, checkinReceived, type ReceivedEntry } from "../blocks/checkin";
import { keyResultStatus, type KeyResultStatus } from "../domain/keyResultStatus";
import { dueInstant, isoWeekKey } from "../domain/time";
import type { Confidence } from "../domain/types";
import { cycleAt } from "../db/cycles";
import { keyResultOwners, ownedObjectives } from "../db/okrs";
import { ensurePerson } from "../db/people";
import type { Db, Person } from "../db/types";
import { listWorkspaces } from "../db/workspaces";
import type { Logger } from "../logger";
import type { SlackClient } from "../slack/client";
import { sendOnce, updateSent } from "./outbox";
import { timeZoneOf } from "./people";

export type ServiceDeps = { db: Db; slack: SlackClient; now: Date; log: Logger };

export function promptKey(workspaceId: number, slackUserId: string, week: string): string {
  return `checkin:${workspaceId}:${slackUserId}:${week}`;
}

export type PromptRunSummary = { sent: number; alreadySent: number; notDue: number; answeredEarly: number; failed: number; inFlight: number };

/** Sends each key-result owner whose check-in time has come this week one DM, once. */
export async function sendCheckinPrompts(deps: ServiceDeps, opts: { team?: string } = {}): Promise<PromptRunSummary> {
  const summary: PromptRunSummary = { sent: 0, alreadySent: 0, notDue: 0, answeredEarly: 0, failed: 0, inFlight: 0 };
  for (const workspace of await listWorkspaces(deps.db)) {
    const cycle = await cycleAt(deps.db, workspace.id, deps.now);
    if (!cycle) continue;
    for (const owner of await keyResultOwners(deps.db, cycle.id, opts.team)) {
      const teams = uniqueTeams(owner.keyResultsOwned.map((k) => k.objective.team));
      const tz = await timeZoneOf(deps, owner, teams[0]?.timezone ?? "UTC");
      // An owner in several teams is asked once a week, at the earliest of their teams' times.
      const due = Math.min(...teams.map((t) => dueInstant(deps.now, tz, t.checkinDay, t.checkinTime).getTime()));
      if (deps.now.getTime() < due) {
        summary.notDue += 1;
        continue;
      }
      const week = isoWeekKey(deps.now, tz);
      const keyResults = await statusesOf(deps.db, owner, cycle.id, week);
      if (keyResults.every((kr) => kr.thisWeek)) {
        summary.answeredEarly += 1;
        continue;
      }
      const outcome = await sendOnce(
        deps,
        { workspaceId: workspace.id, key: promptKey(workspace.id, owner.slackUserId, week), kind: "checkin_prompt", channel: owner.slackUserId, recipient: owner.slackUserId, period: week },
        () => checkinPrompt({ week, keyResults }),
      );
      if (outcome.status === "sent") summary.sent += 1;
      else if (outcome.status === "already_sent") summary.alreadySent += 1;
      else if (outcome.status === "in_flight") summary.inFlight += 1;
      else summary.failed += 1;
    }
  }
  return summary;
}

function uniqueTeams<T extends { id: number }>(teams: T[]): T[] {
  return [...new Map(teams.map((t) => [t.id, t])).values()];
}

async function statusesOf(db: Db, person: Person, cycleId: number, week: string): Promise<KeyResultStatus[]> {
  const objectives = await ownedObjectives(db, person.id, cycleId);
  return objectives.flatMap((o) => o.keyResults.map((kr) => keyResultStatus(kr, week)));
}

export type CheckinForm = { week: string; keyResults: KeyResultStatus[] };

/** What the check-in modal shows a person now; null when they own no key result this cycle. */
export async function checkinForm(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<CheckinForm | null> {
  const context = await personContext(deps, workspaceId, slackUserId);
  if (!context) return null;
  const keyResults = await statusesOf(deps.db, context.person, context.cycleId, context.week);
  return keyResults.length > 0 ? { week: context.week, keyResults } : null;
}

async function personContext(deps: ServiceDeps, workspaceId: number, slackUserId: string) {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return null;
  const person = await ensurePerson(deps.db, workspaceId, slackUserId);
  const team = await deps.db.team.findFirst({
    where: { objectives: { some: { cycleId: cycle.id, keyResults: { some: { ownerId: person.id } } } } },
    orderBy: { id: "asc" },
  });
  const tz = await timeZoneOf(deps, person, team?.timezone ?? "UTC");
  return { person, cycleId: cycle.id, week: isoWeekKey(deps.now, tz) };
}

export type CheckinEntry = { keyResultId: number; value: number; confidence: Confidence; note: string | null };

export class NotAllowedError extends Error {
  override name = "NotAllowedError";
}

/**
 * Stores one check-in per key result for the person's current week (a second submission in the
 * same week updates it). Refuses key results the person does not own, whatever the form said.
 */
export async function recordCheckins(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  entries: CheckinEntry[],
): Promise<{ week: string; received: ReceivedEntry[] }> {
  const context = await personContext(deps, workspaceId, slackUserId);
  if (!context) throw new NotAllowedError("There is no OKR cycle running right now.");
  const { person, week } = context;
  const ids = entries.map((e) => e.keyResultId);
  const owned = await deps.db.keyResult.findMany({
    where: { id: { in: ids }, ownerId: person.id, objective: { cycleId: context.cycleId, team: { workspaceId } } },
    select: { id: true },
  });
  if (owned.length !== new Set(ids).size) throw new NotAllowedError("You can only check in on key results you own.");

  await deps.db.$transaction(async (tx) => {
    for (const e of entries) {
      const data = { value: e.value, confidence: e.confidence, note: e.note, authorId: person.id };
      await tx.checkIn.upsert({
        where: { keyResultId_week: { keyResultId: e.keyResultId, week } },
        create: { keyResultId: e.keyResultId, week, ...data },
        update: data,
      });
    }
  });
  const keyResults = await statusesOf(deps.db, person, context.cycleId, week);
  const received = keyResults
    .filter((kr) => kr.thisWeek)
    .map((kr) => ({ title: kr.title, value: kr.current, unit: kr.unit, confidence: kr.thisWeek!.confidence, note: kr.thisWeek!.note }));
  return { week, received };
}

/** Turns this week's prompt DM, if one was sent, into a "Checked in ✓" summary. */
export async function markPromptAnswered(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  result: { week: string; received: ReceivedEntry[] },
): Promise<boolean> {
  return updateSent(deps, promptKey(workspaceId, slackUserId, result.week), checkinReceived({ week: result.week, entries: result.received }));
}
