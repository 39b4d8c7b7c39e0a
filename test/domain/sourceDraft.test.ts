import {
  checkSourceDraft,
  measuredChanges,
  type SourceDraft,
  type SourceDraftCheck,
  sourceDraftOf,
} from "../../src/domain/sourceDraft";
import type { KeyResultSource, SourceKind } from "../../src/domain/sources";

const KINDS: Record<string, SourceKind> = { prom: "prometheus", wh: "sql", api: "http-json", costs: "csv" };
const kindOf = (name: string) => KINDS[name];
const known = Object.keys(KINDS);
const check = (draft: Partial<SourceDraft>, stored: KeyResultSource | null = null): SourceDraftCheck =>
  checkSourceDraft({ name: null, auto: false, ...draft }, kindOf, known, stored);

describe("checkSourceDraft", () => {
  test.each<[string, Partial<SourceDraft>, KeyResultSource | null, SourceDraftCheck]>([
    ["typed by its owner", { query: "ignored" }, null, { ok: true, value: { source: null, auto: false } }],
    [
      "auto needs a source",
      { auto: true },
      null,
      { ok: false, problems: [{ field: "auto", message: "Pick where it is measured first: nothing to read." }] },
    ],
    [
      "a PromQL query, trimmed",
      { name: "prom", query: "  sum(up)  ", auto: true },
      null,
      { ok: true, value: { source: { name: "prom", query: "sum(up)" }, auto: true } },
    ],
    [
      "an empty query",
      { name: "wh", query: "   " },
      null,
      { ok: false, problems: [{ field: "query", message: "Enter the query wh runs: it should return one number." }] },
    ],
    [
      "a pointer with parameters",
      { name: "api", pointer: "/data/up", params: "region=eu&env=prod%20a" },
      null,
      {
        ok: true,
        value: { source: { name: "api", pointer: "/data/up", params: { region: "eu", env: "prod a" } }, auto: false },
      },
    ],
    [
      "parameters that are not name=value",
      { name: "api", pointer: "/data/up", params: "region" },
      null,
      {
        ok: false,
        problems: [{ field: "params", message: "Write them as name=value, joined by &: region=eu&env=prod" }],
      },
    ],
    [
      "a bad escape in the parameters",
      { name: "api", pointer: "/data/up", params: "a=%" },
      null,
      {
        ok: false,
        problems: [{ field: "params", message: "Write them as name=value, joined by &: region=eu&env=prod" }],
      },
    ],
    [
      "not a JSON pointer",
      { name: "api", pointer: "data" },
      null,
      { ok: false, problems: [{ field: "pointer", message: "should be a JSON pointer such as /data/uptime" }] },
    ],
    [
      "a column and a row",
      { name: "costs", column: "cost", row: " 2 " },
      null,
      { ok: true, value: { source: { name: "costs", column: "cost", row: 2 }, auto: false } },
    ],
    [
      "a blank row is the last",
      { name: "costs", column: "cost", row: "" },
      null,
      { ok: true, value: { source: { name: "costs", column: "cost" }, auto: false } },
    ],
    [
      "row 0",
      { name: "costs", column: "cost", row: "0" },
      null,
      {
        ok: false,
        problems: [{ field: "row", message: "A row number counted from 1 after the header row." }],
      },
    ],
    [
      "the field of another kind (the form was not updated after the pick)",
      { name: "costs", query: "select 1" },
      null,
      {
        ok: false,
        problems: [
          { field: "name", message: "costs is a csv source: it needs a column. Pick it again to show that field." },
        ],
      },
    ],
    [
      "a name the file does not declare",
      { name: "prod-db", query: "select 1" },
      null,
      {
        ok: false,
        problems: [
          { field: "name", message: '"prod-db" is not a configured source. Pick one of: prom, wh, api, costs.' },
        ],
      },
    ],
    [
      "not a source name at all",
      { name: "http://evil", query: "x" },
      null,
      { ok: false, problems: [{ field: "name", message: '"http://evil" is not a configured source.' }] },
    ],
    [
      "a source no longer declared, unchanged, stays",
      { name: "old", pointer: "/a", auto: true },
      { name: "old", pointer: "/a", tolerance: 2 },
      { ok: true, value: { source: { name: "old", pointer: "/a", tolerance: 2 }, auto: true } },
    ],
    [
      "the stored tolerance is kept on a new source",
      { name: "prom", query: "up" },
      { name: "old", pointer: "/a", tolerance: 2 },
      { ok: true, value: { source: { name: "prom", query: "up", tolerance: 2 }, auto: false } },
    ],
  ])("%s", (_, draft, stored, expected) => {
    expect(check(draft, stored)).toEqual(expected);
  });

  test("a source no longer declared cannot be changed", () => {
    expect(check({ name: "old", pointer: "/b" }, { name: "old", pointer: "/a" })).toEqual({
      ok: false,
      problems: [{ field: "name", message: '"old" is not a configured source. Pick one of: prom, wh, api, costs.' }],
    });
  });

  test("the form's fields for a stored source check back to it", () => {
    const stored: KeyResultSource = { name: "api", pointer: "/x", params: { a: "1 2" }, tolerance: 1 };
    const draft = sourceDraftOf({ source: stored, auto: true });
    expect(draft).toEqual({ name: "api", pointer: "/x", params: "a=1+2", auto: true });
    expect(check(draft, stored)).toEqual({ ok: true, value: { source: stored, auto: true } });
    expect(sourceDraftOf({ source: { name: "costs", column: "c", row: 3 }, auto: false })).toMatchObject({
      column: "c",
      row: "3",
    });
  });

  test("changes are recorded per field", () => {
    const before = { source: { name: "prom", query: "up" }, auto: false };
    expect(measuredChanges(before, before)).toEqual([]);
    expect(measuredChanges(before, { source: null, auto: false })).toEqual([
      ["source", '{"name":"prom","query":"up"}', null],
    ]);
    expect(measuredChanges(before, { ...before, auto: true })).toEqual([["auto", "false", "true"]]);
  });
});
