import {
  averageScore,
  bandDistribution,
  readScores,
  scoreBand,
  scoreFromProgress,
  type BandKey,
} from "../../src/domain";

describe("scoreFromProgress", () => {
  it.each([
    [0, 0],
    [0.04, 0],
    [0.05, 0.1],
    [1 / 3, 0.3],
    [0.34, 0.3],
    [0.35, 0.4],
    [0.45, 0.5],
    [0.44999999999999996, 0.5],
    [2 / 3, 0.7],
    [0.949, 0.9],
    [0.95, 1],
    [1, 1],
    [1.2, 1],
    [-0.3, 0],
    [NaN, 0],
  ])("%p → %p", (p, expected) => {
    expect(scoreFromProgress(p)).toBe(expected);
  });
});

describe("scoreBand", () => {
  it.each<[number, BandKey, string]>([
    [0, "failed", "0.0–0.3"],
    [0.3, "failed", "0.0–0.3"],
    [0.34, "failed", "0.0–0.3"],
    [0.35, "progress", "0.4–0.6"],
    [0.4, "progress", "0.4–0.6"],
    [0.6, "progress", "0.4–0.6"],
    [0.64, "progress", "0.4–0.6"],
    [0.65, "strong", "0.7–0.9"],
    [0.7, "strong", "0.7–0.9"],
    [0.9, "strong", "0.7–0.9"],
    [0.94, "strong", "0.7–0.9"],
    [0.95, "perfect", "1.0"],
    [1, "perfect", "1.0"],
  ])("%p → %s (%s)", (score, key, range) => {
    const band = scoreBand(score);
    expect(band.key).toBe(key);
    expect(band.range).toBe(range);
  });

  it.each<[BandKey, number, string, RegExp]>([
    ["failed", 0.2, "Failed or didn't start", /investigate why/i],
    ["progress", 0.5, "Made progress but fell short", /expected for stretch goals/i],
    ["strong", 0.8, "Strong delivery", /sweet spot.*ambitious but achievable/i],
    ["perfect", 1, "Perfect score", /might have been too easy/i],
  ])("%s uses the guide's words", (_key, score, label, meaning) => {
    expect(scoreBand(score).label).toBe(label);
    expect(scoreBand(score).meaning).toMatch(meaning);
  });
});

describe("bandDistribution", () => {
  it.each<[number[], Record<BandKey, number>]>([
    [[], { failed: 0, progress: 0, strong: 0, perfect: 0 }],
    [[0, 0.2, 0.5, 0.7, 0.9, 1], { failed: 2, progress: 1, strong: 2, perfect: 1 }],
    [[0.35, 0.95, NaN], { failed: 0, progress: 1, strong: 0, perfect: 1 }],
  ])("%p → %p", (scores, expected) => {
    expect(bandDistribution(scores)).toEqual(expected);
  });
});

describe("averageScore", () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[NaN], null],
    [[0.5, 0.7], 0.6],
    [[1, NaN], 1],
    [[0.3, 0.4, 0.8], 0.5],
  ])("%p → %p", (scores, expected) => {
    const average = averageScore(scores);
    if (expected === null) expect(average).toBeNull();
    else expect(average).toBeCloseTo(expected, 10);
  });
});

describe("readScores", () => {
  it.each<[string, number[], RegExp[]]>([
    ["no scores", [], [/no key results have been scored/i]],
    ["all 1.0: too easy", [1, 1, 1], [/too easy/i, /more ambitious/i]],
    ["average 0.7–0.9: sweet spot", [0.7, 0.8, 0.9], [/average 0\.8/i, /sweet spot/i, /ambitious but achievable/i]],
    [
      "mostly 0.0–0.3: investigate",
      [0.1, 0.2, 0.7],
      [/investigate why/i, /too ambitious/i, /wrong key results/i, /not worked on/i],
    ],
    ["mostly 0.4–0.6: stretch goals", [0.5, 0.4, 0.6], [/expected for stretch goals/i]],
    ["sweet spot with a failure", [0.8, 0.9, 0.8, 0.2], [/sweet spot/i, /1 key result scored 0\.3 or below/i]],
    ["nearly all perfect", [1, 1, 0.9], [/too easy/i]],
    ["low average without a majority of failures", [0, 0.4], [/investigate why/i]],
  ])("%s", (_name, scores, patterns) => {
    const reading = readScores(scores);
    for (const pattern of patterns) expect(reading).toMatch(pattern);
  });

  it.each([[[0.7, 0.8, 0.9]], [[0.5, 0.4, 0.6]], [[1, 1, 1]], [[0.1, 0.2, 0.7]]])(
    "%p does not read as another band",
    (scores) => {
      const reading = readScores(scores);
      const matches = [/sweet spot/i, /stretch goals/i, /too easy/i, /investigate why/i].filter((p) => p.test(reading));
      expect(matches).toHaveLength(1);
    },
  );
});
