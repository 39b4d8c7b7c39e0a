import type { App } from "@slack/bolt";
import { uninstall } from "../../db/installations";
import type { ListenerDeps } from "../deps";

/**
 * Uninstalled, or the bot token revoked: the stored tokens are deleted and the jobs stop for that
 * workspace, until it installs the app again (or, with one bot token, a start with a token Slack accepts).
 */
export function registerUninstalled(app: App, deps: ListenerDeps) {
  const stop = async (teamId: string | undefined, why: string) => {
    if (!teamId) return;
    if ((await uninstall(deps.db, teamId, deps.clock())) === 0) return;
    deps.lookups?.clear();
    deps.log.warn(`workspace ${teamId}: ${why}; its tokens are deleted and its jobs stop`);
  };
  app.event("app_uninstalled", async ({ body }) => stop(body.team_id, "the app was uninstalled"));
  app.event("tokens_revoked", async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await stop(body.team_id, "the bot token was revoked");
  });
}
