// The demo's clock: the moments of an OKR cycle the story jumps to, each running the scheduled
// jobs that would run then (as `okr-bot demo` does in its text form).
import type { JobName } from "../jobs";
import { quarterOf } from "../domain/time";

export type StoryJump = { id: "checkin" | "digest" | "last_week" | "quarter_end"; label: string };

export const STORY_JUMPS: readonly StoryJump[] = [
  { id: "checkin", label: "Next check-in time" },
  { id: "digest", label: "Friday digest" },
  { id: "last_week", label: "Last week of the quarter" },
  { id: "quarter_end", label: "Quarter end" },
];

const HOUR = 3_600_000;

export type StoryStep = { at: Date; jobs: JobName[] };

/**
 * Where a jump goes, in steps: each moves the clock and runs the jobs that run then. Check-ins:
 * Monday 10:00 UTC (09:00 has passed in Tokyo and London) then 18:00 UTC (New York, Los Angeles),
 * as the day goes round the world; digests: Friday 22:00 UTC (past 16:00 in every team's zone).
 */
export function jumpSteps(id: StoryJump["id"], now: Date, cycle = quarterOf(now, "UTC")): StoryStep[] {
  switch (id) {
    case "checkin": {
      const morning = nextWeekdayAt(now, 1, 10);
      return [
        { at: morning, jobs: ["checkins"] },
        { at: new Date(morning.getTime() + 8 * HOUR), jobs: ["checkins"] },
      ];
    }
    case "digest":
      return [{ at: nextWeekdayAt(now, 5, 22), jobs: ["reminders", "digest"] }];
    case "last_week":
      return [{ at: later(now, new Date(cycle.endsAt.getTime() - 5 * 24 * HOUR)), jobs: ["retro"] }];
    case "quarter_end":
      return [{ at: later(now, new Date(cycle.endsAt.getTime() + 10 * HOUR)), jobs: ["retro"] }];
  }
}

/** The first `weekday` (0 = Sunday) at `hourUtc`:00 UTC after `now`. */
function nextWeekdayAt(now: Date, weekday: number, hourUtc: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let days = 0; days <= 7; days++) {
    const at = new Date(midnight + days * 24 * HOUR + hourUtc * HOUR);
    if (at.getUTCDay() === weekday && at > now) return at;
  }
  throw new Error("unreachable: a weekday comes within 8 days");
}

/** Time only moves forward. */
function later(now: Date, at: Date): Date {
  return at > now ? at : now;
}

/** Where the web demo starts: the Sunday before the cycle's second week (its first jump is that Monday's check-ins). */
export function storyStart(now: Date): Date {
  const cycle = quarterOf(now, "UTC");
  return new Date(nextWeekdayAt(new Date(cycle.startsAt.getTime() - 1), 1, 10).getTime() + 6 * 24 * HOUR);
}
