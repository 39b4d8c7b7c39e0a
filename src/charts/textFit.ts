// Chart text must fit its space without a font at hand to measure it: a conservative per-character width
// estimate (in em, at least DejaVu Sans Bold's advance widths, the widest of the fonts the chart names)
// cut to whole graphemes. test/charts/textFit.test.ts checks the estimate against resvg's own layout.
import { truncate } from "../domain/text";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

function emWidth(grapheme: string): number {
  const c = grapheme.codePointAt(0)!;
  if (c > 0x2e7f) return 1.05; // CJK, emoji and other wide scripts
  if (/[ il.,:;'|!()[\]{}`]/.test(grapheme)) return 0.45;
  if (/[jtfr"\-/\\]/.test(grapheme)) return 0.55;
  if (/[mwMW@%]/.test(grapheme)) return 1.12;
  if (/[A-Z]/.test(grapheme)) return 0.86;
  return 0.74;
}

/** The estimated width of `text` in pixels at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const { segment } of graphemes.segment(text)) em += emWidth(segment);
  return em * fontSize;
}

/** `text` as is when it fits in `maxWidth` pixels, else cut with "…" so that it does. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const all = [...graphemes.segment(text)].length;
  for (let keep = all - 1; keep > 0; keep--) {
    const cut = truncate(text, keep);
    if (textWidth(cut, fontSize) <= maxWidth) return cut;
  }
  return "";
}
