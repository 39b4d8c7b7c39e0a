// Objectives: found by their title within team and cycle, created, changed, and unaligned.
import { KEY_RESULT_FACTS } from "./okrs";
import type { Objective, Prisma, Tx } from "./types";

/** The team's objective of that title in the cycle (titles are unique there). */
export function objectiveByTitle(db: Tx, teamId: number, cycleId: number, title: string): Promise<Objective | null> {
  return db.objective.findUnique({ where: { teamId_cycleId_title: { teamId, cycleId, title } } });
}

export function insertObjective(db: Tx, data: Prisma.ObjectiveUncheckedCreateInput): Promise<Objective> {
  return db.objective.create({ data });
}

export async function updateObjective(db: Tx, id: number, data: Prisma.ObjectiveUncheckedUpdateInput): Promise<void> {
  await db.objective.update({ where: { id }, data });
}

/** The objectives that aligned to `parentId` no longer do; each keeps a note of what it served (`from`). */
export async function unalignObjectivesFrom(db: Tx, parentId: number, from: string, at: Date): Promise<void> {
  await db.objective.updateMany({
    where: { alignsToId: parentId },
    data: { alignsToId: null, unalignedFrom: from, unalignedAt: at },
  });
}

/** How many objectives the team has in the cycle (checked against the workspace when given). */
export function objectiveCountOf(db: Tx, teamId: number, cycleId: number, workspaceId?: number): Promise<number> {
  return db.objective.count({
    where: { teamId, cycleId, ...(workspaceId !== undefined ? { team: { workspaceId } } : {}) },
  });
}

/** Every objective of the workspace in the cycle, as something to align to: id, team and title, in order. */
export function objectiveTitlesIn(
  db: Tx,
  workspaceId: number,
  cycleId: number,
): Promise<Array<Pick<Objective, "id" | "teamId" | "title">>> {
  return db.objective.findMany({
    where: { cycleId, team: { workspaceId } },
    select: { id: true, teamId: true, title: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
}

/** The id of the team's objective of that title in the cycle; throws when there is none. */
export async function objectiveIdByTitle(db: Tx, teamId: number, cycleId: number, title: string): Promise<number> {
  const { id } = await db.objective.findUniqueOrThrow({
    where: { teamId_cycleId_title: { teamId, cycleId, title } },
    select: { id: true },
  });
  return id;
}

/** The workspace's objectives of any cycle with one of these titles: title, team name and cycle key. */
export function objectivesTitled(db: Tx, workspaceId: number, titles: readonly string[]) {
  return db.objective.findMany({
    where: { team: { workspaceId }, title: { in: [...titles] } },
    select: { title: true, team: { select: { name: true } }, cycle: { select: { key: true } } },
  });
}

/** The team's objectives in the cycle but those of `ids`. */
export function objectivesBut(db: Tx, teamId: number, cycleId: number, ids: readonly number[]): Promise<Objective[]> {
  return db.objective.findMany({ where: { teamId, cycleId, id: { notIn: [...ids] } } });
}

/**
 * Every objective of the workspace in the cycle, in order, with its owner, its team's time zone
 * and cadence, and all its key results (archived too) with their facts.
 */
export function objectivesWithFactsIn(db: Tx, workspaceId: number, cycleId: number) {
  return db.objective.findMany({
    where: { cycleId, team: { workspaceId } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: {
      owner: { select: { slackUserId: true } },
      team: { select: { timezone: true, cadence: true } },
      keyResults: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        include: KEY_RESULT_FACTS,
      },
    },
  });
}
