import type { App } from "@slack/bolt";
import { markUninstalled } from "../../db/workspaces";
import type { ListenerDeps } from "../deps";

/** Uninstalled, or the bot token revoked: the jobs stop for that workspace (until a start with a token Slack accepts). */
export function registerUninstalled(app: App, deps: ListenerDeps) {
  const stop = async (teamId: string | undefined, why: string) => {
    if (!teamId) return;
    const { count } = await markUninstalled(deps.db, teamId, deps.clock());
    if (count > 0) deps.log.warn(`workspace ${teamId}: ${why}; its jobs stop`);
  };
  app.event("app_uninstalled", async ({ body }) => stop(body.team_id, "the app was uninstalled"));
  app.event("tokens_revoked", async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await stop(body.team_id, "the bot token was revoked");
  });
}
