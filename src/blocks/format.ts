// Small text helpers shared by the block builders. Everything a user typed goes through `esc`.
import { escapeMrkdwn, truncate } from "../domain/text";
import { formatNumber, formatPercent } from "../domain/progress";
import { CONFIDENCE_EMOJI, CONFIDENCE_LABELS, type Confidence } from "../domain/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";

export const esc = escapeMrkdwn;
export { truncate };

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

export function mention(slackUserId: string | null): string {
  return slackUserId ? `<@${slackUserId}>` : "_no owner_";
}

/** "▲ +2" or "▼ −1" (arrows follow the number; :white_check_mark:-style quality is separate). */
export function changeText(kr: Pick<KeyResultStatus, "change" | "changeQuality" | "unit">): string {
  if (kr.change === null) return "no check-in this week";
  if (kr.change === 0) return "no change since last week";
  const arrow = kr.change > 0 ? "▲" : "▼";
  const sign = kr.change > 0 ? "+" : "−";
  const quality = (kr.changeQuality ?? 0) > 0 ? " (better)" : " (worse)";
  return `${arrow} ${sign}${formatNumber(Math.abs(kr.change))}${quality} since last week`;
}

/** One key result as mrkdwn: title, owner, bar, value, baseline → target, change, confidence. */
export function keyResultLine(kr: KeyResultStatus, opts: { showNote?: boolean } = {}): string {
  const lines = [
    `*${esc(kr.title)}* · ${mention(kr.ownerSlackId)}`,
    `${progressBar(kr.progress)} ${formatPercent(kr.progress)} · now ${valueWithUnit(kr.current, kr.unit)} (${formatNumber(kr.baseline)} → ${formatNumber(kr.target)})`,
    `${changeText(kr)} · ${confidenceLabel(kr.latest?.confidence)}`,
  ];
  if (kr.measuredBy) lines.push(`_Measured by: ${esc(kr.measuredBy)}_`);
  if (opts.showNote && kr.thisWeek?.note) lines.push(`> ${esc(truncate(kr.thisWeek.note, 600)).replace(/\n/g, "\n> ")}`);
  // Evidence URLs were checked on input (http(s), no "|", "<" or ">"), so the link cannot be disguised.
  if (opts.showNote && kr.thisWeek?.evidenceUrl) lines.push(`:link: <${kr.thisWeek.evidenceUrl}|evidence>`);
  return lines.join("\n");
}
