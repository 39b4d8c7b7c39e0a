// Weeks and quarters as the team's wall clock sees them in an IANA time zone.
import { isWeekdayNumber, type WeekdayNumber } from "./types";
import {
  addCalendarDays,
  assertTimeZone,
  assertValidDate,
  type CalendarDate,
  instantAtWallTime,
  localDateOf,
} from "./wallClock";

export { isValidTimeZone } from "./wallClock";

/** A quarter: startsAt is inclusive (local midnight of its first day), endsAt exclusive (local midnight of the next quarter's first day). */
export interface Cycle {
  key: string;
  startsAt: Date;
  endsAt: Date;
}

export interface TimeOfDay {
  hours: number;
  minutes: number;
}

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const CYCLE_KEY_PATTERN = /^(\d{4})-Q([1-4])$/;
const WEEK_KEY_PATTERN = /^(\d{4})-W(\d{2})$/;

/** Parses a 24-hour "HH:mm" time ("09:00", "17:30"); throws on anything else, including "9:00" and "24:00". */
export function parseTime(time: string): TimeOfDay {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new Error(`Invalid time "${time}"; expected 24-hour HH:mm such as "09:00"`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

// ---------- calendar helpers (no time zone involved) ----------

function isoWeekdayOf(date: CalendarDate): WeekdayNumber {
  const sundayBased = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return (sundayBased === 0 ? 7 : sundayBased) as WeekdayNumber;
}

function mondayOf(date: CalendarDate): CalendarDate {
  return addCalendarDays(date, 1 - isoWeekdayOf(date));
}

function calendarDateKey(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

const DAY_MS = 86_400_000;

// ISO weeks by plain calendar arithmetic (hot: digests compute them per key result). A week
// belongs to the year of its Thursday; week 1 is the one with January 4th.
function isoWeekOf(date: CalendarDate): { year: number; week: number } {
  const thursday = new Date(calendarDateKey(addCalendarDays(date, 4 - isoWeekdayOf(date))));
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

function isoWeeksInYear(year: number): number {
  return isoWeekOf({ year, month: 12, day: 28 }).week;
}

function weekKeyOfDate(date: CalendarDate): string {
  const { year, week } = isoWeekOf(date);
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

// ---------- ISO weeks ----------

/** Whether s is a well-formed ISO week key that exists, e.g. "2026-W53" (yes) or "2027-W53" (no). */
export function isWeekKey(s: string): boolean {
  try {
    parseWeekKey(s);
    return true;
  } catch {
    return false;
  }
}

export function parseWeekKey(key: string): { year: number; week: number } {
  const match = typeof key === "string" ? WEEK_KEY_PATTERN.exec(key) : null;
  if (!match) throw new Error(`Invalid week key "${key}"; expected an ISO week such as "2026-W47"`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeksInYear = isoWeeksInYear(year);
  if (week < 1 || week > weeksInYear) {
    throw new Error(`Invalid week key "${key}"; ISO year ${year} has weeks 01–${weeksInYear}`);
  }
  return { year, week };
}

function mondayOfWeekKey(key: string): CalendarDate {
  const { year, week } = parseWeekKey(key);
  // January 4th is always in ISO week 1.
  const mondayOfWeekOne = mondayOf({ year, month: 1, day: 4 });
  return addCalendarDays(mondayOfWeekOne, (week - 1) * 7);
}

/** ISO week key ("2026-W47") of the week containing `now` on the wall clock in tz. Uses the ISO week-year. */
export function isoWeekKey(now: Date, tz: string): string {
  assertValidDate(now, "now");
  assertTimeZone(tz);
  return weekKeyOfDate(localDateOf(now, tz));
}

/** Consecutive ISO weeks have consecutive numbers (weeks since Monday 1970-01-05). */
export function weekNumber(weekKey: string): number {
  return Math.round((calendarDateKey(mondayOfWeekKey(weekKey)) - Date.UTC(1970, 0, 5)) / (7 * 86_400_000));
}

/** Like dueInstant, in the ISO week `weekKey` (local to tz) rather than the week containing an instant. */
export function dueInWeek(weekKey: string, tz: string, day: number, time: string): Date {
  assertTimeZone(tz);
  if (!isWeekdayNumber(day)) throw new RangeError(`day must be an integer from 1 (monday) to 7 (sunday), got ${day}`);
  const { hours, minutes } = parseTime(time);
  return instantAtWallTime(tz, addCalendarDays(mondayOfWeekKey(weekKey), day - 1), hours, minutes);
}

/** Local midnight at the end of the day (in tz) that contains `instant`. */
export function endOfLocalDay(instant: Date, tz: string): Date {
  return instantAtWallTime(tz, addCalendarDays(localDateOf(instant, tz), 1), 0, 0);
}

/** "2027-W01" → "2026-W53". Throws on an invalid key. */
export function previousWeekKey(weekKey: string): string {
  return weekKeyOfDate(addCalendarDays(mondayOfWeekKey(weekKey), -7));
}

/** "2026-W53" → "2027-W01". Throws on an invalid key. */
export function nextWeekKey(weekKey: string): string {
  return weekKeyOfDate(addCalendarDays(mondayOfWeekKey(weekKey), 7));
}

/** All ISO week keys (local to tz) that overlap the half-open interval [start, end), in order; [] if end <= start. */
export function weekKeysBetween(start: Date, end: Date, tz: string): string[] {
  assertValidDate(start, "start");
  assertValidDate(end, "end");
  assertTimeZone(tz);
  if (end.getTime() <= start.getTime()) return [];

  const lastDay = calendarDateKey(localDateOf(new Date(end.getTime() - 1), tz));
  const keys: string[] = [];
  for (
    let monday = mondayOf(localDateOf(start, tz));
    calendarDateKey(monday) <= lastDay;
    monday = addCalendarDays(monday, 7)
  ) {
    keys.push(weekKeyOfDate(monday));
  }
  return keys;
}

// ---------- due times ----------

/**
 * The instant of weekday `day` (1 = monday … 7 = sunday) at local wall time `time`
 * ("HH:mm") in the Monday-based week, local to tz, that contains `now`. It may be
 * before or after `now`.
 *
 * DST: a wall time skipped by spring-forward maps to the first valid instant after it
 * (the transition itself, e.g. 02:30 → 03:00 in New York); a wall time repeated by
 * fall-back maps to the earlier of its two instants.
 */
export function dueInstant(now: Date, tz: string, day: number, time: string): Date {
  assertValidDate(now, "now");
  assertTimeZone(tz);
  if (!isWeekdayNumber(day)) throw new RangeError(`day must be an integer from 1 (monday) to 7 (sunday), got ${day}`);
  const { hours, minutes } = parseTime(time);
  const dueDate = addCalendarDays(mondayOf(localDateOf(now, tz)), day - 1);
  return instantAtWallTime(tz, dueDate, hours, minutes);
}

// ---------- quarters ----------

export function isCycleKey(s: string): boolean {
  return typeof s === "string" && CYCLE_KEY_PATTERN.test(s);
}

function quarterCycle(year: number, quarter: number, tz: string): Cycle {
  const next = quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 };
  const firstDay = (y: number, q: number): CalendarDate => ({ year: y, month: (q - 1) * 3 + 1, day: 1 });
  return {
    key: `${pad(year, 4)}-Q${quarter}`,
    startsAt: instantAtWallTime(tz, firstDay(year, quarter), 0, 0),
    endsAt: instantAtWallTime(tz, firstDay(next.year, next.quarter), 0, 0),
  };
}

/** The calendar quarter containing `now` on the wall clock in tz, e.g. key "2026-Q4". */
export function quarterOf(now: Date, tz: string): Cycle {
  assertValidDate(now, "now");
  assertTimeZone(tz);
  const { year, month } = localDateOf(now, tz);
  return quarterCycle(year, Math.floor((month - 1) / 3) + 1, tz);
}

/** Parses "2026-Q4" (exactly: four-digit year, capital Q, 1–4) into its cycle in tz; throws otherwise. */
export function parseCycleKey(key: string, tz: string): Cycle {
  const match = typeof key === "string" ? CYCLE_KEY_PATTERN.exec(key) : null;
  if (!match) throw new Error(`Invalid cycle key "${key}"; expected a quarter such as "2026-Q4"`);
  assertTimeZone(tz);
  return quarterCycle(Number(match[1]), Number(match[2]), tz);
}

/** Fraction 0..1 of the cycle's real elapsed time at `now`, clamped. */
export function quarterElapsed(now: Date, cycle: Cycle): number {
  const total = cycle.endsAt.getTime() - cycle.startsAt.getTime();
  if (!(total > 0)) return 0;
  const fraction = (now.getTime() - cycle.startsAt.getTime()) / total;
  if (Number.isNaN(fraction)) return 0;
  return Math.min(1, Math.max(0, fraction));
}

/**
 * Which ISO week of the cycle `now` falls in (1-based) and how many ISO weeks overlap
 * the cycle (usually 14 for a quarter, since partial first/last weeks count).
 * Clamped to 1 before the cycle and `of` after it.
 */
export function weekOfCycle(now: Date, cycle: Cycle, tz: string): { week: number; of: number } {
  const keys = weekKeysBetween(cycle.startsAt, cycle.endsAt, tz);
  const index = keys.indexOf(isoWeekKey(now, tz));
  if (index >= 0) return { week: index + 1, of: keys.length };
  return { week: now.getTime() < cycle.startsAt.getTime() ? 1 : keys.length, of: keys.length };
}
