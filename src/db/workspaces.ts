import type { Tx, Workspace } from "./types";

export async function ensureWorkspace(db: Tx, slackTeamId: string, name?: string): Promise<Workspace> {
  return db.workspace.upsert({
    where: { slackTeamId },
    create: { slackTeamId, name },
    update: name ? { name } : {},
  });
}

export function listWorkspaces(db: Tx): Promise<Workspace[]> {
  return db.workspace.findMany({ orderBy: { id: "asc" } });
}
