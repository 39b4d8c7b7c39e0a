// "OKRs as code": the YAML file format, its validation and its serialisation. Pure: no I/O.
import { type Document, isMap, isSeq, LineCounter, parseDocument, stringify } from "yaml";
import { z } from "zod";
import { CADENCES } from "./periods";
import { isCycleKey, isValidTimeZone } from "./time";
import { parseTarget } from "./targets";
import { DIRECTIONS, WEEKDAYS } from "./types";

const pattern = (re: RegExp, error: string) => z.string({ error }).regex(re, { error });
const slackUser = pattern(/^[UW][A-Z0-9]{2,}$/, "should be a Slack user id such as U0123ABCD");
const slackChannel = pattern(/^[CG][A-Z0-9]{2,}$/, "should be a Slack channel id such as C0123ABCD (not its #name)");
const clockTime = pattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'should be a 24-hour time such as "09:00" (quoted)');
const text = (what: string, max: number) =>
  z
    .string({ error: `should be ${what}` })
    .trim()
    .min(1, { error: "should not be empty" })
    .max(max, { error: `should be at most ${max} characters` });
const finite = (what: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : `should be a number: ${what}`) });

const schedule = z.strictObject({
  day: z.enum(WEEKDAYS, { error: `should be a weekday: ${WEEKDAYS.join(", ")}` }),
  time: clockTime,
});

const checkinSchedule = schedule.extend({
  cadence: z.enum(CADENCES, { error: `should be ${CADENCES.join(" or ")}` }).optional(),
  /** How late a prompt missed while the bot was down may still go out; default: the same day. */
  grace_minutes: z
    .number({ error: "should be a number of minutes" })
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .optional(),
});

const digestSchedule = z.strictObject({
  day: schedule.shape.day.optional(),
  time: clockTime.optional(),
  /** A progress chart in the digest's thread every this many weeks of the cycle; 0 = never. */
  chart_every_weeks: z.number({ error: "should be a number of weeks (0 = never)" }).int().min(0).max(14).optional(),
});

const retro = z.strictObject({
  /** Owners are asked for their retro answers this many days before the cycle ends. */
  opens_days_before: z.number({ error: "should be a number of days" }).int().min(1).max(30).optional(),
});

const reminders = z.strictObject({
  after_hours: z
    .number({ error: "should be a number of hours" })
    .int()
    .min(1)
    .max(6 * 24)
    .optional(),
  escalate_after: z.number({ error: "should be a number of missed periods" }).int().min(1).max(52).optional(),
});

export const sourceName = z.string({ error: "should be the source's name" }).regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, {
  error: "should be lowercase letters, digits, dots, - or _ (e.g. prod-prometheus)",
});

/** What a key result reads from its source (the YAML `source:` of a key result). */
/** The longest query a key result may read with: Slack's longest text field, so /okr edit can show it. */
export const SOURCE_QUERY_MAX_LENGTH = 3000;

export const keyResultSourceSchema = z
  .strictObject({
    name: sourceName,
    query: z
      .string({ error: "should be the query (PromQL or SQL)" })
      .trim()
      .min(1)
      .max(SOURCE_QUERY_MAX_LENGTH, {
        error: `should be at most ${SOURCE_QUERY_MAX_LENGTH} characters (what a Slack text field holds, for /okr edit)`,
      })
      .optional(),
    pointer: z
      .string({ error: "should be a JSON pointer such as /data/uptime" })
      .regex(/^(\/.*)?$/, { error: "should be a JSON pointer such as /data/uptime" })
      .max(500)
      .optional(),
    params: z.record(z.string(), z.string(), { error: "should be a map of query parameters" }).optional(),
    column: z.string({ error: "should be a column name" }).trim().min(1).max(200).optional(),
    /** A data row counted from 1 (after the header row); default: the last row. */
    row: z.number({ error: "should be a row number counted from 1" }).int().min(1).optional(),
    /** How far a typed value may be from the measured one before the digest flags it; default 5 % of baseline → target. */
    tolerance: z
      .number({ error: "should be a number (in the key result's unit)" })
      .nonnegative({ error: "should be 0 or more" })
      .optional(),
  })
  .refine((s) => [s.query, s.pointer, s.column].filter((v) => v !== undefined).length === 1, {
    error: "should have exactly one of query: (prometheus, sql), pointer: (http-json) or column: (csv)",
  });
export type KeyResultSource = z.infer<typeof keyResultSourceSchema>;

const targetError =
  'should be a number (85), a threshold ("< 60", ">= 99.95") or a change from the baseline ("-30%", "+5")';

/** A share in a weighted mean: a finite number greater than 0. */
const weight = z.number({ error: "should be a number greater than 0" }).positive({ error: "should be greater than 0" });

