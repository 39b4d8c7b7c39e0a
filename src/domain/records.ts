// A cycle's record for people who keep records outside Slack: each key result with its retro and
// its check-in history, as JSON, CSV (one row per check-in) or Markdown. Pure formatting.
import { formatNumber, formatPercent } from "./progress";

export type RecordCheckIn = {
  week: string;
  value: number;
  confidence: string;
  note: string | null;
  evidenceUrl: string | null;
  author: string | null;
  /** Threshold key results: whether this check-in held it. */
  met?: boolean | null;
  /** What the key result's source measured when this was saved (confirmed or overridden). */
  measuredValue?: number | null;
};
export type RecordKeyResult = {
  id: number;
  title: string;
  owner: string | null;
  baseline: number;
  target: number;
  unit: string | null;
  measuredBy: string | null;
  direction: string;
  /** The target as written when not a plain number: a threshold ("< 60") or a change ("-30%"); null otherwise. */
  targetAsWritten?: string | null;
  /** "first_check_in" when the key result started without one (measure first). */
  baselineFrom?: "set" | "first_check_in";
  /** Threshold key results: check-ins that held it, of how many. */
  weeksMet?: { met: number; of: number } | null;
  finalValue: number;
  /** Null while it could not be scored (no baseline yet, or a threshold never checked in on). */
  progress: number | null;
  retro: {
    score: number;
    scoreFrom: "owner" | "progress";
    worked: string | null;
    didnt: string | null;
    learned: string | null;
    carryForward: boolean | null;
  };
  checkIns: RecordCheckIn[];
};
export type CycleRecord = {
  cycle: string;
  teams: Array<{
    name: string;
    averageScore: number | null;
    reading: string;
    objectives: Array<{ title: string; owner: string | null; keyResults: RecordKeyResult[] }>;
  }>;
};

