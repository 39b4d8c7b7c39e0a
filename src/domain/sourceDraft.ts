// Where a key result's value is measured, as written in the `/okr edit` modal: the operator's source
// picked by name and the one field its kind reads. Checked here into what is stored, or field problems.
import { type KeyResultSource, keyResultSourceProblem, keyResultSourceSchema, type SourceKind } from "./sources";

/** The field a key result gives a source of this kind. */
export type SourceField = "query" | "pointer" | "column";

export function sourceFieldOf(kind: SourceKind): SourceField {
  return kind === "http-json" ? "pointer" : kind === "csv" ? "column" : "query";
}

/**
 * What the modal holds, as typed: `name` null is "typed by its owner". A field is undefined when
 * the modal does not show it (it shows only the one the source's kind reads).
 */
export type SourceDraft = {
  name: string | null;
  query?: string;
  pointer?: string;
  /** Query parameters as typed, `region=eu&env=prod` (http-json). */
  params?: string;
  column?: string;
  row?: string;
  auto: boolean;
};

export type SourceDraftField = "name" | "query" | "pointer" | "params" | "column" | "row" | "auto";
export type SourceDraftProblem = { field: SourceDraftField; message: string };

/** A source people may pick: `usable` false when the sources file declares it but it cannot be read here. */
export type SourceChoice = { name: string; kind: SourceKind | undefined; usable: boolean };

/** What "Try it" read with the fields as typed. */
export type TryResult = { ok: true; value: number; unit: string | null } | { ok: false; error: string };

/** What is stored: the source (null: typed by its owner) and whether its value is stored without an answer. */
export type MeasuredBy = { source: KeyResultSource | null; auto: boolean };

export type SourceDraftCheck = { ok: true; value: MeasuredBy } | { ok: false; problems: SourceDraftProblem[] };

/** The modal's fields for a stored source. */
export function sourceDraftOf(measured: MeasuredBy): SourceDraft {
  const s = measured.source;
  if (!s) return { name: null, auto: measured.auto };
  return {
    name: s.name,
    auto: measured.auto,
    ...(s.query !== undefined ? { query: s.query } : {}),
    ...(s.pointer !== undefined ? { pointer: s.pointer, params: paramsText(s.params) } : {}),
    ...(s.column !== undefined ? { column: s.column, row: s.row === undefined ? "" : String(s.row) } : {}),
  };
}

export function paramsText(params: Record<string, string> | undefined): string {
  return params ? new URLSearchParams(params).toString() : "";
}

function parseParams(text: string): Record<string, string> | undefined | null {
  const trimmed = text.trim().replace(/^\?/, "");
  if (trimmed === "") return undefined;
  const out: Record<string, string> = {};
  for (const pair of trimmed.split("&")) {
    const at = pair.indexOf("=");
    if (at <= 0) return null;
    try {
      const [key, value] = [pair.slice(0, at), pair.slice(at + 1)].map((p) =>
        decodeURIComponent(p.replace(/\+/g, " ")),
      );
      out[key!.trim()] = value!.trim();
    } catch {
      return null; // a lone % is not an escape
    }
  }
  return out;
}

/**
 * Checks the modal's source fields against the operator's sources (`kindOf`, undefined for a name
 * the sources file does not declare). `stored` is the key result's source today: its tolerance is
 * kept, and a source no longer in the file may stay as it is (editing the title must not need it).
 */
