// What someone typed into the "new objective" or "edit key result" modal → either values to
// store, or problems to show next to the fields. Errors (a number that isn't one, baseline =
// target, a key result without a title) block saving; the linter's warnings are shown once and
// then allowed.
import { lintOkrs, type Finding, type LintCode } from "./lint";
import { parseNumberInput } from "./numberInput";
import { DEFAULT_WEIGHT, weightProblem } from "./rollup";
import { parseTarget, storedShape, type StoredShape, type TargetSpec } from "./targets";

export const TITLE_MAX_LENGTH = 150;
export const TEXT_MAX_LENGTH = 300;
export const MAX_KEY_RESULT_SLOTS = 7;

export type KeyResultDraft = {
  title: string;
  ownerSlackId: string | null;
  coOwnerSlackIds?: string[];
  baseline: string;
  target: string;
  unit: string;
  measuredBy: string;
  /** Its share in the objective's progress, as typed; blank means the default, 1 (absent: a form without the field). */
  weight?: string;
};

export type ObjectiveDraft = {
  title: string;
  why: string;
  ownerSlackId: string | null;
  keyResults: KeyResultDraft[];
};

export type DraftField = "title" | "why" | "owner" | "baseline" | "target" | "unit" | "measured_by" | "weight";

/** A problem at one field: `slot` is the key result's place in the form, null for the objective. */
export type DraftProblem = {
  slot: number | null;
  field: DraftField | "key_results";
  severity: "error" | "warning";
  code: LintCode | "required" | "too_long" | "bad_weight";
  message: string;
  suggestion?: string;
};

export type KeyResultInput = StoredShape & {
  title: string;
  ownerSlackId: string | null;
  coOwnerSlackIds: string[];
  unit: string | null;
  measuredBy: string | null;
  /** Absent when the form had no weight field (one opened before it had): the stored weight stays. */
  weight?: number;
};

export type ObjectiveInput = {
  title: string;
  why: string | null;
  ownerSlackId: string | null;
  keyResults: Array<KeyResultInput & { slot: number }>;
};

export type DraftCheck<T> = { value: T | null; errors: DraftProblem[]; warnings: DraftProblem[] };

const blank = (s: string | null | undefined) => !s || s.trim() === "";

export type WeightInput =
  | { ok: true; value: number }
  | { ok: false; code: "not_a_number" | "bad_weight"; message: string };

/** A weight as typed (a key result's, an objective's): blank means 1; 0, negative or not a number refused. */
export function parseWeightInput(typed: string): WeightInput {
  if (blank(typed)) return { ok: true, value: DEFAULT_WEIGHT };
  const value = parseNumberInput(typed);
  if (value === null)
    return {
      ok: false,
      code: "not_a_number",
      message: `"${typed.trim()}" is not a number: enter a weight such as 1, 2 or 0.5.`,
    };
  const problem = weightProblem(value);
  return problem
    ? { ok: false, code: "bad_weight", message: `The weight ${problem}: 1 is the usual share, 2 counts twice.` }
    : { ok: true, value };
}

export function isEmptySlot(kr: KeyResultDraft): boolean {
  return (
    blank(kr.title) &&
    blank(kr.baseline) &&
    blank(kr.target) &&
    blank(kr.unit) &&
    blank(kr.measuredBy) &&
    blank(kr.weight) &&
    !kr.ownerSlackId &&
    (kr.coOwnerSlackIds ?? []).length === 0
  );
}

function tooLong(value: string, max: number, slot: number | null, field: DraftField): DraftProblem | null {
  return value.trim().length > max
    ? {
        slot,
        field,
        severity: "error",
        code: "too_long",
        message: `Keep it under ${max} characters (it has ${value.trim().length}).`,
      }
    : null;
}

