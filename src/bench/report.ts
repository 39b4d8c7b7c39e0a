// Benchmark figures: each with its unit and, where the issue sets one, the target it is read against.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Figure = { name: string; value: number; unit: string; target?: string; note?: string };

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.name, `${f.value} ${f.unit}`, f.target ?? "", f.note ?? ""]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...[["figure", "value", "target", "note"][i]!, ...rows.map((r) => r[i]!)].map((c) => c.length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(["figure", "value", "target", "note"]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join(
    "\n",
  );
}

/** `skipped`: sections that could not run on this machine, and why; `tables`: side-by-side tables, as printed. */
export function writeResults(
  file: string,
  figures: readonly Figure[],
  mode: string,
  skipped: string[] = [],
  tables: string[] = [],
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const results = { measuredAt: new Date().toISOString(), mode, machine: machine(), figures, skipped, tables };
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
