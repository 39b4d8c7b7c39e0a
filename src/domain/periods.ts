// Check-in periods: a week, or two weeks for teams that check in every other week. A period is
// named by its first ISO week in the owner's time zone ("2026-W48"), which is also the week its
// check-ins are stored under.
import { dueInWeek, endOfLocalDay, isoWeekKey, previousWeekKey, weekNumber } from "./time";

export const CADENCES = ["weekly", "biweekly"] as const;
export type Cadence = (typeof CADENCES)[number];

export function isCadence(s: string): s is Cadence {
  return (CADENCES as readonly string[]).includes(s);
}

export type Schedule = { day: number; time: string };

/** The key of the period that contains `week` (biweekly periods start on even week numbers). */
export function periodOfWeek(week: string, cadence: Cadence): string {
  return cadence === "biweekly" && weekNumber(week) % 2 !== 0 ? previousWeekKey(week) : week;
}

/** The period containing `now` for someone in `tz`, and when its prompt is due (a UTC instant). */
export function currentPeriod(
  now: Date,
  tz: string,
  cadence: Cadence,
  schedule: Schedule,
): { key: string; dueAt: Date } {
  const key = periodOfWeek(isoWeekKey(now, tz), cadence);
  return { key, dueAt: dueInWeek(key, tz, schedule.day, schedule.time) };
}

/** The period before `period`. */
export function previousPeriod(period: string, cadence: Cadence): string {
  const before = previousWeekKey(period);
  return cadence === "biweekly" ? previousWeekKey(before) : before;
}

/**
 * Until when a prompt that could not go out at its due time (the bot was down) is still worth
 * sending: `graceMinutes` after it, or by default until the end of the owner's local day.
 */
export function graceEnds(dueAt: Date, tz: string, graceMinutes: number | null): Date {
  return graceMinutes === null ? endOfLocalDay(dueAt, tz) : new Date(dueAt.getTime() + graceMinutes * 60_000);
}
