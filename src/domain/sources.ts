// The operator's sources file (where measured values come from) and the pure parsing of what a
// source answers: a Prometheus instant query, a JSON pointer, a CSV cell. No I/O, no environment.
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import {
  type FileProblem,
  formatPath,
  type KeyResultSource,
  keyResultSourceSchema,
  sourceName,
  yamlLineOf,
} from "./okrFile";
import { parseNumberInput } from "./numberInput";

export { keyResultSourceSchema };

export const SOURCE_KINDS = ["prometheus", "sql", "http-json", "csv"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A value written in the file, or `{ env: NAME }`: read from the environment at start, never stored. */
const envRef = z.strictObject({
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "should be the name of an environment variable" }),
});
export type EnvRef = z.infer<typeof envRef>;
const valueOrEnv = z.union([z.string().min(1), envRef], {
  error: "should be a value or { env: NAME } (the name of an environment variable holding it)",
});
export type ValueOrEnv = z.infer<typeof valueOrEnv>;

const httpUrl = z
  .string({ error: "should be an http:// or https:// URL" })
  .regex(/^https?:\/\/[^\s]+$/, { error: "should be an http:// or https:// URL" });
const headers = z.record(z.string().regex(/^[A-Za-z0-9-]+$/, { error: "should be an HTTP header name" }), valueOrEnv, {
  error: "should be a map of header names to values or { env: NAME }",
});

const limits = {
  /** Default 5 s. */
  timeout_seconds: z.number({ error: "should be a number of seconds" }).positive().max(300).optional(),
  /** The largest answer read; default 1 MB. */
  max_bytes: z.number({ error: "should be a number of bytes" }).int().positive().optional(),
  /** Reads of this source at the same time; default 4. */
  concurrency: z.number({ error: "should be a whole number" }).int().min(1).max(64).optional(),
  /** Retries of a transient failure (refused connection, 502/503/504); default 2. */
  retries: z.number({ error: "should be a whole number" }).int().min(0).max(5).optional(),
};

const name = sourceName;

const prometheusSource = z.strictObject({
  name,
  kind: z.literal("prometheus"),
  url: httpUrl,
  headers: headers.optional(),
  ...limits,
});
const sqlSource = z.strictObject({
  name,
  kind: z.literal("sql"),
  url: z.union(
    [
      z.string().regex(/^(postgres(ql)?|mysql|mariadb):\/\/|^file:/, {
        error: "should be postgresql://…, mysql://…, mariadb://… or file:path/to.db",
      }),
      envRef,
    ],
    { error: "should be postgresql://…, mysql://… or file:… (best as { env: NAME }: it holds a password)" },
  ),
  ...limits,
});
const httpJsonSource = z.strictObject({
  name,
  kind: z.literal("http-json"),
  url: httpUrl,
  headers: headers.optional(),
  /** Key results may add query parameters to the URL only when this is true. */
  allow_params: z.boolean({ error: "should be true or false" }).optional(),
  ...limits,
});
const csvSource = z
  .strictObject({
    name,
    kind: z.literal("csv"),
    path: z.string({ error: "should be a file path" }).min(1).optional(),
    url: httpUrl.optional(),
    headers: headers.optional(),
    ...limits,
  })
  .refine((s) => (s.path === undefined) !== (s.url === undefined), {
    error: "should have either path: (a file) or url: (over HTTP), one of them",
  });

const sourceSchema = z.discriminatedUnion("kind", [prometheusSource, sqlSource, httpJsonSource, csvSource], {
  error: `kind should be one of ${SOURCE_KINDS.join(", ")}`,
});
export type SourceEntry = z.infer<typeof sourceSchema>;

export type SourceProblem = FileProblem & { source?: string };
export type SourcesFileResult = { sources: SourceEntry[]; problems: SourceProblem[] };

/**
 * Parses the sources file entry by entry: a bad entry is reported (by its path, line and name) and
 * left out, the others are usable.
 */
export function parseSourcesFile(text: string): SourcesFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    return {
      sources: [],
      problems: doc.errors.map((e) => ({
        path: "",
        line: e.linePos?.[0]?.line,
        message: e.message.split("\n")[0] ?? "invalid YAML",
      })),
    };
  }
  const lineOf = yamlLineOf(doc, lineCounter);
  const root = doc.contents;
  const list = isMap(root) ? root.get("sources", true) : undefined;
  if (!isMap(root) || !isSeq(list)) {
    return { sources: [], problems: [{ path: "sources", line: lineOf([]), message: "should be a list of sources" }] };
  }
  const extra = root.items.map((p) => String((p.key as { value?: unknown }).value)).filter((k) => k !== "sources");
  const problems: SourceProblem[] = extra.map((k) => ({ path: k, line: lineOf([k]), message: "is not a setting" }));
  const sources: SourceEntry[] = [];
  const seen = new Set<string>();
  let entries: unknown[];
  try {
    entries = (doc.toJS({ maxAliasCount: 50 }) as { sources: unknown[] }).sources;
  } catch (err) {
    return { sources: [], problems: [{ path: "", message: `not a usable YAML document: ${(err as Error).message}` }] };
  }
  entries.forEach((data, i) => {
    const entryName = (data as { name?: unknown } | null)?.name;
    const label = typeof entryName === "string" ? entryName : undefined;
    const parsed = sourceSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const p = ["sources", i, ...issue.path];
        problems.push({ path: formatPath(p), line: lineOf(p), source: label, message: issue.message });
      }
      return;
    }
    if (seen.has(parsed.data.name)) {
      const p = ["sources", i, "name"];
      problems.push({ path: formatPath(p), line: lineOf(p), source: label, message: `"${label}" appears twice` });
      return;
    }
    seen.add(parsed.data.name);
    sources.push(parsed.data);
  });
  return { sources, problems };
}

