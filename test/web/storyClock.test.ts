import { jumpSteps, storyStart } from "../../src/demo/storyClock";

const at = (iso: string) => new Date(iso);

describe("the web demo's clock", () => {
  it("starts on the Sunday before the quarter's second week", () => {
    expect(storyStart(at("2026-11-20T12:00:00Z")).toISOString()).toBe("2026-10-11T10:00:00.000Z");
  });
  it("next check-in time: the coming Monday at 10:00 then 18:00 UTC, the check-in job at each", () => {
    expect(jumpSteps("checkin", at("2026-10-11T10:00:00Z"))).toEqual([
      { at: at("2026-10-12T10:00:00Z"), jobs: ["checkins"] },
      { at: at("2026-10-12T18:00:00Z"), jobs: ["checkins"] },
    ]);
    // From Monday evening, the next Monday.
    expect(jumpSteps("checkin", at("2026-10-12T18:00:00Z"))[0]!.at).toEqual(at("2026-10-19T10:00:00Z"));
  });
  it("Friday digest: that week's Friday at 22:00 UTC, reminders then the digest", () => {
    expect(jumpSteps("digest", at("2026-10-12T18:00:00Z"))).toEqual([
      { at: at("2026-10-16T22:00:00Z"), jobs: ["reminders", "digest"] },
    ]);
    expect(jumpSteps("digest", at("2026-10-16T22:00:00Z"))[0]!.at).toEqual(at("2026-10-23T22:00:00Z"));
  });
  it("the quarter's last week and its end run the retro job; time never goes back", () => {
    expect(jumpSteps("last_week", at("2026-10-16T22:00:00Z"))).toEqual([
      { at: at("2026-12-27T00:00:00Z"), jobs: ["retro"] },
    ]);
    expect(jumpSteps("quarter_end", at("2026-10-16T22:00:00Z"))).toEqual([
      { at: at("2027-01-01T10:00:00Z"), jobs: ["retro"] },
    ]);
    expect(jumpSteps("last_week", at("2026-12-30T00:00:00Z"))[0]!.at).toEqual(at("2026-12-30T00:00:00Z"));
  });
});
