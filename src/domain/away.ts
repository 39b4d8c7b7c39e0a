// Out of office: set with `/okr away <date>`, or read from a vacation-like Slack status.
import { addCalendarDays, type CalendarDate, instantAtWallTime, localDateOf } from "./wallClock";

const AWAY_EMOJI = new Set([
  ":palm_tree:",
  ":beach_with_umbrella:",
  ":desert_island:",
  ":airplane:",
  ":face_with_thermometer:",
  ":baby:",
]);
const AWAY_TEXT = /\b(vacation|vacances|holiday|holidays|out of (the )?office|ooo|on leave|parental leave|pto|sick)\b/i;

export function isAwayStatus(status: { emoji: string | null | undefined; text: string | null | undefined }): boolean {
  return AWAY_EMOJI.has(status.emoji ?? "") || AWAY_TEXT.test(status.text ?? "");
}

export type AwayFacts = { awayUntil: Date | null; slackAway: boolean; slackAwayUntil: Date | null };

export function isAway(person: AwayFacts, now: Date): boolean {
  if (person.awayUntil && now < person.awayUntil) return true;
  return person.slackAway && (person.slackAwayUntil === null || now < person.slackAwayUntil);
}

/**
 * The last day someone is away, in tz (the day before the instant their absence ends), or null
 * when it has no known end (a vacation status without an expiry) or they are not away now.
 */
export function lastAwayDay(person: AwayFacts, now: Date, tz: string): CalendarDate | null {
  const ends = [person.awayUntil, person.slackAway ? person.slackAwayUntil : null].filter(
    (d): d is Date => d !== null && now < d,
  );
  if (ends.length === 0 || (person.slackAway && person.slackAwayUntil === null)) return null;
  const until = new Date(Math.max(...ends.map((d) => d.getTime())) - 1);
  return localDateOf(until, tz);
}

/**
 * `/okr away 2026-12-24` means away through the 24th: until local midnight after it, in tz.
 * Returns null for anything that is not a future YYYY-MM-DD date.
 */
export function parseAwayUntil(text: string, now: Date, tz: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) return null;
  const until = instantAtWallTime(tz, addCalendarDays(date, 1), 0, 0);
  return until > now ? until : null;
}