/** `sources[1].url (warehouse), line 7: should be …` */
export function describeSourceProblem(p: SourceProblem, file?: string): string {
  const where = `${file ? `${file}${p.line ? `:${p.line}` : ""}: ` : p.line ? `line ${p.line}: ` : ""}`;
  return `${where}${p.path}${p.source ? ` (${p.source})` : ""}: ${p.message}`;
}

export type { KeyResultSource } from "./okrFile";

/** What a key result reads, as stored (`KeyResult.sourceSpec`): the source's fields but its name, in a fixed order. */
export function sourceSpecJson(s: KeyResultSource): string {
  const { name: _name, query, pointer, params, column, row, tolerance } = s;
  return JSON.stringify({ query, pointer, params, column, row, tolerance });
}

/** A stored source back as in the OKR file; null when there is none (or it cannot be read). */
export function storedKeyResultSource(name: string | null, spec: string | null): KeyResultSource | null {
  if (name === null || spec === null) return null;
  try {
    const parsed = keyResultSourceSchema.safeParse({ name, ...(JSON.parse(spec) as object) });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Which field a key result uses for a source of this kind, or a problem. */
export function keyResultSourceProblem(kind: SourceKind, s: KeyResultSource): string | null {
  const want = kind === "http-json" ? "pointer" : kind === "csv" ? "column" : "query";
  if (s[want] === undefined) return `${s.name} is a ${kind} source: give it ${want}:`;
  if (s.row !== undefined && kind !== "csv") return "row: is only for csv sources";
  if (s.params !== undefined && kind !== "http-json") return "params: is only for http-json sources";
  return null;
}

// ---- what sources answer ------------------------------------------------------------------------

export type Parsed = { ok: true; value: number } | { ok: false; reason: string };
const notANumber = (what: string): Parsed => ({ ok: false, reason: `${what} is not a number` });

function toNumber(v: unknown, what: string): Parsed {
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : notANumber(what);
  if (typeof v === "bigint") return { ok: true, value: Number(v) };
  if (typeof v === "string") {
    const n = parseNumberInput(v) ?? (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(v.trim()) ? Number(v) : null);
    return n !== null && Number.isFinite(n) ? { ok: true, value: n } : notANumber(what);
  }
  if (v === null || v === undefined) return { ok: false, reason: `${what} is empty` };
  return notANumber(what);
}

/** One number from the body of Prometheus' `/api/v1/query`: a scalar, or a vector of exactly one sample. */
export function parsePrometheusAnswer(body: unknown): Parsed {
  const b = body as {
    status?: string;
    error?: string;
    data?: { resultType?: string; result?: unknown };
  } | null;
  if (b?.status !== "success") return { ok: false, reason: `Prometheus refused the query: ${b?.error ?? "no reason"}` };
  const { resultType, result } = b.data ?? {};
  if (resultType === "scalar") return toNumber((result as [number, string])?.[1], "the answer");
  if (resultType === "vector" && Array.isArray(result)) {
    if (result.length === 0) return { ok: false, reason: "the query returned no data" };
    if (result.length > 1)
      return {
        ok: false,
        reason: `the query returned ${result.length} series: aggregate them to one, e.g. with sum()`,
      };
    return toNumber((result[0] as { value?: [number, string] }).value?.[1], "the answer");
  }
  return { ok: false, reason: `the query returned a ${resultType ?? "strange answer"}, not a single number` };
}

/** RFC 6901: "/a/b~1c/0" → ["a", "b/c", "0"]; null when it is not a pointer. */
export function parseJsonPointer(pointer: string): string[] | null {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return null;
  const tokens = pointer.slice(1).split("/");
  if (tokens.some((t) => /~[^01]|~$/.test(t))) return null;
  return tokens.map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function numberAtPointer(doc: unknown, pointer: string): Parsed {
  const tokens = parseJsonPointer(pointer);
  if (tokens === null) return { ok: false, reason: `${pointer} is not a JSON pointer` };
  let node: unknown = doc;
  for (const t of tokens) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(t) && Number(t) < node.length) node = node[Number(t)];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, t))
      node = (node as Record<string, unknown>)[t];
    else return { ok: false, reason: `nothing at ${pointer}` };
  }
  return toNumber(node, `the value at ${pointer}`);
}

/** `rows` as csv-parse gives them with a header row (`columns: true`); `row` counted from 1, default the last. */
export function numberInCsv(rows: Record<string, unknown>[], column: string, row?: number): Parsed {
  if (rows.length === 0) return { ok: false, reason: "the file has no data rows" };
  if (!Object.hasOwn(rows[0]!, column)) return { ok: false, reason: `no column "${column}"` };
  const index = row === undefined ? rows.length - 1 : row - 1;
  if (index >= rows.length) return { ok: false, reason: `no row ${row} (the file has ${rows.length})` };
  return toNumber(rows[index]![column], `"${column}" in row ${index + 1}`);
}

/** The first column of the first row a SQL query returned. */
export function numberInSqlRows(rows: unknown[]): Parsed {
  const first = rows[0];
  if (first === undefined) return { ok: false, reason: "the query returned no rows" };
  const values = Array.isArray(first) ? first : Object.values(first as object);
  if (values.length === 0) return { ok: false, reason: "the query returned no columns" };
  return toNumber(values[0], "the query's answer");
}
