// Which workspace a request acts on, decided once before any listener runs: with one bot token the
// token's workspace, else the installation Bolt authorized (context.teamId). A request never
// creates a workspace. One for a workspace that is not installed, uninstalled or whose token was
// revoked is acknowledged and dropped with one warning line; a slash command is told why.
import type { AckFn, App, Context } from "@slack/bolt";
import { setWorkspace, type ListenerDeps } from "./deps";
import { requestKind } from "./requestKind";
import { NOT_INSTALLED } from "./trouble";

/** Set by `authorize` when Slack named a workspace without an installation (multi-workspace mode). */
export const NOT_INSTALLED_MARK = "okrNotInstalled";

/** These reach their listeners whatever state the workspace is in (Bolt does not authorize them either). */
const LIFECYCLE_EVENTS = new Set(["app_uninstalled", "tokens_revoked"]);

type Found = { ok: true; id: number } | { ok: false; why: string };

async function requestWorkspace(deps: ListenerDeps, context: Context): Promise<Found> {
  if (context[NOT_INSTALLED_MARK] === true) return { ok: false, why: "okr-bot is not installed there" };
  const where = deps.homeWorkspaceId !== undefined ? { id: deps.homeWorkspaceId } : context.teamId ? { slackTeamId: context.teamId } : null;
  if (!where) return { ok: false, why: "the request names no workspace (organisation-wide installs are not supported)" };
  const workspace = await deps.db.workspace.findUnique({ where, select: { id: true, uninstalledAt: true } });
  if (!workspace) return { ok: false, why: "okr-bot is not installed there" };
  if (workspace.uninstalledAt) return { ok: false, why: "the app was uninstalled there or its token revoked" };
  return { ok: true, id: workspace.id };
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
    if (typeof (body as { command?: unknown }).command === "string") await ack({ response_type: "ephemeral", text: NOT_INSTALLED });
    else await ack();
  });
}
