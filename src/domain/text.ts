/**
 * Makes user text inert in Slack mrkdwn: only &, < and > are special to Slack, and
 * escaping them disarms <!channel>, <!here>, <@U123> mentions and <http://x|label> links.
 * Escape after truncating, so a cut never splits an entity like "&amp;".
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

/**
 * Shortens s to at most `max` code points (the ellipsis counts as one), ending with "…"
 * when cut (trailing whitespace before it is dropped). Cuts only between grapheme clusters, so emoji — including ZWJ sequences,
 * flags and skin tones — are never split; the result may therefore be shorter than max.
 */
export function truncate(s: string, max: number): string {
  if (Number.isNaN(max)) throw new RangeError("truncate: max must be a number");
  const limit = Math.floor(max);
  if (codePointLength(s) <= limit) return s;
  if (limit < 1) return "";

  let kept = "";
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const size = codePointLength(segment);
    if (used + size > limit - 1) break;
    kept += segment;
    used += size;
  }
  return kept.trimEnd() + ELLIPSIS;
}

/** "1 key result", "3 key results". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