export function checkSourceDraft(
  draft: SourceDraft,
  kindOf: (name: string) => SourceKind | undefined,
  known: readonly string[],
  stored: KeyResultSource | null,
): SourceDraftCheck {
  if (draft.name === null) {
    return draft.auto
      ? { ok: false, problems: [{ field: "auto", message: "Pick where it is measured first: nothing to read." }] }
      : { ok: true, value: { source: null, auto: false } };
  }
  const name = draft.name;
  const kind = kindOf(name);
  const problems: SourceDraftProblem[] = [];
  const field: SourceField | undefined = kind
    ? sourceFieldOf(kind)
    : (["query", "pointer", "column"] as const).find((f) => draft[f] !== undefined);
  const typed = field === undefined ? undefined : draft[field]?.trim();
  if (field !== undefined && draft[field] !== undefined && typed === "")
    problems.push({ field, message: emptyFieldMessage(field, name) });

  let params: Record<string, string> | undefined;
  if (field === "pointer" && draft.params !== undefined) {
    const parsed = parseParams(draft.params);
    if (parsed === null)
      problems.push({ field: "params", message: "Write them as name=value, joined by &: region=eu&env=prod" });
    else params = parsed;
  }
  let row: number | undefined;
  if (field === "column" && draft.row !== undefined && draft.row.trim() !== "") {
    row = /^\d+$/.test(draft.row.trim()) ? Number(draft.row.trim()) : Number.NaN;
    if (!(row >= 1)) problems.push({ field: "row", message: "A row number counted from 1 after the header row." });
  }
  if (problems.length > 0) return { ok: false, problems };

  const candidate = {
    name,
    ...(field !== undefined && typed ? { [field]: typed } : {}),
    ...(params ? { params } : {}),
    ...(row !== undefined ? { row } : {}),
    ...(stored?.tolerance !== undefined ? { tolerance: stored.tolerance } : {}),
  };
  const parsed = keyResultSourceSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path[0];
    const onField = typeof at === "string" && at !== "tolerance" && at in draft ? (at as SourceDraftField) : "name";
    return {
      ok: false,
      problems: [{ field: onField, message: onField === "name" ? wrongField(name, kind) : issue.message }],
    };
  }
  const source = parsed.data;
  if (kind === undefined) {
    // A source the file no longer declares (or never did) may only stay exactly as it was.
    if (stored && JSON.stringify(stored) === JSON.stringify(source))
      return { ok: true, value: { source, auto: draft.auto } };
    return {
      ok: false,
      problems: [
        {
          field: "name",
          message:
            known.length === 0
              ? `"${name}" is not a configured source: the sources file declares none.`
              : `"${name}" is not a configured source. Pick one of: ${known.join(", ")}.`,
        },
      ],
    };
  }
  const problem = keyResultSourceProblem(kind, source);
  if (problem) return { ok: false, problems: [{ field: "name", message: wrongField(name, kind) }] };
  return { ok: true, value: { source, auto: draft.auto } };
}

function emptyFieldMessage(field: SourceField, name: string): string {
  if (field === "query") return `Enter the query ${name} runs: it should return one number.`;
  if (field === "pointer") return "Enter the JSON pointer to the number, such as /data/uptime.";
  return "Enter the name of the column that holds the number.";
}

/** The modal shows the field of another kind (it was not updated after the pick): say which one this one needs. */
function wrongField(name: string, kind: SourceKind | undefined): string {
  if (kind === undefined) return `"${name}" is not a configured source.`;
  const want = sourceFieldOf(kind);
  const what = want === "query" ? "a query" : want === "pointer" ? "a JSON pointer" : "a column";
  return `${name} is a ${kind} source: it needs ${what}. Pick it again to show that field.`;
}

/** The edits to record (one per field, as for the other fields of a key result): its source, its auto. */
export function measuredChanges(
  before: MeasuredBy,
  after: MeasuredBy,
): Array<[field: "source" | "auto", before: string | null, after: string | null]> {
  const describe = (s: KeyResultSource | null) => (s ? JSON.stringify(s) : null);
  const out: Array<["source" | "auto", string | null, string | null]> = [];
  if (describe(before.source) !== describe(after.source))
    out.push(["source", describe(before.source), describe(after.source)]);
  if (before.auto !== after.auto) out.push(["auto", String(before.auto), String(after.auto)]);
  return out;
}
