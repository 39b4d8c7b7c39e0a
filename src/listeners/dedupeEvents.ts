import type { App } from "@slack/bolt";
import { forgetEvent, forgetEventsBefore, recordEvent } from "../db/events";
import type { ListenerDeps } from "./deps";

/** Slack retries an event for up to about five minutes; a day of ids is plenty. */
const KEEP_EVENT_IDS_MS = 24 * 60 * 60_000;
/** Old ids are pruned every this many events rather than on each one. */
const PRUNE_EVERY = 200;

/**
 * Slack redelivers an event it thinks failed (x-slack-retry-num), and Bolt does not deduplicate:
 * each event_id is recorded on receipt and a second delivery is acknowledged without handling.
 */
export function registerEventDedupe(app: App, deps: ListenerDeps) {
  let seen = 0;
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    if (!(await recordEvent(deps.db, eventId))) {
      deps.log.debug(`event ${eventId} already handled; ignoring the redelivery`);
      return;
    }
    if (++seen % PRUNE_EVERY === 0) await forgetEventsBefore(deps.db, new Date(Date.now() - KEEP_EVENT_IDS_MS));
    try {
      await next();
    } catch (err) {
      // Handling failed: forget the id so that Slack's retry of this event is handled.
      await forgetEvent(deps.db, eventId).catch(() => undefined);
      throw err;
    }
  });
}
