import fs from "node:fs";
import path from "node:path";
import {
  describeSourceProblem,
  keyResultSourceSchema,
  numberAtPointer,
  numberInCsv,
  numberInSqlRows,
  parseJsonPointer,
  parsePrometheusAnswer,
  parseSourcesFile,
} from "../../src/domain/sources";

const FILE = `sources:
  - name: prod-prometheus
    kind: prometheus
    url: http://prometheus.internal:9090
    headers: { Authorization: { env: PROM_AUTH } }
  - name: warehouse
    kind: sql
    url: { env: WAREHOUSE_URL }
  - name: status-api
    kind: http-json
    url: https://status.internal/api/uptime
  - name: costs
    kind: csv
    path: /data/costs.csv
`;

describe("the sources file", () => {
  it("parses the issue's example, one entry per kind, keeping { env } references unread", () => {
    const { sources, problems } = parseSourcesFile(FILE);
    expect(problems).toEqual([]);
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ["prod-prometheus", "prometheus"],
      ["warehouse", "sql"],
      ["status-api", "http-json"],
      ["costs", "csv"],
    ]);
    expect(sources[0]).toMatchObject({ headers: { Authorization: { env: "PROM_AUTH" } } });
    expect(sources[1]).toMatchObject({ url: { env: "WAREHOUSE_URL" } });
  });

  it("reports a bad entry by its path, line and name, and keeps the others", () => {
    const bad = FILE.replace("url: https://status.internal/api/uptime", "url: ftp://status.internal");
    const { sources, problems } = parseSourcesFile(bad);
    expect(sources.map((s) => s.name)).toEqual(["prod-prometheus", "warehouse", "costs"]);
    expect(problems).toEqual([
      { path: "sources[2].url", line: 11, source: "status-api", message: "should be an http:// or https:// URL" },
    ]);
    expect(describeSourceProblem(problems[0]!, "sources.yml")).toBe(
      "sources.yml:11: sources[2].url (status-api): should be an http:// or https:// URL",
    );
  });

  it("refuses an unknown kind, a csv with both path and url, a duplicate name, an unknown setting", () => {
    const { sources, problems } = parseSourcesFile(`sources:
  - { name: a, kind: graphite, url: http://x }
  - { name: b, kind: csv, path: /x.csv, url: http://x/x.csv }
  - { name: c, kind: http-json, url: http://x, password: hunter2 }
  - { name: d, kind: prometheus, url: http://x }
  - { name: d, kind: prometheus, url: http://y }
`);
    expect(sources.map((s) => s.name)).toEqual(["d"]);
    expect(problems.map((p) => `${p.path} ${p.source}: ${p.message}`)).toEqual([
      "sources[0].kind a: kind should be one of prometheus, sql, http-json, csv",
      "sources[1] b: should have either path: (a file) or url: (over HTTP), one of them",
      'sources[2] c: Unrecognized key: "password"',
      'sources[4].name d: "d" appears twice',
    ]);
  });

  it("says what is wrong with a file that is not a list of sources", () => {
    expect(parseSourcesFile("teams: []").problems[0]).toMatchObject({ path: "sources" });
    expect(parseSourcesFile("sources: [").problems[0]?.path).toBe("");
  });
});

describe("a key result's source", () => {
  it("takes exactly one of query, pointer or column", () => {
    expect(keyResultSourceSchema.safeParse({ name: "warehouse", query: "select 1" }).success).toBe(true);
    expect(keyResultSourceSchema.safeParse({ name: "costs", column: "x", row: 2 }).success).toBe(true);
    expect(keyResultSourceSchema.safeParse({ name: "costs" }).success).toBe(false);
    expect(keyResultSourceSchema.safeParse({ name: "costs", column: "x", query: "y" }).success).toBe(false);
  });
});

describe("what sources answer", () => {
  it("Prometheus: a scalar, or a vector of one sample", () => {
    const vector = (values: string[]) => ({
      status: "success",
      data: { resultType: "vector", result: values.map((v) => ({ metric: {}, value: [1, v] })) },
    });
    expect(parsePrometheusAnswer(vector(["3.1"]))).toEqual({ ok: true, value: 3.1 });
    expect(parsePrometheusAnswer({ status: "success", data: { resultType: "scalar", result: [1, "2"] } })).toEqual({
      ok: true,
      value: 2,
    });
    expect(parsePrometheusAnswer(vector([]))).toEqual({ ok: false, reason: "the query returned no data" });
    expect(parsePrometheusAnswer(vector(["1", "2"]))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("2 series"),
    });
    expect(parsePrometheusAnswer(vector(["NaN"]))).toEqual({ ok: false, reason: "the answer is not a number" });
    expect(parsePrometheusAnswer({ status: "error", error: "parse error" })).toMatchObject({ ok: false });
  });

  it("JSON pointers as RFC 6901 reads them", () => {
    expect(parseJsonPointer("/a~1b/m~0n/0")).toEqual(["a/b", "m~n", "0"]);
    expect(parseJsonPointer("")).toEqual([]);
    expect(parseJsonPointer("a")).toBeNull();
    expect(parseJsonPointer("/a~2")).toBeNull();
    const doc = { data: { "a/b": [1, { uptime: 99.95 }], s: "12.5", t: "up" } };
    expect(numberAtPointer(doc, "/data/a~1b/1/uptime")).toEqual({ ok: true, value: 99.95 });
    expect(numberAtPointer(doc, "/data/s")).toEqual({ ok: true, value: 12.5 });
    expect(numberAtPointer(doc, "/data/t")).toEqual({ ok: false, reason: "the value at /data/t is not a number" });
    expect(numberAtPointer(doc, "/data/a~1b/2")).toEqual({ ok: false, reason: "nothing at /data/a~1b/2" });
    expect(numberAtPointer(doc, "/data/a~1b/01")).toMatchObject({ ok: false });
  });

  it("CSV: a column of the last row by default, or of the row asked for", () => {
    const rows = [
      { month: "2026-10", cost_per_tx: "0.12" },
      { month: "2026-11", cost_per_tx: "0.10" },
    ];
    expect(numberInCsv(rows, "cost_per_tx")).toEqual({ ok: true, value: 0.1 });
    expect(numberInCsv(rows, "cost_per_tx", 1)).toEqual({ ok: true, value: 0.12 });
    expect(numberInCsv(rows, "cost", 1)).toEqual({ ok: false, reason: 'no column "cost"' });
    expect(numberInCsv(rows, "cost_per_tx", 3)).toEqual({ ok: false, reason: "no row 3 (the file has 2)" });
    expect(numberInCsv(rows, "month")).toMatchObject({ ok: false, reason: '"month" in row 2 is not a number' });
  });

  it("SQL: the first column of the first row", () => {
    expect(numberInSqlRows([["42.5", "x"]])).toEqual({ ok: true, value: 42.5 });
    expect(numberInSqlRows([{ n: 7n }])).toEqual({ ok: true, value: 7 });
    expect(numberInSqlRows([])).toEqual({ ok: false, reason: "the query returned no rows" });
    expect(numberInSqlRows([[null]])).toEqual({ ok: false, reason: "the query's answer is empty" });
  });
});

describe("the README's sources file", () => {
  it("parses without a problem, one source per kind", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Measured values"));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const { sources, problems } = parseSourcesFile(yaml);
    expect(problems).toEqual([]);
    expect(sources.map((s) => s.kind).sort()).toEqual(["csv", "http-json", "prometheus", "sql"]);
  });
});
