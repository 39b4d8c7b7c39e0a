// Conversions between UTC instants and wall-clock time in an IANA time zone.
//
// Reading the wall clock of an instant uses TZDate's getters, which are exact.
// Going the other way (wall time → instant) is done here with tzOffset rather than
// the TZDate constructor, because the constructor's handling of DST gaps and
// overlaps depends on the host's own time zone; this code must give the same
// answer on every server.
import { TZDate, tzOffset } from "@date-fns/tz";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar date; month is 1..12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Zones already checked: building an Intl.DateTimeFormat is slow, and every period computation asks. */
const knownZones = new Map<string, boolean>();

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== "string" || tz.trim() === "") return false;
  let valid = knownZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, valid);
  }
  return valid;
}

export function assertTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new RangeError(`Unknown time zone "${tz}"; expected an IANA name such as "Europe/London"`);
  }
}

export function assertValidDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

export function zonedDate(instant: Date, tz: string): TZDate {
  return new TZDate(instant.getTime(), tz);
}

/** The calendar date that the wall clock in tz shows at this instant. */
export function localDateOf(instant: Date, tz: string): CalendarDate {
  const local = zonedDate(instant, tz);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** Calendar arithmetic without time zones; overflowing days roll into the next month/year. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function offsetAt(tz: string, ms: number): number {
  return tzOffset(tz, new Date(ms));
}

/**
 * The UTC instant at which the wall clock in tz shows this date and time.
 *
 * - Ambiguous wall time (the repeated hour when clocks fall back): the earlier instant.
 * - Non-existent wall time (skipped when clocks spring forward): the first valid
 *   instant after it, i.e. the moment of the transition (02:30 on a New York
 *   spring-forward day → 03:00 EDT).
 */
export function instantAtWallTime(tz: string, date: CalendarDate, hours: number, minutes: number): Date {
  assertTimeZone(tz);
  const wallMs = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);

  // Offsets in force a day either side cover every reading of this wall time
  // (real offsets are within ±14h and transitions are far more than a day apart).
  const offsetBefore = offsetAt(tz, wallMs - DAY_MS);
  const offsetAfter = offsetAt(tz, wallMs + DAY_MS);

  const readings = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((ms) => wallMs - offsetAt(tz, ms) * MINUTE_MS === ms)
    .sort((a, b) => a - b);
  const earliest = readings[0];
  if (earliest !== undefined) return new Date(earliest);

  // In a gap: read with the new offset the time falls before the transition, read
  // with the old offset it falls after. Binary-search the transition between them.
  let lo = wallMs - offsetAfter * MINUTE_MS; // still on the old offset
  let hi = wallMs - offsetBefore * MINUTE_MS; // already on the new offset
  const oldOffset = offsetAt(tz, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(tz, mid) === oldOffset) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}
