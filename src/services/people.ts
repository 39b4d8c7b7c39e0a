import { isValidTimeZone } from "../domain/time";
import { savePersonProfile } from "../db/people";
import type { Db, Person } from "../db/types";
import type { Logger } from "../logger";
import type { SlackClient } from "../slack/client";

/** Slack profiles change rarely; refresh a cached time zone once a day. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * The person's IANA time zone, refreshed from users.info when the cached one is older than a day.
 * Falls back to `fallback` (the team's zone) when Slack has none or cannot be asked.
 */
export async function timeZoneOf(
  deps: { db: Db; slack: SlackClient; now: Date; log: Logger },
  person: Person,
  fallback: string,
): Promise<string> {
  let tz = person.tz;
  const fresh = person.tzFetchedAt && deps.now.getTime() - person.tzFetchedAt.getTime() < PROFILE_MAX_AGE_MS;
  if (!fresh) {
    try {
      const res = await deps.slack.users.info({ user: person.slackUserId });
      const fetched = res.user?.tz && isValidTimeZone(res.user.tz) ? res.user.tz : null;
      await savePersonProfile(deps.db, person.id, { name: res.user?.real_name ?? res.user?.name ?? null, tz: fetched }, deps.now);
      tz = fetched;
    } catch (err) {
      deps.log.warn(`users.info for ${person.slackUserId} failed; using the cached or team time zone`, err);
    }
  }
  return tz ?? fallback;
}