export const RECORD_FORMATS = ["json", "csv", "md"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export function formatRecord(record: CycleRecord, format: RecordFormat): string {
  if (format === "json") return `${JSON.stringify(record, null, 2)}\n`;
  return format === "csv" ? toCsv(record) : toMarkdown(record);
}

const CSV_COLUMNS = [
  "cycle",
  "team",
  "objective",
  "key_result_id",
  "key_result",
  "owner",
  "baseline",
  "target",
  "unit",
  "measured_by",
  "final_value",
  "progress",
  "score",
  "score_from",
  "worked",
  "didnt_work",
  "learned",
  "carry_forward",
  "week",
  "value",
  "confidence",
  "note",
  "evidence_url",
  "checked_in_by",
  "target_as_written",
  "baseline_from",
  "weeks_met",
  "met",
  "measured_value",
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with '. */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(record: CycleRecord): string {
  const rows: string[] = [CSV_COLUMNS.join(",")];
  for (const team of record.teams) {
    for (const objective of team.objectives) {
      for (const kr of objective.keyResults) {
        const base = [
          record.cycle,
          team.name,
          objective.title,
          kr.id,
          kr.title,
          kr.owner,
          kr.baseline,
          kr.target,
          kr.unit,
          kr.measuredBy,
          kr.finalValue,
          kr.progress === null ? null : Number(kr.progress.toFixed(4)),
          kr.retro.score,
          kr.retro.scoreFrom,
          kr.retro.worked,
          kr.retro.didnt,
          kr.retro.learned,
          kr.retro.carryForward,
        ];
        const checkIns: Array<RecordCheckIn | null> = kr.checkIns.length > 0 ? kr.checkIns : [null];
        for (const c of checkIns) {
          const shape = [
            kr.targetAsWritten ?? null,
            kr.baselineFrom ?? "set",
            kr.weeksMet ? `${kr.weeksMet.met}/${kr.weeksMet.of}` : null,
            c?.met ?? null,
            c?.measuredValue ?? null,
          ];
          rows.push(
            [
              ...base,
              c?.week ?? null,
              c?.value ?? null,
              c?.confidence ?? null,
              c?.note ?? null,
              c?.evidenceUrl ?? null,
              c?.author ?? null,
              ...shape,
            ]
              .map(csvCell)
              .join(","),
          );
        }
      }
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}

/** Inline Markdown that cannot break out of its line or table cell. */
function md(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/([\\`*_[\]|<>#])/g, "\\$1");
}

/** " (measured 0.1)" beside a value its source measured otherwise. */
function measured(c: RecordCheckIn): string {
  return c.measuredValue !== undefined && c.measuredValue !== null && c.measuredValue !== c.value
    ? ` (measured ${formatNumber(c.measuredValue)})`
    : "";
}

/** "8 → 2", "target < 60, met 3 of 4 weeks", "400 (baseline set by the first check-in) → 280 (-30%)". */
function goal(kr: RecordKeyResult, unit: string): string {
  const written = kr.targetAsWritten ? md(kr.targetAsWritten) : null;
  if (kr.weeksMet)
    return `target ${written ?? formatNumber(kr.target)}${unit}, met ${kr.weeksMet.met} of ${kr.weeksMet.of} ${kr.weeksMet.of === 1 ? "week" : "weeks"}`;
  if (kr.baselineFrom === "first_check_in" && kr.checkIns.length === 0)
    return `no baseline yet (the first check-in sets it) → ${written ?? formatNumber(kr.target)}${unit}`;
  const baseline =
    kr.baselineFrom === "first_check_in"
      ? `${formatNumber(kr.baseline)} (baseline set by the first check-in)`
      : formatNumber(kr.baseline);
  return `${baseline} → ${formatNumber(kr.target)}${unit}${written ? ` (${written})` : ""}`;
}

function toMarkdown(record: CycleRecord): string {
  const out: string[] = [`# OKRs ${record.cycle}: retro and check-ins`, ""];
  for (const team of record.teams) {
    out.push(
      `## ${md(team.name)}`,
      "",
      `Average score: **${team.averageScore === null ? "–" : team.averageScore.toFixed(2)}**. ${md(team.reading)}`,
      "",
    );
    for (const objective of team.objectives) {
      out.push(`### ${md(objective.title)}`, "");
      for (const kr of objective.keyResults) {
        const unit = kr.unit ? ` ${md(kr.unit)}` : "";
        out.push(
          `#### #${kr.id} ${md(kr.title)}`,
          "",
          `- Owner: ${kr.owner ? md(kr.owner) : "–"}`,
          `- ${goal(kr, unit)}${kr.measuredBy ? `, measured by ${md(kr.measuredBy)}` : ""}; final ${formatNumber(kr.finalValue)}${unit} (${kr.progress === null ? "not scored" : formatPercent(kr.progress)}${kr.weeksMet ? ` of check-ins met` : ""})`,
          `- Score: **${kr.retro.score.toFixed(1)}** (${kr.retro.scoreFrom === "owner" ? "the owner's" : "from progress"})`,
          `- What worked: ${kr.retro.worked ? md(kr.retro.worked) : "–"}`,
          `- What didn't work: ${kr.retro.didnt ? md(kr.retro.didnt) : "–"}`,
          `- What we learned: ${kr.retro.learned ? md(kr.retro.learned) : "–"}`,
          `- Carry forward: ${kr.retro.carryForward === null ? "–" : kr.retro.carryForward ? "yes" : "no"}`,
          "",
        );
        if (kr.checkIns.length > 0) {
          const met = kr.weeksMet ? (c: RecordCheckIn) => (c.met ? " | met" : " | not met") : () => "";
          out.push(
            `| Week | Value | Confidence | Note |${kr.weeksMet ? " Target |" : ""}`,
            `|---|---|---|---|${kr.weeksMet ? "---|" : ""}`,
          );
          for (const c of kr.checkIns)
            out.push(
              `| ${c.week} | ${formatNumber(c.value)}${measured(c)} | ${c.confidence.replace("_", " ")} | ${c.note ? md(c.note) : ""}${met(c)} |`,
            );
          out.push("");
        }
      }
    }
  }
  return out.join("\n");
}
