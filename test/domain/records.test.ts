import { formatRecord, type CycleRecord } from "../../src/domain/records";

const record: CycleRecord = {
  cycle: "2026-Q4",
  teams: [
    {
      name: "Platform",
      averageScore: 0.55,
      reading: "Healthy stretch.",
      objectives: [
        {
          title: "Reliable | fast",
          owner: null,
          keyResults: [
            {
              id: 7,
              title: "Reduce P1 incidents",
              owner: "alice (U0ALICE)",
              baseline: 8,
              target: 2,
              unit: "incidents",
              measuredBy: "Incident tracker",
              direction: "decrease",
              finalValue: 5,
              progress: 0.5,
              retro: {
                score: 0.6,
                scoreFrom: "owner",
                worked: 'Runbooks, "on-call"',
                didnt: '=HYPERLINK("http://evil")',
                learned: "line one\nline two",
                carryForward: true,
              },
              checkIns: [
                {
                  week: "2026-W47",
                  value: 6,
                  confidence: "at_risk",
                  note: null,
                  evidenceUrl: null,
                  author: "alice (U0ALICE)",
                },
                {
                  week: "2026-W48",
                  value: 5,
                  confidence: "on_track",
                  note: "| pipes | and `ticks`",
                  evidenceUrl: "https://x.example/1",
                  author: "alice (U0ALICE)",
                },
              ],
            },
            {
              id: 8,
              title: "Cut MTTR",
              owner: null,
              baseline: 100,
              target: 30,
              unit: null,
              measuredBy: null,
              direction: "decrease",
              finalValue: 100,
              progress: 0,
              retro: { score: 0, scoreFrom: "progress", worked: null, didnt: null, learned: null, carryForward: null },
              checkIns: [],
            },
          ],
        },
      ],
    },
  ],
};

describe("formatRecord", () => {
  it("writes JSON that reads back to the same record", () => {
    expect(JSON.parse(formatRecord(record, "json"))).toEqual(record);
  });

  it("writes one CSV row per check-in (one for a key result without any), quoted, with formulas defused", () => {
    const rows = formatRecord(record, "csv").trimEnd().split("\r\n");
    expect(rows).toHaveLength(4); // header, 2 check-ins, and 1 row for the key result without any (the quoted newline is \n, rows end in \r\n)
    expect(rows[0]).toBe(
      "cycle,team,objective,key_result_id,key_result,owner,baseline,target,unit,measured_by,final_value,progress,score,score_from,worked,didnt_work,learned,carry_forward,week,value,confidence,note,evidence_url,checked_in_by,target_as_written,baseline_from,weeks_met,met,measured_value",
    );
    const csv = formatRecord(record, "csv");
    expect(csv).toContain('"Runbooks, ""on-call"""');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"line one\nline two"');
    expect(csv).toContain("2026-W48,5,on_track,| pipes | and `ticks`,https://x.example/1,alice (U0ALICE)");
    expect(csv.trimEnd().split("\r\n").at(-1)).toBe(
      "2026-Q4,Platform,Reliable | fast,8,Cut MTTR,,100,30,,,100,0,0,progress,,,,,,,,,,,,set,,,",
    );
  });

  it("writes Markdown whose user text cannot break the layout", () => {
    const md = formatRecord(record, "md");
    expect(md).toContain("### Reliable \\| fast");
    expect(md).toContain("- Score: **0.6** (the owner's)");
    expect(md).toContain("- What we learned: line one line two");
    expect(md).toContain("| 2026-W48 | 5 | on track | \\| pipes \\| and \\`ticks\\` |");
    expect(md).toContain("- Score: **0.0** (from progress)");
  });

  describe("the key-result shapes", () => {
    const base = record.teams[0]!.objectives[0]!.keyResults[1]!;
    const shaped: CycleRecord = {
      ...record,
      teams: [
        {
          ...record.teams[0]!,
          objectives: [
            {
              title: "Scale",
              owner: null,
              keyResults: [
                {
                  ...base,
                  id: 9,
                  title: "Autoscaling response time",
                  unit: "s",
                  baseline: 70,
                  target: 60,
                  targetAsWritten: "< 60",
                  baselineFrom: "first_check_in",
                  weeksMet: { met: 1, of: 2 },
                  finalValue: 50,
                  progress: 0.5,
                  checkIns: [
                    {
                      week: "2026-W41",
                      value: 70,
                      confidence: "on_track",
                      note: null,
                      evidenceUrl: null,
                      author: null,
                      met: false,
                    },
                    {
                      week: "2026-W42",
                      value: 50,
                      confidence: "on_track",
                      note: null,
                      evidenceUrl: null,
                      author: null,
                      met: true,
                    },
                  ],
                },
                {
                  ...base,
                  id: 10,
                  title: "P99 latency",
                  baseline: 0,
                  target: 0,
                  targetAsWritten: "-30%",
                  baselineFrom: "first_check_in",
                  weeksMet: null,
                  progress: null,
                  checkIns: [],
                },
                {
                  ...base,
                  id: 11,
                  title: "NPS",
                  baseline: 30,
                  target: 35,
                  targetAsWritten: "+5",
                  baselineFrom: "set",
                  weeksMet: null,
                  finalValue: 33,
                  progress: 0.6,
                  checkIns: [],
                },
              ],
            },
          ],
        },
      ],
    };

    it("says met / not met, the target as written, and a baseline still to come", () => {
      const md = formatRecord(shaped, "md");
      expect(md).toContain("- target \\< 60 s, met 1 of 2 weeks; final 50 s (50% of check-ins met)");
      expect(md).toContain("| 2026-W41 | 70 | on track |  | not met |");
      expect(md).toContain("- no baseline yet (the first check-in sets it) → -30%; final 100 (not scored)");
      expect(md).toContain("- 30 → 35 (+5); final 33 (60%)");
      const csv = formatRecord(shaped, "csv").trimEnd().split("\r\n");
      expect(csv[1]).toMatch(/,2026-W41,70,on_track,,,,< 60,first_check_in,1\/2,false,$/);
      expect(csv[3]).toMatch(/,'-30%,first_check_in,,,$/);
      expect(JSON.parse(formatRecord(shaped, "json"))).toEqual(shaped);
    });
  });
});