/** Errors that stop a key result from being stored, and its values when there are none. */
function checkKeyResult(kr: KeyResultDraft, slot: number): { value: KeyResultInput | null; errors: DraftProblem[] } {
  const errors: DraftProblem[] = [];
  const error = (field: DraftField, code: DraftProblem["code"], message: string) =>
    errors.push({ slot, field, severity: "error", code, message });
  if (blank(kr.title)) error("title", "required", "Give the key result a title: the outcome it measures.");
  // No baseline is fine: the first check-in sets it (measure first).
  const baseline = blank(kr.baseline) ? null : parseNumberInput(kr.baseline);
  if (!blank(kr.baseline) && baseline === null)
    error("baseline", "not_a_number", `"${kr.baseline.trim()}" is not a number: enter e.g. 42, 97.5 or 1,200.`);
  let target: TargetSpec | null = null;
  if (blank(kr.target)) error("target", "required", "Enter the value to reach by the end of the cycle.");
  else {
    target = parseTarget(kr.target);
    if (target === null)
      error(
        "target",
        "not_a_number",
        `"${kr.target.trim()}" is not a target: enter a number (85), a threshold to hold (< 60, >= 99.95) or a change from the baseline (-30%, +5).`,
      );
  }
  if (baseline !== null && target?.kind === "absolute" && baseline === target.value) {
    error(
      "target",
      "baseline_equals_target",
      `Baseline and target are both ${target.value}, so there is nothing to move.`,
    );
  }
  const weighed = kr.weight === undefined ? undefined : parseWeightInput(kr.weight);
  if (weighed && !weighed.ok) error("weight", weighed.code, weighed.message);
  const weight = weighed === undefined ? undefined : weighed.ok ? weighed.value : null;
  for (const [value, max, field] of [
    [kr.title, TITLE_MAX_LENGTH, "title"],
    [kr.unit, 20, "unit"],
    [kr.measuredBy, TEXT_MAX_LENGTH, "measured_by"],
  ] as const) {
    const problem = tooLong(value, max, slot, field);
    if (problem) errors.push(problem);
  }
  if (errors.length > 0 || target === null || weight === null) return { value: null, errors };
  return {
    value: {
      ...storedShape(baseline, target),
      title: kr.title.trim(),
      ownerSlackId: kr.ownerSlackId,
      coOwnerSlackIds: [...new Set(kr.coOwnerSlackIds ?? [])].filter((u) => u !== kr.ownerSlackId),
      unit: blank(kr.unit) ? null : kr.unit.trim(),
      measuredBy: blank(kr.measuredBy) ? null : kr.measuredBy.trim(),
      ...(weight !== undefined ? { weight } : {}),
    },
    errors,
  };
}

/** "objectives[0].key_results[2].title" → slot 2, field title. */
function problemFromFinding(finding: Finding, slots: readonly number[]): DraftProblem | null {
  const m = /^objectives\[0\](?:\.key_results(?:\[(\d+)\])?)?(?:\.(\w+))?$/.exec(finding.path);
  if (!m) return null;
  const index = m[1] === undefined ? null : Number(m[1]);
  const field = (m[2] ?? (index === null ? "key_results" : "title")) as DraftProblem["field"];
  if (finding.severity === "hint") return null;
  const base = {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
  };
  return { ...base, slot: index === null ? null : slots[index]!, field };
}

/**
 * A new objective with its key results. Empty key result slots are ignored. `otherObjectives`
 * is how many the team already has this cycle (the guides' 3–5 per team).
 */
