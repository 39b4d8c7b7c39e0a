import type { Digest } from "../domain/digest";
import { svgToPng } from "./png";
import { progressChartSvg } from "./progressChart";

/** The guides want 3–5 objectives per team; a team with more gets charts for its first five. */
export const MAX_CHARTS = 5;

export type ChartFile = { objectiveId: number; filename: string; title: string; bytes: Buffer };

/** The objectives that get a chart: those with key results, at most MAX_CHARTS. */
export function chartedObjectives(digest: Digest): Digest["objectives"] {
  return digest.objectives.filter((o) => o.keyResults.length > 0).slice(0, MAX_CHARTS);
}

/** One PNG per charted objective: its key results' progress week by week this cycle. */
export function digestCharts(digest: Digest): ChartFile[] {
  return chartedObjectives(digest).map((o) => {
    const title = `${digest.teamName} · ${o.title} · ${digest.cycleKey}`;
    const subtitle = `${digest.teamName} · ${digest.cycleKey}`;
    const svg = progressChartSvg({
      title: o.title,
      subtitle,
      weeks: digest.cycleWeeks,
      series: o.keyResults.map((kr) => ({
        label: kr.comparator ? `${kr.title} (share of weeks met)` : kr.title,
        values: kr.trend,
      })),
    });
    return {
      objectiveId: o.id,
      filename: `okr-progress-${digest.week}-objective-${o.id}.png`,
      title,
      bytes: svgToPng(svg),
    };
  });
}

/** Whether this week of the cycle gets charts: every `everyWeeks` weeks, never with 0. */
export function isChartWeek(digest: Pick<Digest, "weekOfCycle">, everyWeeks: number): boolean {
  return everyWeeks > 0 && digest.weekOfCycle.week % everyWeeks === 0;
}
