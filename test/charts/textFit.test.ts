import { Resvg } from "@resvg/resvg-js";
import { fitText, textWidth } from "../../src/charts/textFit";
import { CHART_SIZE, PACE_LABEL, progressChartSvg } from "../../src/charts/progressChart";

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The width resvg lays `text` out at, with the system's fonts, as the charts are rendered. */
function renderedWidth(text: string, size: number, bold: boolean): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100" font-family="${FONT}"><text x="0" y="50" font-size="${size}"${bold ? ' font-weight="bold"' : ""}>${xml(text)}</text></svg>`;
  const box = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).getBBox();
  if (!box)
    throw new Error(`resvg found no font to lay out ${JSON.stringify(text)}: install DejaVu Sans (fonts-dejavu-core)`);
  return box.x + box.width;
}

const texts = [
  "Make the platform reliable enough that customers never notice an outage during peak season and beyond",
  "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
  "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm",
  "ALL CAPS OBJECTIVE TITLES ARE MORE COMMON THAN YOU WOULD THINK IN OKR SPREADSHEETS",
  "p75 LCP on /checkout < 2.5s (RUM, 28-day window) — measured by Real User Monitoring, 100% of sessions",
  "信頼性を高めて顧客が障害に気づかないようにする信頼性を高めて顧客が障害に気づかないようにする",
  "Ship it 🚀🚀🚀 and make 👩‍👩‍👧‍👦 happy 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
];

describe("fitText", () => {
  it.each(
    texts.flatMap(
      (t) =>
        [
          [t, 22, true],
          [t, 15, false],
        ] as const,
    ),
  )("%s at %dpx (bold %s) fits the room resvg gives it", (text, size, bold) => {
    const room = 600;
    const fitted = fitText(text, size, room);
    expect(fitted.length).toBeGreaterThan(0);
    expect(renderedWidth(fitted, size, bold)).toBeLessThanOrEqual(room);
  });

  it("keeps a text that fits and is not wasteful with one that does not", () => {
    expect(fitText("Reliable checkout", 22, 600)).toBe("Reliable checkout");
    const fitted = fitText(texts[0]!, 22, 600);
    expect(fitted.endsWith("…")).toBe(true);
    expect(renderedWidth(fitted, 22, true)).toBeGreaterThan(600 * 0.7);
    expect(textWidth("", 22)).toBe(0);
  });
});

describe("progress chart layout", () => {
  const chart = (title: string) =>
    progressChartSvg({
      title,
      subtitle: "Platform · 2026-Q4",
      weeks: Array.from({ length: 13 }, (_, i) => `2026-W${40 + i}`),
      series: [{ label: "p75 LCP on /checkout", values: [0, 0.2, 0.4] }],
    });

  it("puts the steady pace in the legend, below the plot, not on the title's line", () => {
    const svg = chart(texts[3]!);
    const titleY = Number(/<text x="20" y="(\d+)"[^>]*font-weight="bold"/.exec(svg)![1]);
    const paceY = Number(new RegExp(`y="([\\d.]+)"[^>]*>${PACE_LABEL}<`).exec(svg)![1]);
    expect(paceY).toBeGreaterThan(titleY + 300);
    expect(paceY).toBeLessThan(CHART_SIZE.height);
  });

  it.each(texts)("draws the title %s within the image", (title) => {
    const drawn = /font-weight="bold" fill="#222">([^<]*)</
      .exec(chart(title))![1]!
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<");
    expect(20 + renderedWidth(drawn, 22, true)).toBeLessThanOrEqual(CHART_SIZE.width - 20);
  });
});
