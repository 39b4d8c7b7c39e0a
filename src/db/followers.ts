// Who follows which team (`/okr follow`): they get its weekly digest as a DM.
import { isUniqueViolation, type Tx } from "./types";

/** False when the person already follows the team. */
export async function addFollower(db: Tx, teamId: number, personId: number): Promise<boolean> {
  try {
    await db.teamFollower.create({ data: { teamId, personId } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** False when the person did not follow the team. */
export async function removeFollower(db: Tx, teamId: number, personId: number): Promise<boolean> {
  const { count } = await db.teamFollower.deleteMany({ where: { teamId, personId } });
  return count > 0;
}

/** The names of the teams the person follows (unsorted). */
export async function followedTeamNames(db: Tx, workspaceId: number, slackUserId: string): Promise<string[]> {
  const rows = await db.teamFollower.findMany({
    where: { person: { workspaceId, slackUserId } },
    include: { team: { select: { name: true } } },
  });
  return rows.map((r) => r.team.name);
}
