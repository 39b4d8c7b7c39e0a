// An OKR linter following the engineering OKR guides: 3–5 objectives per team, 3–5
// (ideally 3–4) key results per objective, outcomes rather than outputs, ungameable
// metrics, and every key result measurable from a known baseline to a target.
import { describesOutput, outcomeRewrite, vanityMetricsIn } from "./krWording";
import { parseTarget } from "./targets";

export interface LintKeyResult {
  title: string;
  owner?: string | null;
  baseline?: number | null;
  /** A number, or as written in a file or form: a threshold ("< 60") or a change ("-30%"). */
  target?: number | string | null;
  /** Slack ids of the people who share it besides its owner. */
  coOwners?: readonly string[] | null;
  measuredBy?: string | null;
  unit?: string | null;
}

export interface LintObjective {
  title: string;
  owner?: string | null;
  keyResults: LintKeyResult[];
  /** Its share in the roll-up of the objective it aligns to, when given. */
  weight?: number | null;
  /** Whether it aligns to an objective; unknown (a form without the choice) when absent. */
  aligned?: boolean;
}

/** One team's objectives for a cycle. */
export interface LintInput {
  objectives: LintObjective[];
}

/** A hint is worth knowing but nothing to fix (a baseline the first check-in will set). */
export type Severity = "error" | "warning" | "hint";

export const LINT_CODES = [
  "too_many_objectives",
  "too_few_key_results",
  "too_many_key_results",
  "output_verb",
  "vanity_metric",
  "missing_baseline",
  "missing_target",
  "missing_measured_by",
  "baseline_equals_target",
  "missing_owner",
  "not_a_number",
  "individual_key_results",
  "weight_without_alignment",
] as const;
export type LintCode = (typeof LINT_CODES)[number];

export interface Finding {
  severity: Severity;
  code: LintCode;
  /** 0-based, snake_case like the YAML file: "objectives[1].key_results[2].target". */
  path: string;
  message: string;
  suggestion?: string;
}

export const MAX_OBJECTIVES = 5;
export const MIN_KEY_RESULTS = 3;
export const MAX_KEY_RESULTS = 5;

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === "";
}

function lintObjectiveCount(objectives: LintObjective[]): Finding[] {
  if (objectives.length <= MAX_OBJECTIVES) return [];
  return [
    {
      severity: "warning",
      code: "too_many_objectives",
      path: "objectives",
      message: `${objectives.length} objectives: aim for 3–5 per team; more dilutes focus.`,
      suggestion: "Ruthlessly prioritize: keep the objectives that matter most and drop or defer the rest.",
    },
  ];
}

function lintObjective(objective: LintObjective, path: string): Finding[] {
  const findings: Finding[] = [];
  const count = objective.keyResults.length;
  if (count < MIN_KEY_RESULTS) {
    findings.push({
      severity: "warning",
      code: "too_few_key_results",
      path: `${path}.key_results`,
      message: `${count} key result${count === 1 ? "" : "s"}: an objective needs 3–5 (ideally 3–4) to show it was achieved.`,
      suggestion: "Add measurable outcomes that together would tell you the objective was met.",
    });
  }
  if (count > MAX_KEY_RESULTS) {
    findings.push({
      severity: "warning",
      code: "too_many_key_results",
      path: `${path}.key_results`,
      message: `${count} key results: too many means no focus; keep 3–5, ideally 3–4.`,
      suggestion: "Ruthlessly prioritize. What are the 3 things that matter MOST?",
    });
  }
  // Key results inherit the objective's owner, and the guide favours shared key
  // results, so only the objective must name an owner.
  if (isBlank(objective.owner)) {
    findings.push({
      severity: "warning",
      code: "missing_owner",
      path: `${path}.owner`,
      message: "The objective has no owner.",
      suggestion: "Name one person accountable for it; key results without their own owner inherit theirs.",
    });
  }
  return findings;
}

function lintWording(title: string, path: string): Finding[] {
  const vanity = vanityMetricsIn(title);
  const findings: Finding[] = vanity.map((metric) => ({
    severity: "warning",
    code: "vanity_metric",
    path: `${path}.title`,
    message: `"${metric.name}" is an activity metric the team can hit without improving anything that matters (gamed by ${metric.gamedBy}).`,
    suggestion: metric.alternative
      ? `Use an ungameable outcome instead, e.g. "${metric.alternative}".`
      : "Measure the outcome this activity should change instead: incidents, escaped bugs, lead time or a customer metric.",
  }));
  // A vanity finding already says what is wrong ("Deploy 3x more frequently"); don't pile on.
  if (vanity.length === 0 && describesOutput(title)) {
    findings.push({
      severity: "warning",
      code: "output_verb",
      path: `${path}.title`,
      message: "This reads as a project milestone (an output), not an outcome. OKRs measure outcomes, not outputs.",
      suggestion: `Say what it should change, e.g. "${outcomeRewrite(title)}".`,
    });
  }
  return findings;
}

type NumberField = "baseline" | "target";

