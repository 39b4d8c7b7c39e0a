// `/okr follow <team>`, `/okr unfollow <team>`, `/okr following`: who gets a team's weekly digest
// as a DM. Anyone may follow any team of the workspace (its digest is visible to all with /okr digest).
import type { FollowResult } from "../domain/answers";
import { isUniqueViolation } from "../db/types";
import { ensurePerson } from "../db/people";
import type { ServiceDeps } from "./deps";

async function findTeam(deps: ServiceDeps, workspaceId: number, name: string) {
  const teams = await deps.db.team.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
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
  try {
    await deps.db.teamFollower.create({ data: { teamId: team.id, personId: person.id } });
    return { status: "followed", team: team.name };
  } catch (err) {
    if (isUniqueViolation(err)) return { status: "already", team: team.name };
    throw err;
  }
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
  const { count } = await deps.db.teamFollower.deleteMany({ where: { teamId: team.id, personId: person.id } });
  return { status: count > 0 ? "unfollowed" : "not_following", team: team.name };
}

export async function following(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<string[]> {
  const rows = await deps.db.teamFollower.findMany({
    where: { person: { workspaceId, slackUserId } },
    include: { team: { select: { name: true } } },
  });
  return rows.map((r) => r.team.name).sort((a, b) => a.localeCompare(b));
}
