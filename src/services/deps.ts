import type { Db } from "../db/types";
import type { Logger } from "../logger";
import type { SlackClient } from "../slack/client";

/** What every use case needs: the database, a Slack client, the time it runs at, a logger. */
export type ServiceDeps = { db: Db; slack: SlackClient; now: Date; log: Logger };
