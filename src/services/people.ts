import { isAwayStatus } from "../domain/away";
import { isValidTimeZone } from "../domain/time";
import { markProfileFetched, saveSlackProfile } from "../db/people";
import type { Db, Person } from "../db/types";
import type { Logger } from "../logger";
import { slackErrorCode, type SlackClient } from "../slack/client";

/** Slack profiles change rarely; refresh the cached time zone and status once a day. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60_000;

type Deps = { db: Db; slack: SlackClient; now: Date; log: Logger };

/**
 * The person with a fresh profile: time zone, name and vacation status are re-read from users.info
 * when the cached ones are older than a day. If Slack cannot be asked, the cached values stand.
 */
export async function refreshProfile(deps: Deps, person: Person, maxAgeMs = PROFILE_MAX_AGE_MS): Promise<Person> {
  const fresh = person.tzFetchedAt && deps.now.getTime() - person.tzFetchedAt.getTime() < maxAgeMs;
  if (fresh) return person;
  try {
    const { user } = await deps.slack.users.info({ user: person.slackUserId });
    const status = { emoji: user?.profile?.status_emoji, text: user?.profile?.status_text };
    const expiration = user?.profile?.status_expiration;
    const tz = user?.tz && isValidTimeZone(user.tz) ? user.tz : null;
    return await saveSlackProfile(deps.db, person.id, {
      name: user?.real_name || user?.name || person.name,
      tz,
      tzFetchedAt: deps.now,
      ...(person.tzFetchedAt && tz !== person.tz ? { tzChangedAt: deps.now } : {}),
      slackAway: isAwayStatus(status),
      isAdmin: Boolean(user?.is_admin || user?.is_owner),
      slackAwayUntil: expiration ? new Date(expiration * 1000) : null,
    });
  } catch (err) {
    const code = slackErrorCode(err);
    deps.log.warn(`users.info for ${person.slackUserId} failed (${code ?? "no answer"}); using the cached profile`);
    // Slack answered (user_not_found, account_inactive…): asking again every few minutes won't help.
    if (code) return markProfileFetched(deps.db, person.id, deps.now);
    return person;
  }
}

/** The person's IANA time zone, or `fallback` (the team's) when Slack has none. */
export async function timeZoneOf(deps: Deps, person: Person, fallback: string): Promise<string> {
  return (await refreshProfile(deps, person)).tz ?? fallback;
}
