// A cell of a CSV file (a path or a URL), by column name and data row (default: the last row).
import fs from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { ResolvedSource } from "../config";
import { numberInCsv } from "../domain/sources";
import { getCapped, tooLarge } from "./httpBody";
import { SourceReadError } from "./limits";

export async function readCsv(
  source: ResolvedSource,
  column: string,
  row: number | undefined,
  signal: AbortSignal,
): Promise<number> {
  const text =
    source.path !== undefined
      ? await readFileCapped(source.path, source.maxBytes, signal)
      : await getCapped(source.url!, source.headers, source.maxBytes, signal);
  let rows: Record<string, unknown>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new SourceReadError(`the file is not valid CSV (${(err as { code?: string }).code ?? "parse error"})`);
  }
  const parsed = numberInCsv(rows, column, row);
  if (!parsed.ok) throw new SourceReadError(parsed.reason);
  return parsed.value;
}

async function readFileCapped(file: string, maxBytes: number, signal: AbortSignal): Promise<string> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new SourceReadError(
      err.code === "ENOENT" ? "the file does not exist" : `the file cannot be read (${err.code})`,
    );
  });
  if (stat.size > maxBytes) throw tooLarge(maxBytes);
  return fs.readFile(file, { encoding: "utf8", signal });
}
