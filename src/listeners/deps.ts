import type { Context } from "@slack/bolt";
import type { Db } from "../db/types";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import type { Holder } from "../services/claimHolders";
import type { Lookups } from "../services/lookups";
import type { SourceReader } from "../sources/reader";
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
  /** The operator's sources of measured values (SOURCES_FILE); absent: none. */
  sources?: SourceReader;
  /** The cycle, people and schedules the check-in path reads on every request, kept briefly. */
  lookups?: Lookups;
};

/** Where the request-workspace middleware leaves the workspace a request acts on. */
const WORKSPACE_KEY = "okrWorkspaceId";

/**
 * The workspace a request acts on: the installation Bolt authorized (its context), resolved once
 * per request by `registerRequestWorkspace` before any listener runs. Never a body field: in a
 * Slack Connect channel the person's team is another organisation's.
 */
export function workspaceOf(context: Context): number {
  const id: unknown = context[WORKSPACE_KEY];
  if (typeof id !== "number") throw new Error("no workspace was resolved for this request");
  return id;
}

export function setWorkspace(context: Context, id: number): void {
  context[WORKSPACE_KEY] = id;
}
