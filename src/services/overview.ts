// What `/okr`, `/okr team` and the App Home show.
import type { HomeData } from "../domain/answers";
import type { ObjectiveWithStatus } from "../domain/answers";
import type { Digest } from "../domain/digest";
import { keyResultStatus } from "../domain/keyResultStatus";
import { servedLine } from "../domain/alignment";
import { isoWeekKey } from "../domain/time";
import { cycleAt } from "../db/cycles";
import { objectiveLinesIn, ownedObjectives } from "../db/okrs";
import { ensurePerson } from "../db/people";
import { teamsOf, teamsOfMember } from "../db/teams";
import type { Cycle, Person } from "../db/types";
import type { ServiceDeps } from "./deps";
import { remembered } from "./memo";
import { teamDigest } from "./digest";
import { timeZoneOf } from "./people";
import { periodFor, scheduleTeam } from "./prompts";

export type MyOkrs = { cycleKey: string; week: string; objectives: Array<ObjectiveWithStatus & { id: number }> } | null;

export async function myOkrs(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<MyOkrs> {
  const cycle = await runningCycle(deps, workspaceId);
  if (!cycle) return null;
  const person = await personIn(deps, workspaceId, slackUserId);
  return okrsOf(deps, cycle, person);
}

async function okrsOf(deps: ServiceDeps, cycle: Cycle, person: Person): Promise<NonNullable<MyOkrs>> {
  const objectives = await objectivesOwnedBy(deps, person, cycle.id);
  const team = scheduleTeam(objectives.map((o) => o.team));
  const tz = await timeZoneOf(deps, person, team?.timezone ?? "UTC");
  // The same period the person's prompts and check-ins use.
  const week = team ? periodFor(team, tz, deps.now).key : isoWeekKey(deps.now, tz);
  return {
    cycleKey: cycle.key,
    week,
    objectives: objectives.map((o) => ({
      id: o.id,
      title: o.title,
      ownerSlackId: o.ownerSlackId,
      keyResults: o.keyResults.map((kr) => keyResultStatus(kr, week)),
    })),
  };
}

/** The cycle running now (read once per batch of after-ack work). */
export function runningCycle(deps: ServiceDeps, workspaceId: number) {
  return remembered(deps.memo, `cycle:${workspaceId}`, () => cycleAt(deps.db, workspaceId, deps.now));
}

/** The person (read once per batch: their DM and their Home are refreshed in the same one). */
export function personIn(deps: ServiceDeps, workspaceId: number, slackUserId: string) {
  return remembered(deps.memo, `person:${workspaceId}:${slackUserId}`, () =>
    ensurePerson(deps.db, workspaceId, slackUserId),
  );
}

/** The objectives whose key results the person owns or co-owns, with their facts (once per batch). */
export function objectivesOwnedBy(deps: ServiceDeps, person: Person, cycleId: number) {
  return remembered(deps.memo, `owned:${person.id}:${cycleId}`, () => ownedObjectives(deps.db, person.id, cycleId));
}

export type TeamOverview =
  | { status: "ok"; digest: Digest }
  | { status: "no_cycle" }
  | { status: "unknown_team"; teams: string[] };

export async function teamOverview(deps: ServiceDeps, workspaceId: number, teamName: string): Promise<TeamOverview> {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return { status: "no_cycle" };
  const teams = await teamsOf(deps.db, workspaceId);
  const wanted = teamName.trim().toLowerCase();
  const team = teams.find((t) => t.name.toLowerCase() === wanted);
  if (!team) return { status: "unknown_team", teams: teams.map((t) => t.name) };
  return { status: "ok", digest: await teamDigest(deps.db, team, cycle, deps.now) };
}

export type DigestPreview =
  | { status: "ok"; digest: Digest }
  | { status: "no_cycle" }
  | { status: "unknown_team"; teams: string[] };

/** The digest as the job would post it now, for `/okr digest [team]` (default: the caller's team). */
export async function digestPreview(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamName: string | null,
): Promise<DigestPreview> {
  if (teamName) return teamOverview(deps, workspaceId, teamName);
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return { status: "no_cycle" };
  const person = await ensurePerson(deps.db, workspaceId, slackUserId);
  const own = scheduleTeam(await teamsOfMember(deps.db, workspaceId, cycle.id, person.id));
  if (!own)
    return {
      status: "unknown_team",
      teams: (await teamsOf(deps.db, workspaceId)).map((t) => t.name),
    };
  return { status: "ok", digest: await teamDigest(deps.db, own, cycle, deps.now) };
}

/** The person's App Home: their key results, their team's objectives, and for managers who is missing. */
export async function homeData(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<HomeData> {
  const cycle = await runningCycle(deps, workspaceId);
  if (!cycle) return { cycleKey: null, week: null, keyResults: [], team: null, managed: [] };
  const person = await personIn(deps, workspaceId, slackUserId);
  const mine = await okrsOf(deps, cycle, person);
  const teams = await teamsOfMember(deps.db, workspaceId, cycle.id, person.id);
  const ownTeam = scheduleTeam(teams);
  const digests = new Map<number, Digest>();
  // Teammates' Homes refreshed in one batch share their team's digest.
  for (const t of teams)
    digests.set(t.id, await remembered(deps.memo, `digest:${t.id}`, () => teamDigest(deps.db, t, cycle, deps.now)));
  const ownDigest = ownTeam ? digests.get(ownTeam.id) : undefined;
  return {
    cycleKey: mine.cycleKey,
    week: mine.week,
    keyResults: await withServedLines(deps, workspaceId, cycle.id, mine.objectives),
    team: ownDigest
      ? {
          name: ownDigest.teamName,
          objectives: ownDigest.objectives.map((o) => ({
            title: o.title,
            keyResults: o.keyResults.length,
            progress: o.progress,
          })),
        }
      : null,
    managed: teams
      .filter((t) => t.managers.some((m) => m.personId === person.id))
      .map((t) => ({ team: t.name, missing: digests.get(t.id)!.missing })),
  };
}

/** Each key result with the line its objective serves up the tree (one query for the cycle's alignment). */
async function withServedLines(
  deps: ServiceDeps,
  workspaceId: number,
  cycleId: number,
  objectives: NonNullable<MyOkrs>["objectives"],
): Promise<HomeData["keyResults"]> {
  const rows = await remembered(deps.memo, `lines:${cycleId}`, () => objectiveLinesIn(deps.db, workspaceId, cycleId));
  const byId = new Map(rows.map((o) => [o.id, { title: o.title, team: o.team, alignsToId: o.alignsToId }]));
  return objectives.flatMap((o) => {
    const serves = servedLine(o.id, byId);
    return o.keyResults.map((kr) => ({ ...kr, serves }));
  });
}
