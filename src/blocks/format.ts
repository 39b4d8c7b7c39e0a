// Small text helpers shared by the block builders. Everything a user typed goes through `esc`.
import { escapeMrkdwn, truncate } from "../domain/text";
import { formatNumber, formatPercent } from "../domain/progress";
import { describeTarget } from "../domain/targets";
import { CONFIDENCE_EMOJI, CONFIDENCE_LABELS, type Confidence } from "../domain/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import type { Absence } from "../domain/digest";
import type { CalendarDate } from "../domain/wallClock";

export const esc = escapeMrkdwn;
export { truncate };

/**
 * Truncates assembled mrkdwn to `max` characters without leaving half an entity ("&am…") or half
 * a <…> token (a mention or link) at the cut.
 */
export function fitMrkdwn(s: string, max: number): string {
  const cut = truncate(s, max);
  return cut === s ? s : cut.replace(/(&[a-z]*|<[^<>]*)…$/, "…");
}

/** User text escaped for mrkdwn and cut so that the escaped text is at most `max` characters. */
export function escFit(s: string, max: number): string {
  const escaped = esc(s);
  if (escaped.length <= max) return escaped;
  let out = "";
  for (const ch of s) {
    const e = esc(ch);
    if (out.length + e.length > max - 1) break;
    out += e;
  }
  return `${out}…`;
}

export function progressBar(fraction: number, width = 10): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return "▰".repeat(filled) + "▱".repeat(width - filled);
}

export function valueWithUnit(value: number, unit: string | null): string {
  return unit ? `${formatNumber(value)} ${esc(unit)}` : formatNumber(value);
}

export function confidenceLabel(c: Confidence | null | undefined): string {
  return c ? `${CONFIDENCE_EMOJI[c]} ${CONFIDENCE_LABELS[c]}` : "No confidence yet";
}

/** The latest value's confidence; for a value its source measured that nobody answered about, says so. */
export function latestLabel(kr: Pick<KeyResultStatus, "latest" | "sourceName">): string {
  if (kr.latest?.measured)
    return `:straight_ruler: measured by ${esc(kr.sourceName ?? "its source")} · confidence unknown`;
  return confidenceLabel(kr.latest?.confidence);
}

export function mention(slackUserId: string | null): string {
  return slackUserId ? `<@${slackUserId}>` : "_no owner_";
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "16 Dec" */
export function dayMonth(date: CalendarDate): string {
  return `${date.day} ${MONTHS[date.month - 1]}`;
}

/** "skipped this week", "away until 16 Dec", "away". */
export function absenceText(absence: Absence): string {
  if (absence.kind === "skipped") return "skipped this week";
  return absence.lastDay ? `away until ${dayMonth(absence.lastDay)}` : "away";
}

/** "▲ +2" or "▼ −1" (arrows follow the number; :white_check_mark:-style quality is separate). */
export function changeText(
  kr: Pick<KeyResultStatus, "change" | "changeQuality" | "unit"> & { absence?: Absence | null },
): string {
  if (kr.change === null) return kr.absence ? absenceText(kr.absence) : "no check-in this week";
  if (kr.change === 0) return "no change since last week";
  const arrow = kr.change > 0 ? "▲" : "▼";
  const sign = kr.change > 0 ? "+" : "−";
  const quality = (kr.changeQuality ?? 0) > 0 ? " (better)" : " (worse)";
  return `${arrow} ${sign}${formatNumber(Math.abs(kr.change))}${quality} since last week`;
}

/** One key result as mrkdwn: title, owner, bar, value, baseline → target, change, confidence. */
const SPARKS = "▁▂▃▄▅▆▇█";

/** Progress fractions (0..1) as a sparkline, one character per week, the latest `max` weeks. */
export function sparkline(values: readonly number[], max = 14): string {
  return values
    .slice(-max)
    .map((v) => SPARKS[Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (SPARKS.length - 1))])
    .join("");
}

/** Progress as a percentage, or "—" while there is nothing to score against yet. */
export function progressText(kr: Pick<KeyResultStatus, "progress" | "scored">): string {
  return kr.scored ? formatPercent(kr.progress) : "—";
}

/**
 * Where the key result goes: "60 → 85", "120 (baseline set by the first check-in) → 84 (-30%)",
 * or for a threshold "target < 60 · met · 3 of 4 weeks met".
 */
export function goalText(
  kr: Pick<
    KeyResultStatus,
    | "baseline"
    | "target"
    | "comparator"
    | "targetText"
    | "baselineFromCheckIn"
    | "checkIns"
    | "met"
    | "weeksMet"
    | "weeksCheckedIn"
  >,
): string {
  if (kr.comparator) {
    const met = kr.met === null ? "no check-in yet" : kr.met ? "met" : "*not met*";
    return `target ${esc(describeTarget(kr))} · ${met}${kr.weeksCheckedIn > 0 ? ` · ${kr.weeksMet} of ${kr.weeksCheckedIn} ${kr.weeksCheckedIn === 1 ? "week" : "weeks"} met` : ""}`;
  }
  const relative = kr.targetText ? ` (${esc(kr.targetText)})` : "";
  if (kr.baselineFromCheckIn && kr.checkIns.length === 0)
    return `baseline to be set by the first check-in → ${kr.targetText ? esc(kr.targetText) : formatNumber(kr.target)}`;
  const baseline = kr.baselineFromCheckIn
    ? `${formatNumber(kr.baseline)} (baseline set by the first check-in)`
    : formatNumber(kr.baseline);
  return `${baseline} → ${formatNumber(kr.target)}${relative}`;
}

export function keyResultLine(
  kr: KeyResultStatus & { absence?: Absence | null },
  opts: { showNote?: boolean; trend?: readonly number[] } = {},
): string {
  const lines = [
    `*${esc(kr.title)}* · ${mention(kr.ownerSlackId)}${kr.pending ? " · _proposed, not accepted yet_" : ""}`,
    `${progressBar(kr.progress)} ${progressText(kr)} · now ${kr.checkIns.length === 0 && !kr.scored ? "—" : valueWithUnit(kr.current, kr.unit)} (${goalText(kr)})`,
    `${opts.trend && opts.trend.length > 1 ? `\`${sparkline(opts.trend)}\` · ` : ""}${changeText(kr)} · ${latestLabel(kr)}`,
  ];
  if (kr.measuredBy) lines.push(`_Measured by: ${esc(kr.measuredBy)}_`);
  if (opts.showNote && kr.thisWeek?.note) lines.push(`> ${escFit(kr.thisWeek.note, 600).replace(/\n/g, "\n> ")}`);
  // Evidence URLs were checked on input (http(s), no "|", "<" or ">"), so the link cannot be disguised.
  if (opts.showNote && kr.thisWeek?.evidenceUrl) lines.push(`:link: <${kr.thisWeek.evidenceUrl}|evidence>`);
  return lines.join("\n");
}

/** One key result in two short lines: title and owner, then bar, value and confidence. */
export function keyResultSummary(kr: KeyResultStatus): string {
  return `*${escFit(kr.title, 600)}*\n${progressBar(kr.progress)} ${progressText(kr)} · now ${kr.checkIns.length === 0 && !kr.scored ? "—" : valueWithUnit(kr.current, kr.unit)} · ${latestLabel(kr)}`;
}
