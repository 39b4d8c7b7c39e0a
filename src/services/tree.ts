// `/okr tree [team]` and the figures of every objective in a cycle, alignment included.
import { keyResultStatus } from "../domain/keyResultStatus";
import { isCadence, periodOfWeek } from "../domain/periods";
import { isoWeekKey } from "../domain/time";
import { buildTree, topTeam, type TreeNode, type TreeObjectiveInput } from "../domain/tree";
import type { Confidence } from "../domain/types";
import { cycleAt } from "../db/cycles";
import { objectivesWithFactsIn } from "../db/objectives";
import { toKeyResultFacts } from "../db/okrs";
import { ensurePerson } from "../db/people";
import { teamsOf, memberTeamsOf } from "../db/teams";
import type { Cycle, Db, Team } from "../db/types";
import type { ServiceDeps } from "./deps";
import { scheduleTeam } from "./prompts";

/** The period a team's figures are taken in (as its digest does). */
export function teamWeek(team: Pick<Team, "timezone" | "cadence">, now: Date): string {
  return periodOfWeek(isoWeekKey(now, team.timezone), isCadence(team.cadence) ? team.cadence : "weekly");
}

/**
 * Every objective of the workspace in the cycle, with its key results' progress at `now`, each in
 * its own team's period (a weekly team under a biweekly one counts this week's check-ins).
 */
export async function cycleObjectives(
  db: Db,
  workspaceId: number,
  cycleId: number,
  now: Date,
): Promise<TreeObjectiveInput[]> {
  const objectives = await objectivesWithFactsIn(db, workspaceId, cycleId);
  return objectives.map((o) => ({
    id: o.id,
    teamId: o.teamId,
    title: o.title,
    ownerSlackId: o.owner?.slackUserId ?? null,
    alignsToId: o.alignsToId,
    weight: o.weight,
    keyResults: o.keyResults.map((kr) => {
      const status = keyResultStatus(toKeyResultFacts(kr), teamWeek(o.team, now));
      return {
        progress: status.progress,
        scored: status.scored,
        weight: kr.weight,
        archived: kr.archivedAt !== null,
        confidence: (status.latest?.confidence ?? null) as Confidence | null,
      };
    }),
  }));
}

/** The team a person belongs to: one they manage or own a key result in (the scheduling team). */
export async function teamOfPerson(
  db: Db,
  workspaceId: number,
  personId: number,
  cycle: Cycle,
): Promise<Team | undefined> {
  return scheduleTeam(await memberTeamsOf(db, workspaceId, cycle.id, personId));
}

export type TeamTree =
  | { status: "ok"; root: TreeNode; cycleKey: string; week: string }
  | { status: "no_cycle" }
  | { status: "unknown_team"; teams: string[] };

/** The tree from the named team down; by default from the top of the caller's team's tree. */
export async function teamTree(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamName: string | null,
): Promise<TeamTree> {
  const cycle = await cycleAt(deps.db, workspaceId, deps.now);
  if (!cycle) return { status: "no_cycle" };
  const teams = await teamsOf(deps.db, workspaceId);
  const unknown = { status: "unknown_team" as const, teams: teams.map((t) => t.name) };
  let root: Team | undefined;
  if (teamName) {
    const wanted = teamName.trim().toLowerCase();
    root = teams.find((t) => t.name.toLowerCase() === wanted);
  } else {
    const person = await ensurePerson(deps.db, workspaceId, slackUserId);
    const own = await teamOfPerson(deps.db, workspaceId, person.id, cycle);
    const topId = own ? topTeam(own.id, teams) : undefined;
    root = teams.find((t) => t.id === topId);
  }
  if (!root) return unknown;
  const week = teamWeek(root, deps.now);
  const tree = buildTree(root.id, teams, await cycleObjectives(deps.db, workspaceId, cycle.id, deps.now));
  return tree ? { status: "ok", root: tree, cycleKey: cycle.key, week } : unknown;
}
