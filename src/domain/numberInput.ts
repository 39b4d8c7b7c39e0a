/**
 * Reads a number as people type it into a form: "42", "-3.5", "97.5%", "1,234.5", " 12 ".
 * Returns null for anything else (including "", "12abc", "1e999").
 */
export function parseNumberInput(raw: string): number | null {
  const s = raw
    .trim()
    .replace(/%$/, "")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
