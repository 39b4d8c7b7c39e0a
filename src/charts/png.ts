// SVG → PNG with resvg (Rust, prebuilt for each platform on npm: nothing is downloaded at install).
// Text uses the system's fonts (the Docker image installs DejaVu); without any, lines still render.
import { Resvg } from "@resvg/resvg-js";

export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, background: "#ffffff" })
    .render()
    .asPng();
}
