// Builders for domain data and OKR files of any size, for limit and scale tests.
import type { KeyResultFacts } from "../../src/domain/keyResultStatus";
import { keyResultStatus, type KeyResultStatus } from "../../src/domain/keyResultStatus";
import type { ObjectiveFacts } from "../../src/domain/digest";

const LONG = "A long and winding <!channel> title that keeps going to test limits & <escaping> ".repeat(3);

export function keyResultFacts(id: number, overrides: Partial<KeyResultFacts> = {}): KeyResultFacts {
  return {
    id,
    title: `#${id} ${LONG}`.slice(0, 200),
    ownerSlackId: `U0OWNER${id % 7}`,
    baseline: 8,
    target: 2,
    unit: "incidents/quarter",
    measuredBy: "P1 count in the incident tracker, reviewed weekly by the on-call lead & the SRE team"
      .repeat(3)
      .slice(0, 300),
    direction: "decrease",
    checkIns: [
      { week: "2026-W47", value: 6, confidence: "at_risk", note: "n".repeat(2000) },
      { week: "2026-W48", value: 5, confidence: "on_track", note: "<!channel> ".repeat(200) },
    ],
    ...overrides,
  };
}

export function objectives(count: number, krsEach: number): ObjectiveFacts[] {
  return Array.from({ length: count }, (_, o) => ({
    id: o + 1,
    title: `${LONG} objective ${o + 1}`.slice(0, 200),
    ownerSlackId: "U0LEAD",
    keyResults: Array.from({ length: krsEach }, (_, k) => keyResultFacts(o * krsEach + k + 1)),
  }));
}

export function statuses(count: number, week = "2026-W48"): KeyResultStatus[] {
  return Array.from({ length: count }, (_, i) => keyResultStatus(keyResultFacts(i + 1), week));
}

/** An OKR file with `teams` teams of `objectivesEach` objectives × `krsEach` key results. */
export function okrFileYaml(opts: {
  objectivesEach: number;
  krsEach: number;
  channel?: string;
  owners?: string[];
}): string {
  const owners = opts.owners ?? ["U0ALICE"];
  const lines = [
    "cycle: 2026-Q4",
    "teams:",
    "  - name: Big",
    `    channel: ${opts.channel ?? "C0BIG"}`,
    "    objectives:",
  ];
  for (let o = 0; o < opts.objectivesEach; o++) {
    lines.push(
      `      - title: Objective number ${o + 1} makes customers trust us & stay`,
      "        owner: U0LEAD",
      "        key_results:",
    );
    for (let k = 0; k < opts.krsEach; k++) {
      lines.push(
        `          - title: Reduce incidents of kind ${o + 1}.${k + 1}`,
        `            owner: ${owners[(o * opts.krsEach + k) % owners.length]}`,
        "            baseline: 8",
        "            target: 2",
        "            unit: incidents/quarter",
        "            measured_by: P1 count in the incident tracker",
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The smallest OKR file: team Platform in C0PLATFORM, one key result (8 → 2 incidents) owned by U0ALICE. */
export const ONE_KEY_RESULT_YAML = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    objectives:
      - title: Reliable
        owner: U0ALICE
        key_results:
          - title: Reduce P1 incidents
            baseline: 8
            target: 2
`;

export type TreeTeamSpec = { name: string; parent?: string; objectives: number };

/** Company → Engineering, Sales → Platform, Search, Payments, Support; `total` objectives in all. */
export function companyTreeSpec(total: number): TreeTeamSpec[] {
  const company = Math.max(1, Math.round(total * 0.04));
  const department = Math.max(1, Math.round(total * 0.08));
  const rest = total - company - 2 * department;
  const team = (i: number) => Math.floor(rest / 4) + (i < rest % 4 ? 1 : 0);
  return [
    { name: "Company", objectives: company },
    { name: "Engineering", parent: "Company", objectives: department },
    { name: "Sales", parent: "Company", objectives: department },
    { name: "Platform", parent: "Engineering", objectives: team(0) },
    { name: "Search", parent: "Engineering", objectives: team(1) },
    { name: "Payments", parent: "Sales", objectives: team(2) },
    { name: "Support", parent: "Sales", objectives: team(3) },
  ];
}

/**
 * An OKR file of a team tree: each team's objectives (one key result each, 0 → 100, owned by
 * U0<TEAM>1, U0<TEAM>2 in turn) align to its parent team's first objective.
 */
export function okrTreeYaml(spec: readonly TreeTeamSpec[]): string {
  const lines = ["cycle: 2026-Q4", "teams:"];
  for (const team of spec) {
    lines.push(
      `  - name: ${team.name}`,
      ...(team.parent ? [`    parent: ${team.parent}`] : []),
      `    channel: C0${team.name.toUpperCase()}`,
      "    objectives:",
    );
    for (let o = 1; o <= team.objectives; o++) {
      lines.push(`      - title: ${team.name} objective ${o}`, `        owner: U0${team.name.toUpperCase()}LEAD`);
      if (team.parent)
        lines.push(
          "        aligns_to:",
          `          team: ${team.parent}`,
          `          objective: ${team.parent} objective 1`,
        );
      lines.push(
        "        key_results:",
        `          - title: ${team.name} result ${o}`,
        `            owner: U0${team.name.toUpperCase()}${(o % 2) + 1}`,
        "            baseline: 0",
        "            target: 100",
        "            measured_by: Dashboard",
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
