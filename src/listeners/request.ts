import type { Context } from "@slack/bolt";
import type { Db } from "../db/types";
import type { Logger } from "../logger";
import type { ServiceDeps } from "../services/deps";
import type { SlackClient } from "../slack/client";
import type { AfterAck } from "./afterAck";
import { workspaceOf, type ListenerDeps } from "./deps";

/** One request as a handler sees it: where, who, when, and what to answer and act with. */
export type Request = {
  /** The workspace the request acts on: from Bolt's context, never a body field. */
  ws: number;
  /** The person who typed the command, clicked, submitted or opened the Home tab. */
  userId: string;
  now: Date;
  db: Db;
  /** Bolt's client for this request (the installation's token). */
  client: SlackClient;
  log: Logger;
  /** The same, as the services take it. */
  services: ServiceDeps;
  /** Where follow-up work goes once Slack has its answer. */
  afterAck: AfterAck;
};

/** What of Bolt's listener arguments a request is built from; every kind of listener has these. */
export type BoltArgs = { context: Context; client: SlackClient; body: unknown };

export function requestOf(deps: ListenerDeps, { context, client, body }: BoltArgs): Request {
  const services: ServiceDeps = {
    db: deps.db,
    slack: client,
    now: deps.clock(),
    log: deps.log,
    holder: deps.holder,
    metrics: deps.metrics,
    sources: deps.sources,
    lookups: deps.lookups,
  };
  return {
    ws: workspaceOf(context),
    userId: personOf(body),
    now: services.now,
    db: deps.db,
    client,
    log: deps.log,
    services,
    afterAck: deps.afterAck,
  };
}

type PersonFields = { user?: { id?: unknown }; user_id?: unknown; event?: { user?: unknown } };

/** Interactions name the person in `user.id`, slash commands in `user_id`, events in `event.user`. */
function personOf(body: unknown): string {
  const b = (body ?? {}) as PersonFields;
  const id = b.user?.id ?? b.user_id ?? b.event?.user;
  if (typeof id !== "string") throw new Error("the request names no person");
  return id;
}
