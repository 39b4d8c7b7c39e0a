import type { Tx, Workspace } from "./types";

export async function ensureWorkspace(db: Tx, slackTeamId: string, name?: string): Promise<Workspace> {
  return db.workspace.upsert({
    where: { slackTeamId },
    create: { slackTeamId, name },
    update: name ? { name } : {},
  });
}

/** The workspaces the jobs act on: not those that uninstalled the app or revoked its tokens (unless `all`). */
export function listWorkspaces(db: Tx, opts: { all?: boolean } = {}): Promise<Workspace[]> {
  return db.workspace.findMany({ where: opts.all ? {} : { uninstalledAt: null }, orderBy: { id: "asc" } });
}

export function markUninstalled(db: Tx, slackTeamId: string, at: Date) {
  return db.workspace.updateMany({ where: { slackTeamId, uninstalledAt: null }, data: { uninstalledAt: at } });
}

/** When the workspace was uninstalled (or its token revoked), or null while installed. */
export async function uninstalledAt(db: Tx, id: number): Promise<Date | null> {
  return (await db.workspace.findUnique({ where: { id }, select: { uninstalledAt: true } }))?.uninstalledAt ?? null;
}

/** The workspace installed again: its jobs run again. */
export function markReinstalled(db: Tx, id: number): Promise<Workspace> {
  return db.workspace.update({ where: { id }, data: { uninstalledAt: null } });
}
