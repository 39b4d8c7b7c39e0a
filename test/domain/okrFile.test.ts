import { parseOkrFile, parsePath, stringifyOkrFile } from "../../src/domain/okrFile";

const VALID = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    checkin: { day: monday, time: "09:00" }
    objectives:
      - title: Make our platform reliable enough that customers trust us
        owner: U0LEAD
        why: Reduce churn
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 8
            target: 2
            unit: incidents/quarter
            measured_by: P1 count in the incident tracker
`;

function problems(source: string) {
  const parsed = parseOkrFile(source);
  if (parsed.ok) throw new Error("expected problems");
  return parsed.problems;
}

describe("the OKR file format", () => {
  it("parses the documented example, with defaults for what is left out", () => {
    const parsed = parseOkrFile(VALID);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.teams[0]!.objectives[0]!.key_results[0]).toEqual({
      title: "Reduce P1 incidents",
      owner: "U0ALICE",
      baseline: 8,
      target: 2,
      unit: "incidents/quarter",
      measured_by: "P1 count in the incident tracker",
    });
    expect(parseOkrFile("teams:\n  - name: X\n    channel: C0X\n").ok).toBe(true);
  });

  it.each([
    [
      "a target that is not a number",
      VALID.replace("target: 2", "target: two"),
      "teams[0].objectives[0].key_results[0].target",
      15,
      /should be a number/,
    ],
    [
      "a target of no known shape",
      VALID.replace("target: 2", 'target: "about 2"'),
      "teams[0].objectives[0].key_results[0].target",
      15,
      /threshold .* or a change from the baseline/,
    ],
    [
      "a missing target",
      VALID.replace("            target: 2\n", ""),
      "teams[0].objectives[0].key_results[0].target",
      12,
      /is required/,
    ],
    ["a channel given by name", VALID.replace("C0PLATFORM", "#platform"), "teams[0].channel", 4, /Slack channel id/],
    ["an unknown weekday", VALID.replace("day: monday", "day: moonday"), "teams[0].checkin.day", 6, /weekday/],
    ["an unquoted or bad time", VALID.replace('"09:00"', '"9am"'), "teams[0].checkin.time", 6, /24-hour time/],
    ["a bad cycle", VALID.replace("2026-Q4", "2026-Q5"), "cycle", 1, /quarter such as/],
    [
      "a misspelt field",
      VALID.replace("measured_by:", "mesured_by:"),
      "teams[0].objectives[0].key_results[0]",
      12,
      /mesured_by/,
    ],
    [
      "a duplicate key result",
      VALID + VALID.slice(VALID.indexOf("          - title: Reduce P1")),
      "teams[0].objectives[0].key_results[1].title",
      18,
      /appears twice/,
    ],
    [
      "a source query longer than a Slack text field",
      VALID.replace(
        "            measured_by: P1 count in the incident tracker\n",
        `            source: { name: warehouse, query: "select ${"1+".repeat(1500)}1" }\n`,
      ),
      "teams[0].objectives[0].key_results[0].source.query",
      17,
      /at most 3000 characters/,
    ],
  ])("names the path and line of %s", (_what, source, path, line, message) => {
    const [first] = problems(source);
    expect(first).toMatchObject({ path, line });
    expect(first!.message).toMatch(message);
  });

  it("takes a key result without a baseline (measure first), a threshold and a relative target", () => {
    for (const [target, expected] of [
      ["'< 60'", "< 60"],
      ['"-30%"', "-30%"],
      ['"+5"', "+5"],
      ["85", 85],
    ] as const) {
      const parsed = parseOkrFile(
        VALID.replace("            baseline: 8\n", "").replace("target: 2", `target: ${target}`),
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const kr = parsed.file.teams[0]!.objectives[0]!.key_results[0]!;
      expect([kr.baseline, kr.target]).toEqual([undefined, expected]);
    }
  });

  it("maps a path back to its line, for the linter's findings", () => {
    const parsed = parseOkrFile(VALID);
    if (!parsed.ok) throw new Error("invalid");
    expect(parsed.lineOf(parsePath("teams[0].objectives[0].key_results[0].target"))).toBe(15);
    expect(parsed.lineOf(parsePath("teams[0].channel"))).toBe(4);
  });

  it("reports YAML syntax errors with their line", () => {
    const [p] = problems("teams:\n  - name: [unclosed\n");
    expect(p!.line).toBeGreaterThanOrEqual(2);
  });

  it("takes an objective's weight (its share in the roll-up it aligns to) like a key result's", () => {
    const weighted = (w: string) =>
      VALID.replace("        why: Reduce churn\n", `        why: Reduce churn\n        weight: ${w}\n`);
    const parsed = parseOkrFile(weighted("2.5"));
    expect(parsed.ok && parsed.file.teams[0]!.objectives[0]!.weight).toBe(2.5);
    const left = parseOkrFile(VALID);
    expect(left.ok && left.file.teams[0]!.objectives[0]!.weight).toBeUndefined();
    for (const [w, message] of [
      ["0", "should be greater than 0"],
      ["-1", "should be greater than 0"],
      [".inf", "should be a number greater than 0"],
      ["heavy", "should be a number greater than 0"],
    ] as const)
      expect(problems(weighted(w))).toEqual([
        expect.objectContaining({
          path: "teams[0].objectives[0].weight",
          line: 11,
          message: expect.stringContaining(message),
        }),
      ]);
    if (!parsed.ok) throw new Error("invalid");
    const again = parseOkrFile(stringifyOkrFile(parsed.file));
    expect(again.ok && again.file).toEqual(parsed.file);
  });

  it("round-trips through stringify", () => {
    const parsed = parseOkrFile(VALID);
    if (!parsed.ok) throw new Error("invalid");
    const again = parseOkrFile(stringifyOkrFile(parsed.file));
    expect(again.ok && again.file).toEqual(parsed.file);
  });

  it("refuses an unresolved alias or an alias bomb with a problem, not a crash", () => {
    const alias = parseOkrFile("*!");
    expect(alias.ok).toBe(false);
    if (!alias.ok) expect(alias.problems[0]!.message).toContain("not a usable YAML document");
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join("\n");
    const refused = parseOkrFile(bomb);
    expect(refused.ok).toBe(false);
  });
});
