import type { Tx, Workspace } from "./types";

export async function ensureWorkspace(db: Tx, slackTeamId: string, name?: string): Promise<Workspace> {
  return db.workspace.upsert({
    where: { slackTeamId },
    create: { slackTeamId, name },
    update: name ? { name } : {},
  });
}

/** The workspaces the jobs act on (or just `id`): not those that uninstalled the app or revoked its tokens (unless `all`). */
export function listWorkspaces(db: Tx, opts: { all?: boolean; id?: number } = {}): Promise<Workspace[]> {
  return db.workspace.findMany({ where: { ...(opts.all ? {} : { uninstalledAt: null }), ...(opts.id === undefined ? {} : { id: opts.id }) }, orderBy: { id: "asc" } });
}

export function markUninstalled(db: Tx, slackTeamId: string, at: Date) {
  return db.workspace.updateMany({ where: { slackTeamId, uninstalledAt: null }, data: { uninstalledAt: at } });
}
