import {
  changeInDirection,
  deriveDirection,
  formatNumber,
  formatPercent,
  progress,
  type Direction,
} from "../../src/domain";

describe("deriveDirection", () => {
  it.each([
    [94, 98, "increase"],
    [60000, 50000, "decrease"],
    [5, 5, null],
    [NaN, 5, null],
  ] as const)("%p → %p is %p", (baseline, target, expected) => {
    expect(deriveDirection(baseline, target)).toBe(expected);
  });
});

describe("progress", () => {
  it.each<[string, number, number, Direction, number, number]>([
    ["decrease 60000 → 50000 at 59000", 60000, 50000, "decrease", 59000, 0.1],
    ["decrease 100 → 0 at 10", 100, 0, "decrease", 10, 0.9],
    ["decrease 200 → 0 at 100", 200, 0, "decrease", 100, 0.5],
    ["decrease 8 → 2 at 5", 8, 2, "decrease", 5, 0.5],
    ["increase 94 → 98 at 96", 94, 98, "increase", 96, 0.5],
    ["at baseline", 94, 98, "increase", 94, 0],
    ["at target", 94, 98, "increase", 98, 1],
    ["increase beyond target", 94, 98, "increase", 99.5, 1],
    ["decrease beyond target", 8, 2, "decrease", 0, 1],
    ["increase, wrong direction", 94, 98, "increase", 90, 0],
    ["decrease, wrong direction", 8, 2, "decrease", 12, 0],
    ["negative numbers", -10, 10, "increase", 0, 0.5],
    // Direction disagrees with baseline → target: all-or-nothing against the target.
    ["stated decrease, target above baseline, not yet at target", 10, 20, "decrease", 25, 0],
    ["stated decrease, target above baseline, at target", 10, 20, "decrease", 20, 1],
    ["stated decrease, target above baseline, past target", 10, 20, "decrease", 15, 1],
    ["stated increase, target below baseline, past target", 20, 10, "increase", 12, 1],
    ["stated increase, target below baseline, short of target", 20, 10, "increase", 9, 0],
    // baseline === target: 1 at/past the target in the direction, else 0.
    ["equal, increase, at target", 99.9, 99.9, "increase", 99.9, 1],
    ["equal, increase, above", 99.9, 99.9, "increase", 99.95, 1],
    ["equal, increase, below", 99.9, 99.9, "increase", 99.5, 0],
    ["equal, decrease, below", 2, 2, "decrease", 1, 1],
    ["equal, decrease, above", 2, 2, "decrease", 3, 0],
    ["NaN current", 94, 98, "increase", NaN, 0],
  ])("%s", (_name, baseline, target, direction, current, expected) => {
    expect(progress({ baseline, target, direction }, current)).toBeCloseTo(expected, 10);
  });
});

describe("changeInDirection", () => {
  it.each<[Direction, number, number, number]>([
    ["increase", 94, 96, 2],
    ["increase", 96, 94, -2],
    ["decrease", 8, 5, 3],
    ["decrease", 5, 8, -3],
    ["decrease", 5, 5, 0],
  ])("%s from %p to %p → %p", (direction, previous, current, expected) => {
    expect(changeInDirection(direction, previous, current)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [0.5, "50%"],
    [0, "0%"],
    [1, "100%"],
    [0.1, "10%"],
    [0.125, "13%"],
    [0.999, "100%"],
    [-0.001, "0%"],
    [1.25, "125%"],
    [NaN, "–"],
  ])("%p → %p", (fraction, expected) => {
    expect(formatPercent(fraction)).toBe(expected);
  });
});

describe("formatNumber", () => {
  it.each([
    [59000, "59,000"],
    [50000, "50,000"],
    [0, "0"],
    [1.5, "1.5"],
    [2.5, "2.5"],
    [98, "98"],
    [99.95, "99.95"],
    [0.123, "0.12"],
    [3.2, "3.2"],
    [1234567.891, "1,234,567.89"],
    [-3.25, "-3.25"],
    [-0.001, "0"],
  ])("%p → %p", (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });
});
