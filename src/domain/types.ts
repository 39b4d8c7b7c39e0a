export const DIRECTIONS = ["increase", "decrease"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export function isDirection(value: unknown): value is Direction {
  return typeof value === "string" && (DIRECTIONS as readonly string[]).includes(value);
}

export const CONFIDENCES = ["on_track", "at_risk", "off_track"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

export const CONFIDENCE_EMOJI: Record<Confidence, string> = {
  on_track: ":large_green_circle:",
  at_risk: ":large_yellow_circle:",
  off_track: ":red_circle:",
};

export function isConfidence(value: unknown): value is Confidence {
  return typeof value === "string" && (CONFIDENCES as readonly string[]).includes(value);
}

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** ISO day number: monday = 1 … sunday = 7. */
export type WeekdayNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === "string" && (WEEKDAYS as readonly string[]).includes(value);
}

export function isWeekdayNumber(value: unknown): value is WeekdayNumber {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 7;
}

export function weekdayNumber(weekday: Weekday): WeekdayNumber {
  const index = WEEKDAYS.indexOf(weekday);
  if (index < 0) throw new RangeError(`Unknown weekday "${String(weekday)}"; expected one of ${WEEKDAYS.join(", ")}`);
  return (index + 1) as WeekdayNumber;
}

/** Inverse of weekdayNumber; throws RangeError unless n is an integer 1..7. */
export function weekdayName(n: number): Weekday {
  if (!isWeekdayNumber(n))
    throw new RangeError(`Weekday number must be an integer from 1 (monday) to 7 (sunday), got ${n}`);
  return WEEKDAYS[n - 1] as Weekday;
}