function lintNumber(value: number | null | undefined, field: NumberField, path: string): Finding | null {
  if (value === null || value === undefined) {
    return field === "baseline"
      ? {
          severity: "warning",
          code: "missing_baseline",
          path: `${path}.baseline`,
          message: "No baseline: without the starting value, progress can't be measured.",
          suggestion: 'Record where the metric stands today, as in "Improve checkout success rate from 94% to 98%".',
        }
      : {
          severity: "warning",
          code: "missing_target",
          path: `${path}.target`,
          message: "No target: without it nobody knows what done looks like.",
          suggestion: 'Set the value to reach, as in "Reduce P1 incidents from 8/quarter to 2/quarter".',
        };
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return {
      severity: "error",
      code: "not_a_number",
      path: `${path}.${field}`,
      message: `The ${field} must be a finite number, not ${String(value)}.`,
    };
  }
  return null;
}

function lintTarget(
  target: LintKeyResult["target"],
  path: string,
): { finding: Finding | null; spec: ReturnType<typeof parseTarget> } {
  if (typeof target === "string" && target.trim() === "") target = null;
  if (typeof target !== "string")
    return {
      finding: lintNumber(target, "target", path),
      spec: typeof target === "number" ? parseTarget(target) : null,
    };
  const spec = parseTarget(target);
  return {
    spec,
    finding: spec
      ? null
      : {
          severity: "error",
          code: "not_a_number",
          path: `${path}.target`,
          message: `The target "${target}" is neither a number, a threshold ("< 60") nor a change from the baseline ("-30%").`,
        },
  };
}

function lintKeyResult(kr: LintKeyResult, path: string): Finding[] {
  const findings = lintWording(kr.title, path);

  const { finding: targetFinding, spec } = lintTarget(kr.target, path);
  // A threshold is scored check-in by check-in; it needs no baseline.
  let baselineFinding =
    spec?.kind === "threshold" && (kr.baseline === null || kr.baseline === undefined)
      ? null
      : lintNumber(kr.baseline, "baseline", path);
  if (baselineFinding?.code === "missing_baseline" && spec) {
    baselineFinding = {
      severity: "hint",
      code: "missing_baseline",
      path: `${path}.baseline`,
      message:
        "No baseline yet: the first check-in will set it, and until then this key result can't be scored (its progress shows —).",
      suggestion: "Record where the metric stands today if you know it.",
    };
  }
  if (baselineFinding) findings.push(baselineFinding);
  if (targetFinding) findings.push(targetFinding);
  if (!baselineFinding && !targetFinding && spec?.kind === "absolute" && kr.baseline === spec.value) {
    findings.push({
      severity: "error",
      code: "baseline_equals_target",
      path: `${path}.target`,
      message: `Baseline and target are both ${String(kr.target)}, so there is nothing to move.`,
      suggestion: "Set the target to where the metric should be by the end of the cycle.",
    });
  }

  if (isBlank(kr.measuredBy)) {
    findings.push({
      severity: "warning",
      code: "missing_measured_by",
      path: `${path}.measured_by`,
      message: "No measured_by: say where the number comes from so nobody argues about it later.",
      suggestion:
        'Name the source, e.g. "Real User Monitoring p75 LCP on /checkout" or "External monitoring (not internal health checks)".',
    });
  }
  return findings;
}

/**
 * The guides' "team OKRs that are just a list of individual OKRs": every key result has its own
 * single owner, a different one each, and none is shared.
 */
function lintIndividualKeyResults(objective: LintObjective, path: string): Finding[] {
  const krs = objective.keyResults;
  if (krs.length < 2) return [];
  const owners = krs.map((kr) => (isBlank(kr.owner) ? objective.owner : kr.owner));
  const shared = krs.some((kr) => (kr.coOwners?.length ?? 0) > 0);
  if (shared || owners.some(isBlank) || new Set(owners).size !== krs.length) return [];
  return [
    {
      severity: "warning",
      code: "individual_key_results",
      path: `${path}.key_results`,
      message:
        "Each key result has a different single owner and none is shared: this reads as a list of individual OKRs, not a team's.",
      suggestion:
        "Write shared key results that no single person can achieve alone, with co-owners who move them together.",
    },
  ];
}

/** A weight only counts in the roll-up of the objective it aligns to: on one that aligns to nothing it does nothing. */
function lintUnalignedWeight(objective: LintObjective, path: string): Finding[] {
  const { weight } = objective;
  if (objective.aligned !== false || weight === undefined || weight === null || weight === 1) return [];
  return [
    {
      severity: "hint",
      code: "weight_without_alignment",
      path: `${path}.weight`,
      message: `The weight ${weight} has no effect: this objective aligns to nothing, so it counts in no roll-up.`,
      suggestion: "Add aligns_to: { team, objective } for it to count in that objective's roll-up, or drop the weight.",
    },
  ];
}

/** Lints one team's objectives; findings come in document order. */
export function lintOkrs(input: LintInput): Finding[] {
  const findings = lintObjectiveCount(input.objectives);
  input.objectives.forEach((objective, i) => {
    const objectivePath = `objectives[${i}]`;
    findings.push(
      ...lintObjective(objective, objectivePath),
      ...lintUnalignedWeight(objective, objectivePath),
      ...lintIndividualKeyResults(objective, objectivePath),
    );
    objective.keyResults.forEach((kr, k) => {
      findings.push(...lintKeyResult(kr, `${objectivePath}.key_results[${k}]`));
    });
  });
  return findings;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === "error");
}
