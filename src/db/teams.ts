// Teams: their settings, managers, place in the tree, and which teams a person's schedule follows.
import { PROMPTED_KEY_RESULT } from "./okrs";
import { replaceManagers } from "./roles";
import type { Db, Person, Prisma, Team, Tx } from "./types";

export type TeamWithManagers = Team & { managers: Array<{ person: Person }> };
/** What the team settings form changes. */
export type TeamSettingsRow = Pick<
  Team,
  "channelId" | "checkinDay" | "checkinTime" | "cadence" | "graceMinutes" | "parentId"
>;

const withManagers = { managers: { include: { person: true } } } as const;

/** The workspace's teams by name. */
export function teamsOf(db: Tx, workspaceId: number): Promise<Team[]> {
  return db.team.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
}

export function teamsWithManagersOf(db: Tx, workspaceId: number): Promise<TeamWithManagers[]> {
  return db.team.findMany({ where: { workspaceId }, include: withManagers, orderBy: { name: "asc" } });
}

/** The team, if it belongs to the workspace. */
export function teamWithManagers(db: Tx, workspaceId: number, teamId: number): Promise<TeamWithManagers | null> {
  return db.team.findFirst({ where: { id: teamId, workspaceId }, include: withManagers });
}

/** Every team of the workspace as a node of the tree, by name. */
export function teamTreeOf(db: Tx, workspaceId: number): Promise<Array<Pick<Team, "id" | "name" | "parentId">>> {
  return db.team.findMany({
    where: { workspaceId },
    select: { id: true, name: true, parentId: true },
    orderBy: { name: "asc" },
  });
}

/** In one transaction: the team's settings, and its managers replaced by these people. */
export async function updateTeamSettings(
  db: Db,
  workspaceId: number,
  teamId: number,
  settings: TeamSettingsRow,
  managers: readonly string[],
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: settings });
    await replaceManagers(tx, workspaceId, teamId, managers);
  });
}

/** In one transaction: the team and its managers. Throws a unique violation when the name is taken. */
export function createTeamWithManagers(
  db: Db,
  team: TeamSettingsRow & { workspaceId: number; name: string; timezone: string },
  managers: readonly string[],
): Promise<Team> {
  return db.$transaction(async (tx) => {
    const created = await tx.team.create({ data: team });
    await replaceManagers(tx, team.workspaceId, created.id, managers);
    return created;
  });
}

export function childTeamsOf(db: Tx, teamId: number): Promise<Team[]> {
  return db.team.findMany({ where: { parentId: teamId }, orderBy: { name: "asc" } });
}

export async function hasChildTeams(db: Tx, teamId: number): Promise<boolean> {
  return (await db.team.count({ where: { parentId: teamId } })) > 0;
}

/** Teams (optionally only the one named) with child teams or followers: who gets leadership digests and DMs. */
export function teamsWithChildrenOrFollowers(db: Tx, workspaceId: number, teamName?: string) {
  return db.team.findMany({
    where: {
      workspaceId,
      ...(teamName ? { name: teamName } : {}),
      OR: [{ children: { some: {} } }, { followers: { some: {} } }],
    },
    include: { followers: { include: { person: true } }, _count: { select: { children: true } } },
    orderBy: { id: "asc" },
  });
}

/** Teams with managers and objectives in the cycle (optionally only the one named), with their managers. */
export function managedTeamsInCycle(
  db: Tx,
  workspaceId: number,
  cycleId: number,
  teamName?: string,
): Promise<TeamWithManagers[]> {
  return db.team.findMany({
    where: {
      workspaceId,
      ...(teamName ? { name: teamName } : {}),
      managers: { some: {} },
      objectives: { some: { cycleId } },
    },
    include: withManagers,
    orderBy: { id: "asc" },
  });
}

/** Teams with an objective in the cycle holding a prompted key result that matches `keyResult`. */
function teamsWithKeyResult(db: Tx, workspaceId: number, cycleId: number, keyResult: object): Promise<Team[]> {
  return db.team.findMany({
    where: {
      workspaceId,
      objectives: { some: { cycleId, keyResults: { some: { ...PROMPTED_KEY_RESULT, ...keyResult } } } },
    },
  });
}

/** The teams in which the person owns a prompted key result this cycle (their schedule follows these). */
export function teamsOwnedIn(db: Tx, workspaceId: number, cycleId: number, personId: number): Promise<Team[]> {
  return teamsWithKeyResult(db, workspaceId, cycleId, { ownerId: personId });
}

/** The teams in which the person co-owns a prompted key result this cycle. */
export function teamsCoOwnedIn(db: Tx, workspaceId: number, cycleId: number, personId: number): Promise<Team[]> {
  return teamsWithKeyResult(db, workspaceId, cycleId, { coOwners: { some: { personId } } });
}

/** The teams the person manages, or owns a prompted key result in this cycle, with who manages them. */
export function teamsOfMember(
  db: Tx,
  workspaceId: number,
  cycleId: number,
  personId: number,
): Promise<Array<Team & { managers: Array<{ personId: number }> }>> {
  return db.team.findMany({
    where: memberOf(workspaceId, cycleId, personId),
    include: { managers: { select: { personId: true } } },
    orderBy: { id: "asc" },
  });
}

/** The workspace's team of that name, if there is one. */
export function teamNamed(db: Tx, workspaceId: number, name: string): Promise<Team | null> {
  return db.team.findFirst({ where: { workspaceId, name } });
}

/** The workspace's team of that name, with its managers. */
export function teamWithManagersNamed(db: Tx, workspaceId: number, name: string): Promise<TeamWithManagers | null> {
  return db.team.findUnique({ where: { workspaceId_name: { workspaceId, name } }, include: withManagers });
}

export function createTeam(db: Tx, data: Prisma.TeamUncheckedCreateInput): Promise<Team> {
  return db.team.create({ data });
}

export async function updateTeam(db: Tx, id: number, data: Prisma.TeamUncheckedUpdateInput): Promise<void> {
  await db.team.update({ where: { id }, data });
}

/**
 * The workspace's teams by name, each with its parent's name, managers, and its objectives of the
 * cycle (none when `cycleId` is null) with their owners, alignment and active key results.
 */
export function teamsWithOkrs(db: Tx, workspaceId: number, cycleId: number | null) {
  return db.team.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    include: {
      parent: { select: { name: true } },
      ...withManagers,
      objectives: {
        where: { cycleId: cycleId ?? -1 },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        include: {
          owner: true,
          alignsTo: { select: { title: true, team: { select: { name: true } } } },
          keyResults: {
            where: { archivedAt: null },
            orderBy: [{ position: "asc" }, { id: "asc" }],
            include: { owner: true, coOwners: { include: { person: true } } },
          },
        },
      },
    },
  });
}

/** The teams the person manages, or owns a prompted key result in this cycle (teamsOfMember without their managers). */
export function memberTeamsOf(db: Tx, workspaceId: number, cycleId: number, personId: number): Promise<Team[]> {
  return db.team.findMany({ where: memberOf(workspaceId, cycleId, personId) });
}

/** Where the person is a member: a manager, or the owner of a prompted key result this cycle. */
function memberOf(workspaceId: number, cycleId: number, personId: number) {
  return {
    workspaceId,
    OR: [
      { managers: { some: { personId } } },
      { objectives: { some: { cycleId, keyResults: { some: { ownerId: personId, ...PROMPTED_KEY_RESULT } } } } },
    ],
  } satisfies Prisma.TeamWhereInput;
}
