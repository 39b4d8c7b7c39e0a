// `/okr follow <team>`, `/okr unfollow <team>`, `/okr following`: who gets a team's weekly digest
// as a DM. Anyone may follow any team of the workspace (its digest is visible to all with /okr digest).
import type { FollowResult } from "../domain/answers";
import { addFollower, followedTeamNames, removeFollower } from "../db/followers";
import { ensurePerson } from "../db/people";
import { teamsOf } from "../db/teams";
import type { ServiceDeps } from "./deps";

async function findTeam(deps: ServiceDeps, workspaceId: number, name: string) {
  const teams = await teamsOf(deps.db, workspaceId);
  const wanted = name.trim().toLowerCase();
  return { team: teams.find((t) => t.name.toLowerCase() === wanted), names: teams.map((t) => t.name) };
}

export async function follow(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamName: string,
): Promise<FollowResult> {
  const { team, names } = await findTeam(deps, workspaceId, teamName);
  if (!team) return { status: "unknown_team", teams: names };
  const person = await ensurePerson(deps.db, workspaceId, slackUserId);
  const added = await addFollower(deps.db, team.id, person.id);
  return { status: added ? "followed" : "already", team: team.name };
}

export async function unfollow(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamName: string,
): Promise<FollowResult> {
  const { team, names } = await findTeam(deps, workspaceId, teamName);
  if (!team) return { status: "unknown_team", teams: names };
  const person = await ensurePerson(deps.db, workspaceId, slackUserId);
  const removed = await removeFollower(deps.db, team.id, person.id);
  return { status: removed ? "unfollowed" : "not_following", team: team.name };
}

export async function following(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<string[]> {
  return (await followedTeamNames(deps.db, workspaceId, slackUserId)).sort((a, b) => a.localeCompare(b));
}