const keyResultSchema = z
  .strictObject({
    title: text("the key result's title", 200),
    owner: slackUser.optional(),
    co_owners: z.array(slackUser, { error: "should be a list of Slack user ids" }).optional(),
    /** Optional: without it the first check-in sets the baseline ("measure first"). */
    baseline: finite("the value at the start of the cycle").optional(),
    /** A number, a threshold ("< 60", ">= 99.95") or a change from the baseline ("-30%", "+5"). */
    target: z
      .union([z.number(), z.string()], {
        error: (issue) =>
          issue.input === undefined ? "is required: the value to reach by the end of the cycle" : targetError,
      })
      .refine((t) => parseTarget(t) !== null, { error: targetError }),
    unit: text("a unit such as %, ms or incidents/quarter", 50).optional(),
    measured_by: text("where the number comes from", 300).optional(),
    direction: z.enum(DIRECTIONS, { error: "should be increase or decrease" }).optional(),
    /** Its share in the objective's progress; default 1. */
    weight: weight.optional(),
    /** Where the value is measured: a source of the operator's sources file (SOURCES_FILE). */
    source: keyResultSourceSchema.optional(),
    /** The measured value is stored as the week's value even if the owner does not answer. */
    auto: z.boolean({ error: "should be true or false" }).optional(),
  })
  .refine((kr) => !kr.auto || kr.source !== undefined, {
    path: ["auto"],
    error: "needs a source: to read the value from",
  });

const alignsTo = z.strictObject({
  team: text("the name of an ancestor team", 80),
  objective: text("the title of that team's objective", 200),
});

const objectiveSchema = z.strictObject({
  title: text("the objective's title", 200),
  owner: slackUser.optional(),
  why: text("why this objective matters", 500).optional(),
  key_results: z.array(keyResultSchema, { error: "should be a list of key results" }).default([]),
  /** The objective of an ancestor team (same cycle) this one serves. */
  aligns_to: alignsTo.optional(),
  /** Its share in the roll-up of the objective it aligns to; default 1. */
  weight: weight.optional(),
});

const teamSchema = z.strictObject({
  name: text("the team's name", 80),
  channel: slackChannel,
  managers: z.array(slackUser, { error: "should be a list of Slack user ids" }).default([]),
  timezone: z
    .string()
    .refine(isValidTimeZone, { error: "should be an IANA time zone such as Europe/London" })
    .optional(),
  checkin: checkinSchedule.optional(),
  digest: digestSchedule.optional(),
  reminders: reminders.optional(),
  retro: retro.optional(),
  objectives: z.array(objectiveSchema, { error: "should be a list of objectives" }).default([]),
  /** The team this one belongs to (company → department → team). */
  parent: text("the name of the parent team", 80).optional(),
});

export const okrFileSchema = z
  .strictObject({
    cycle: z.string().refine(isCycleKey, { error: 'should be a quarter such as "2026-Q4"' }).optional(),
    teams: z
      .array(teamSchema, { error: "should be a list of teams" })
      .min(1, { error: "should list at least one team" }),
  })
  .superRefine((file, ctx) => {
    const duplicate = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const teams = new Set<string>();
    file.teams.forEach((team, t) => {
      if (teams.has(team.name)) duplicate(["teams", t, "name"], `"${team.name}" appears twice`);
      teams.add(team.name);
      const objectives = new Set<string>();
      team.objectives.forEach((o, i) => {
        if (objectives.has(o.title)) duplicate(["teams", t, "objectives", i, "title"], "appears twice in this team");
        objectives.add(o.title);
        const krs = new Set<string>();
        o.key_results.forEach((kr, k) => {
          if (krs.has(kr.title))
            duplicate(["teams", t, "objectives", i, "key_results", k, "title"], "appears twice in this objective");
          krs.add(kr.title);
        });
      });
    });
  });

export type OkrFile = z.infer<typeof okrFileSchema>;
export type OkrFileTeam = OkrFile["teams"][number];
export type OkrFileObjective = OkrFileTeam["objectives"][number];
export type OkrFileKeyResult = OkrFileObjective["key_results"][number];

export type FileProblem = { path: string; line?: number; message: string };

/** On success, `lineOf` maps a path such as ["teams", 0, "name"] to its line in the source. */
export type ParseResult =
  | { ok: true; file: OkrFile; lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined }
  | { ok: false; problems: FileProblem[] };

/** `["teams", 0, "objectives", 1, "title"]` → `teams[0].objectives[1].title` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    "",
  );
}

/** The line of the deepest node that exists on the path (a missing field points at its parent). */
export function yamlLineOf(doc: Document, lineCounter: LineCounter) {
  return (path: ReadonlyArray<PropertyKey>): number | undefined => {
    const lineAt = (n: unknown) => {
      const range = (n as { range?: [number, number, number] } | null)?.range;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    };
    let node: unknown = doc.contents;
    let line = lineAt(node);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        line = lineAt(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
        node = node.items[key];
        line = lineAt(node) ?? line;
      } else break;
    }
    return line;
  };
}

export function parseOkrFile(source: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: "",
        line: e.linePos?.[0]?.line,
        message: e.message.split("\n")[0] ?? "invalid YAML",
      })),
    };
  }
  const lineOf = yamlLineOf(doc, lineCounter);

  let data: unknown;
  try {
    // An OKR file has no use for aliases; a few are fine, an alias bomb is refused.
    data = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (err) {
    return { ok: false, problems: [{ path: "", message: `not a usable YAML document: ${(err as Error).message}` }] };
  }
  const parsed = okrFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, file: parsed.data, lineOf };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      line: lineOf(issue.path),
      message: issue.message,
    })),
  };
}

export function stringifyOkrFile(file: OkrFile): string {
  return stringify(file, { lineWidth: 0 });
}

/** `teams[0].objectives[1].key_results[2].target` → ["teams", 0, "objectives", 1, "key_results", 2, "target"] */
export function parsePath(path: string): PropertyKey[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
