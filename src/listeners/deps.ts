import type { Db } from "../db/types";
import { ensureWorkspace } from "../db/workspaces";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import type { Holder } from "../services/claimHolders";
import type { ServiceDeps } from "../services/deps";
import type { SlackClient } from "../slack/client";
import type { AfterAck } from "./afterAck";

export type ListenerDeps = {
  db: Db;
  log: Logger;
  clock: () => Date;
  /** Single-workspace mode: the workspace the bot token belongs to (auth.test at start). */
  homeWorkspaceId?: number;
  /** Where follow-up work goes once Slack has its answer. */
  afterAck: AfterAck;
  /** This process as the holder of the outbox claims it makes. */
  holder?: Holder;
  metrics?: Metrics;
};

/** What a service needs for one request: the database, Bolt's client for this request, the time. */
export function serviceDeps(deps: ListenerDeps, client: SlackClient): ServiceDeps {
  return { db: deps.db, slack: client, now: deps.clock(), log: deps.log, holder: deps.holder, metrics: deps.metrics };
}

/**
 * The workspace a request acts on. With one bot token that is always the token's own workspace,
 * also for people from other organisations in shared channels (their team id is not ours).
 */
export async function workspaceId(deps: ListenerDeps, slackTeamId: string | undefined): Promise<number> {
  if (deps.homeWorkspaceId !== undefined) return deps.homeWorkspaceId;
  if (!slackTeamId) throw new Error("request without a team id");
  // Installed workspaces exist already: a read, not an upsert, on every request.
  const known = await deps.db.workspace.findUnique({ where: { slackTeamId }, select: { id: true } });
  return known?.id ?? (await ensureWorkspace(deps.db, slackTeamId)).id;
}
