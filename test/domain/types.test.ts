import {
  CONFIDENCES,
  CONFIDENCE_EMOJI,
  CONFIDENCE_LABELS,
  DIRECTIONS,
  WEEKDAYS,
  isConfidence,
  isDirection,
  isWeekday,
  weekdayName,
  weekdayNumber,
  type Weekday,
} from "../../src/domain";

describe("weekdays", () => {
  it.each<[Weekday, number]>([
    ["monday", 1],
    ["tuesday", 2],
    ["wednesday", 3],
    ["thursday", 4],
    ["friday", 5],
    ["saturday", 6],
    ["sunday", 7],
  ])("%s is ISO day %i and back", (name, n) => {
    expect(weekdayNumber(name)).toBe(n);
    expect(weekdayName(n)).toBe(name);
  });

  it.each([0, 8, 1.5, NaN, -1])("weekdayName(%p) throws", (n) => {
    expect(() => weekdayName(n)).toThrow(RangeError);
  });

  it("lists the week from monday", () => {
    expect(WEEKDAYS[0]).toBe("monday");
    expect(WEEKDAYS).toHaveLength(7);
  });
});

describe("confidence", () => {
  it.each([
    ["on_track", "On track", ":large_green_circle:"],
    ["at_risk", "At risk", ":large_yellow_circle:"],
    ["off_track", "Off track", ":red_circle:"],
  ] as const)("%s → %s %s", (confidence, label, emoji) => {
    expect(CONFIDENCE_LABELS[confidence]).toBe(label);
    expect(CONFIDENCE_EMOJI[confidence]).toBe(emoji);
  });

  it("has a label and emoji for every confidence", () => {
    expect(Object.keys(CONFIDENCE_LABELS).sort()).toEqual([...CONFIDENCES].sort());
    expect(Object.keys(CONFIDENCE_EMOJI).sort()).toEqual([...CONFIDENCES].sort());
  });
});

describe("type guards", () => {
  it.each([
    [isDirection, "increase", true],
    [isDirection, "decrease", true],
    [isDirection, "up", false],
    [isDirection, undefined, false],
    [isConfidence, "at_risk", true],
    [isConfidence, "At risk", false],
    [isWeekday, "friday", true],
    [isWeekday, "Friday", false],
    [isWeekday, 5, false],
  ] as const)("%p(%p) → %p", (guard, value, expected) => {
    expect((guard as (v: unknown) => boolean)(value)).toBe(expected);
  });

  it("exports the directions", () => {
    expect(DIRECTIONS).toEqual(["increase", "decrease"]);
  });
});