export function checkObjectiveDraft(draft: ObjectiveDraft, otherObjectives = 0): DraftCheck<ObjectiveInput> {
  const errors: DraftProblem[] = [];
  if (blank(draft.title))
    errors.push({
      slot: null,
      field: "title",
      severity: "error",
      code: "required",
      message: "Give the objective a title.",
    });
  for (const problem of [
    tooLong(draft.title, TITLE_MAX_LENGTH, null, "title"),
    tooLong(draft.why, TEXT_MAX_LENGTH * 3, null, "why"),
  ]) {
    if (problem) errors.push(problem);
  }
  const filled = draft.keyResults.map((kr, slot) => ({ kr, slot })).filter(({ kr }) => !isEmptySlot(kr));
  const keyResults: ObjectiveInput["keyResults"] = [];
  for (const { kr, slot } of filled) {
    const checked = checkKeyResult(kr, slot);
    errors.push(...checked.errors);
    if (checked.value) keyResults.push({ ...checked.value, slot });
  }
  const titles = new Set<string>();
  for (const { kr, slot } of filled) {
    const key = kr.title.trim().toLowerCase();
    if (key && titles.has(key))
      errors.push({
        slot,
        field: "title",
        severity: "error",
        code: "required",
        message: "Another key result of this objective has the same title.",
      });
    titles.add(key);
  }

  const findings = lintOkrs({
    objectives: [
      {
        title: draft.title,
        owner: draft.ownerSlackId,
        keyResults: filled.map(({ kr }) => ({
          title: kr.title,
          owner: kr.ownerSlackId,
          coOwners: kr.coOwnerSlackIds ?? [],
          baseline: parseNumberInput(kr.baseline),
          target: kr.target,
          measuredBy: kr.measuredBy,
        })),
      },
      ...Array.from({ length: otherObjectives }, (_, i) => ({ title: `existing ${i}`, owner: "x", keyResults: [] })),
    ],
  });
  const slots = filled.map(({ slot }) => slot);
  const warnings = findings
    .filter((f) => f.severity === "warning" && f.code !== "missing_baseline" && f.code !== "missing_target")
    .map((f) =>
      f.code === "too_many_objectives"
        ? {
            slot: null,
            field: "title" as const,
            severity: f.severity,
            code: f.code,
            message: f.message,
            ...(f.suggestion ? { suggestion: f.suggestion } : {}),
          }
        : problemFromFinding(f, slots),
    )
    .filter((p): p is DraftProblem => p !== null);
  // The objective's owner is who a key result without its own owner falls to; with neither, nobody is asked.
  if (draft.ownerSlackId) {
    const ownerWarning = warnings.findIndex((w) => w.code === "missing_owner");
    if (ownerWarning >= 0) warnings.splice(ownerWarning, 1);
  } else {
    for (const { kr, slot } of filled) {
      if (!kr.ownerSlackId)
        warnings.push({
          slot,
          field: "owner",
          severity: "warning",
          code: "missing_owner",
          message: "Nobody owns this key result, so nobody will be asked to check in on it.",
          suggestion: "Pick its owner, or an owner for the whole objective.",
        });
    }
  }
  if (filled.length === 0)
    errors.push({
      slot: null,
      field: "key_results",
      severity: "error",
      code: "too_few_key_results",
      message: "Add at least one key result: how will you know the objective was met?",
    });

  const value =
    errors.length === 0
      ? {
          title: draft.title.trim(),
          why: blank(draft.why) ? null : draft.why.trim(),
          ownerSlackId: draft.ownerSlackId,
          keyResults,
        }
      : null;
  return { value, errors, warnings };
}

/** One key result being edited: the same errors, and the linter's warnings about its wording and measure. */
export function checkKeyResultDraft(draft: KeyResultDraft): DraftCheck<KeyResultInput> {
  const { value, errors } = checkKeyResult(draft, 0);
  const findings = lintOkrs({
    objectives: [
      {
        title: "objective",
        owner: "someone",
        keyResults: [
          {
            title: draft.title,
            baseline: parseNumberInput(draft.baseline),
            target: draft.target,
            measuredBy: draft.measuredBy,
          },
        ],
      },
    ],
  });
  const warnings = findings
    .filter(
      (f) =>
        f.severity === "warning" &&
        /key_results\[0\]/.test(f.path) &&
        f.code !== "missing_baseline" &&
        f.code !== "missing_target",
    )
    .map((f) => problemFromFinding(f, [0]))
    .filter((p): p is DraftProblem => p !== null);
  if (!draft.ownerSlackId)
    warnings.push({
      slot: 0,
      field: "owner",
      severity: "warning",
      code: "missing_owner",
      message: "Nobody owns this key result, so nobody will be asked to check in on it.",
      suggestion: "Pick its owner.",
    });
  return { value, errors, warnings };
}

/** Identifies a set of warnings: a person who saw exactly these may save despite them. */
export function warningsFingerprint(warnings: readonly DraftProblem[]): string {
  return warnings
    .map((w) => `${w.code}@${w.slot ?? "o"}.${w.field}`)
    .sort()
    .join(",");
}
