import { carriedForward, checkRetroDraft } from "../../src/domain/retroAnswers";

const draft = (over: Partial<Parameters<typeof checkRetroDraft>[0]> = {}) => ({
  score: "0.7",
  worked: "",
  didnt: "",
  learned: "",
  carryForward: null,
  ...over,
});

describe("checkRetroDraft", () => {
  it("accepts a score from 0.0 to 1.0, rounded to the guide's one decimal, and empty answers as none", () => {
    expect(checkRetroDraft(draft({ score: " 0.74 ", worked: " pairing ", carryForward: "yes" }))).toEqual({
      value: { score: 0.7, worked: "pairing", didnt: null, learned: null, carryForward: true },
      errors: {},
    });
    expect(checkRetroDraft(draft({ score: "1", carryForward: "no" })).value).toMatchObject({
      score: 1,
      carryForward: false,
    });
  });

  it("refuses a score outside 0–1 or not a number, and answers that are too long", () => {
    expect(checkRetroDraft(draft({ score: "70%" })).errors).toEqual({
      score: '"70%" is not a score: use 0.0 to 1.0, e.g. 0.7.',
    });
    expect(checkRetroDraft(draft({ score: "good" })).errors.score).toContain("is not a score");
    expect(checkRetroDraft(draft({ score: "" })).errors.score).toBe("Give a score from 0.0 to 1.0.");
    expect(checkRetroDraft(draft({ learned: "x".repeat(1501) })).errors).toEqual({
      learned: "Keep it under 1500 characters (it has 1501).",
    });
  });
});

describe("carriedForward", () => {
  it("starts from the final value and keeps a target not reached", () => {
    expect(carriedForward({ baseline: 8, target: 2, direction: "decrease" }, 5)).toEqual({
      baseline: 5,
      target: 2,
      direction: "decrease",
    });
  });
  it("proposes the same step again when the target was reached or passed", () => {
    expect(carriedForward({ baseline: 94, target: 98, direction: "increase" }, 98)).toEqual({
      baseline: 98,
      target: 102,
      direction: "increase",
    });
    expect(carriedForward({ baseline: 8, target: 4, direction: "decrease" }, 3)).toEqual({
      baseline: 3,
      target: 0,
      direction: "decrease",
    });
    // Already at zero: nothing left to cut; the owner sets a new target when confirming.
    expect(carriedForward({ baseline: 8, target: 2, direction: "decrease" }, 0)).toEqual({
      baseline: 0,
      target: 0,
      direction: "decrease",
    });
  });
});
