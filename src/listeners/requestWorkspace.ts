// Which workspace a request acts on, decided once before any listener runs: with one bot token the
// token's workspace, else the installation `authorize` found for it (never a body field). A request
// never creates a workspace. One for a workspace that is not installed, uninstalled or whose token was
// revoked is acknowledged and dropped with one warning line; a slash command is told why.
import type { AckFn, App, Context } from "@slack/bolt";
import { uninstalledAt } from "../db/workspaces";
import { ephemeral } from "./answers";
import { setWorkspace, type ListenerDeps } from "./deps";
import { requestKind } from "./requestKind";
import { NOT_INSTALLED, NOT_SAVED, TRY_AGAIN } from "../blocks/sentences";
import { formError, type FormBlocks } from "./trouble";

/**
 * Set by `authorize` to the installation's workspace (multi-workspace mode): installed, so not
 * uninstalled. A request it found no installation for comes without it, and is dropped.
 */
export const INSTALLED_WORKSPACE_MARK = "okrInstalledWorkspaceId";
/** Set by `authorize` when it could not look the installation up (the database is down): why. */
export const AUTHORIZE_FAILED_MARK = "okrAuthorizeFailed";

/** These reach their listeners whatever state the workspace is in (Bolt does not authorize them either). */
const LIFECYCLE_EVENTS = new Set(["app_uninstalled", "tokens_revoked"]);

type Found = { ok: true; id: number } | { ok: false; why: string; tryAgain?: boolean };

async function requestWorkspace(deps: ListenerDeps, context: Context): Promise<Found> {
  const installed: unknown = context[INSTALLED_WORKSPACE_MARK];
  if (typeof installed === "number") return { ok: true, id: installed };
  const failed: unknown = context[AUTHORIZE_FAILED_MARK];
  if (typeof failed === "string")
    return { ok: false, why: `its installation could not be looked up (${failed})`, tryAgain: true };
  const home = deps.homeWorkspaceId;
  if (home === undefined) return { ok: false, why: "okr-bot is not installed there" };
  // One bot token: its workspace, unless the app was uninstalled or the token revoked since the start
  // (known for a few minutes, forgotten when this process hears of an uninstall; see Lookups).
  // If the database cannot say, the request goes on: its listener tells the person to try again.
  const stillInstalled = async () => ((await uninstalledAt(deps.db, home)) ? null : true);
  const known = deps.lookups
    ? await deps.lookups.get(`installed:${home}`, deps.clock(), stillInstalled).catch(() => true)
    : await stillInstalled().catch(() => true);
  if (!known) return { ok: false, why: "the app was uninstalled there or its token revoked" };
  return { ok: true, id: home };
}

export function registerRequestWorkspace(app: App, deps: ListenerDeps) {
  app.use(async (args) => {
    const { context, body, next } = args;
    const eventType = (body as { event?: { type?: unknown } }).event?.type;
    if (typeof eventType === "string" && LIFECYCLE_EVENTS.has(eventType)) return next();
    const found = await requestWorkspace(deps, context);
    if (found.ok) {
      setWorkspace(context, found.id);
      return next();
    }
    const from = context.teamId ?? context.enterpriseId ?? "(none named)";
    deps.log.warn(`dropped ${requestKind(body)} for workspace ${from}: ${found.why}`);
    // Events were acknowledged by Bolt already; everything else is acknowledged here.
    const ack = (args as { ack?: AckFn<unknown> }).ack;
    if (!ack) return;
    if (typeof (body as { command?: unknown }).command === "string")
      await ack(ephemeral(found.tryAgain ? TRY_AGAIN : NOT_INSTALLED));
    else if (found.tryAgain && (body as { type?: unknown }).type === "view_submission")
      await ack(formError((body as { view?: FormBlocks }).view, NOT_SAVED));
    else await ack();
  });
}
