// Rows written as given, for generated OKRs (the benchmarks' fixtures): none of the rules the
// services apply when people write OKRs.
import type { KeyResult, Objective, Prisma, Team, Tx } from "./types";

export function createTeam(db: Tx, team: { workspaceId: number; name: string; channelId: string }): Promise<Team> {
  return db.team.create({ data: team });
}

export function createObjective(db: Tx, objective: Prisma.ObjectiveUncheckedCreateInput): Promise<Objective> {
  return db.objective.create({ data: objective });
}

export function createKeyResult(db: Tx, keyResult: Prisma.KeyResultUncheckedCreateInput): Promise<KeyResult> {
  return db.keyResult.create({ data: keyResult });
}

export async function createCheckIns(db: Tx, checkIns: Prisma.CheckInCreateManyInput[]): Promise<void> {
  await db.checkIn.createMany({ data: checkIns });
}
