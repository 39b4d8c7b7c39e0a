// One objective's key results over the quarter as an SVG line chart: progress (0–100%) per week,
// one line per key result, and a dashed line for the steady pace that would reach 100% at the end.
// Pure, so it is tested without rendering; src/charts/png.ts turns it into a PNG.
import { fitText } from "./textFit";

export type ProgressChartData = {
  /** The objective, in bold on the first line. */
  title: string;
  /** Smaller, under the title: the team and the cycle. */
  subtitle: string;
  /** Every week of the cycle, e.g. ["2026-W40", …, "2026-W53"]. */
  weeks: string[];
  /** Progress 0..1 per week so far (shorter than `weeks` until the cycle ends); NaN where there was nothing to score. */
  series: Array<{ label: string; values: number[] }>;
};

export const CHART_SIZE = { width: 960, height: 540 } as const;
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const TITLE_SIZE = 22;
const LEGEND_SIZE = 15;
export const PACE_LABEL = "steady pace to 100%";
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function progressChartSvg(data: ProgressChartData): string {
  const { width, height } = CHART_SIZE;
  const legendRows = Math.min(data.series.length, 8);
  // Legend under the plot: the steady pace first, then one row per key result.
  const plot = { left: 70, right: width - 30, top: 76, bottom: height - 50 - (legendRows + 1) * 22 };
  const textRoom = width - 30 - 20;
  const steps = Math.max(1, data.weeks.length - 1);
  const x = (i: number) => plot.left + ((plot.right - plot.left) * i) / steps;
  const y = (v: number) =>
    plot.bottom - (plot.bottom - plot.top) * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="32" font-size="${TITLE_SIZE}" font-weight="bold" fill="#222">${xml(fitText(data.title, TITLE_SIZE, textRoom))}</text>`,
    `<text x="20" y="56" font-size="15" fill="#555">${xml(fitText(data.subtitle, 15, textRoom))}</text>`,
  ];
  const legendY = (row: number) => plot.bottom + 48 + row * 22;
  const legendTextX = plot.left + 40;
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e0e0e0" stroke-width="1"/>`,
      `<text x="${plot.left - 10}" y="${y(tick) + 5}" font-size="14" text-anchor="end" fill="#555">${tick * 100}%</text>`,
    );
  }
  data.weeks.forEach((week, i) => {
    if (data.weeks.length > 8 && i % 2 === 1 && i !== data.weeks.length - 1) return;
    parts.push(
      `<text x="${x(i)}" y="${plot.bottom + 22}" font-size="13" text-anchor="middle" fill="#555">${xml(week.slice(-3))}</text>`,
    );
  });
  parts.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(steps)}" y2="${y(1)}" stroke="#999" stroke-width="2" stroke-dasharray="8 6"/>`,
    `<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="#999"/>`,
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#999"/>`,
  );
  data.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    // A week with nothing to score yet (NaN: no baseline, or a threshold not checked in on) has no point.
    const points = s.values.flatMap((v, i) => (Number.isFinite(v) ? [`${x(i).toFixed(1)},${y(v).toFixed(1)}`] : []));
    if (points.length > 1)
      parts.push(
        `<polyline points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="3" stroke-linejoin="round"/>`,
      );
    const last = s.values.length - 1;
    if (last >= 0 && Number.isFinite(s.values[last]!))
      parts.push(`<circle cx="${x(last).toFixed(1)}" cy="${y(s.values[last]!).toFixed(1)}" r="5" fill="${color}"/>`);
    if (k < legendRows) {
      const ly = legendY(k + 1);
      const label =
        k === legendRows - 1 && data.series.length > legendRows
          ? `…and ${data.series.length - legendRows + 1} more`
          : s.label;
      parts.push(
        `<line x1="${plot.left}" x2="${plot.left + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="3"/>`,
        `<text x="${legendTextX}" y="${ly + 1}" font-size="${LEGEND_SIZE}" fill="#222">${xml(fitText(label, LEGEND_SIZE, width - 20 - legendTextX))}</text>`,
      );
    }
  });
  parts.push(
    `<line x1="${plot.left}" x2="${plot.left + 28}" y1="${legendY(0) - 4}" y2="${legendY(0) - 4}" stroke="#999" stroke-width="2" stroke-dasharray="8 6"/>`,
    `<text x="${legendTextX}" y="${legendY(0) + 1}" font-size="${LEGEND_SIZE}" fill="#555">${PACE_LABEL}</text>`,
    `</svg>`,
  );
  return parts.join("\n");
}
