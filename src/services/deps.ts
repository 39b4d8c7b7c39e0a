import type { Db, Workspace } from "../db/types";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import type { SlackClient } from "../slack/client";
import type { Pacer } from "../slack/pacer";
import type { SourceReader } from "../sources/reader";
import type { Holder } from "./claimHolders";
import type { Lookups } from "./lookups";
import type { Memo } from "./memo";

/**
 * What every use case needs: the database, a Slack client, the time it runs at, a logger; and
 * for jobs that post in bulk, the process's pacer (shared, so all sends respect one rate).
 */
export type ServiceDeps = {
  db: Db;
  slack: SlackClient;
  now: Date;
  log: Logger;
  pacer?: Pacer;
  /** This process as the holder of the outbox claims it makes (see claimHolders). */
  holder?: Holder;
  /** First backoff between send attempts after a 5xx or network error (doubles each time). */
  retryBaseMs?: number;
  /** Where check-ins stored, job runs and the outbox's retries are counted. */
  metrics?: Metrics;
  /** The operator's sources of measured values (SOURCES_FILE); absent: none. */
  sources?: SourceReader;
  /** Listeners only: the rarely changing lookups, kept briefly (see lookups.ts). */
  lookups?: Lookups;
  /** After-ack work: what the tasks of one batch share (see memo.ts). */
  memo?: Memo;
};

/** What a job run covers: one workspace (runJob hands each its own, with its client), and optionally one team by name. */
export type JobScope = { team?: string; workspace: Workspace };
