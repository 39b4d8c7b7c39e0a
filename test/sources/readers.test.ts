// Every kind of source read for real: Prometheus evaluating PromQL over its HTTP API, PostgreSQL,
// MariaDB and a SQLite file, and a local HTTP server for http-json and csv. Then the faults.
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { loadSourcesConfig, type SourcesConfig } from "../../src/config";
import { createSourceReader, type Reading, type SourceReader } from "../../src/sources/reader";
import { type Prometheus, startPrometheus } from "../helpers/prometheus";

const POSTGRES = process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";
const MARIADB = process.env.TEST_MARIADB_URL ?? "mysql://root@127.0.0.1:3306/test";

// Secrets the sources use: none may appear in any answer or error.
const SECRETS = {
  PROM_AUTH: "Bearer prom-secret-7d1e",
  STATUS_TOKEN: "status-secret-44ab",
  PG_URL: (() => {
    const u = new URL(POSTGRES);
    u.password = "pg-secret-9f3c"; // trust authentication ignores it; it must still never show
    return u.toString();
  })(),
  MARIADB_URL: MARIADB,
  // Nothing listens on port 1: the error must say so without the password.
  PG_DOWN_URL: "postgresql://root:pg-secret-9f3c@127.0.0.1:1/test",
  SQLITE_URL: "",
};

const METRICS = [
  "# TYPE checkout_lcp_seconds gauge",
  "checkout_lcp_seconds 3.1",
  "# TYPE http_requests_total counter",
  'http_requests_total{code="200"} 990',
  'http_requests_total{code="500"} 10',
  "",
].join("\n");

let dir: string;
let http: Server;
let base: string;
let prometheus: Prometheus | undefined;
let flakyCalls = 0;
let inFlight = 0;
let mostInFlight = 0;
const seenHeaders: Record<string, string | undefined> = {};

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/metrics") return res.end(METRICS);
    if (url.pathname === "/uptime.json") {
      seenHeaders.authorization = req.headers.authorization;
      seenHeaders["x-token"] = req.headers["x-token"] as string | undefined;
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ data: { uptime: 99.95, region: url.searchParams.get("region"), state: "up" } }));
    }
    if (url.pathname === "/costs.csv") return res.end("month,cost_per_tx\n2026-10,0.12\n2026-11,0.10\n");
    if (url.pathname === "/slow") return; // never answers
    if (url.pathname === "/held") {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return setTimeout(() => {
        inFlight--;
        res.end('{"n": 1}');
      }, 100);
    }
    if (url.pathname === "/flaky") {
      flakyCalls++;
      if (flakyCalls < 3) {
        res.statusCode = 503;
        return res.end();
      }
      return res.end(JSON.stringify({ n: 7 }));
    }
    if (url.pathname === "/huge.json") {
      // 50 MB, streamed without a Content-Length: the reader must stop at its cap.
      const chunk = Buffer.alloc(1024 * 1024, " ");
      let sent = 0;
      res.write('{"n": 1, "pad": "');
      const more = () => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end('"}');
      };
      res.on("error", () => undefined);
      return more();
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function sourcesFile(): string {
  return `sources:
  - name: prod-prometheus
    kind: prometheus
    url: ${prometheus?.url ?? "http://127.0.0.1:1"}
    headers: { Authorization: { env: PROM_AUTH } }
  - name: warehouse
    kind: sql
    url: { env: PG_URL }
    timeout_seconds: 1
  - name: warehouse-down
    kind: sql
    url: { env: PG_DOWN_URL }
    retries: 1
  - name: mariadb
    kind: sql
    url: { env: MARIADB_URL }
    timeout_seconds: 1
  - name: local-sqlite
    kind: sql
    url: file:${path.join(dir, "metrics.db")}
    timeout_seconds: 1
  - name: status-api
    kind: http-json
    url: ${base}/uptime.json
    headers: { Authorization: { env: PROM_AUTH }, X-Token: { env: STATUS_TOKEN } }
    allow_params: true
  - name: fixed-api
    kind: http-json
    url: ${base}/uptime.json
  - name: slow-api
    kind: http-json
    url: ${base}/slow
    timeout_seconds: 0.5
  - name: flaky-api
    kind: http-json
    url: ${base}/flaky
  - name: huge-api
    kind: http-json
    url: ${base}/huge.json
  - name: costs
    kind: csv
    path: ${path.join(dir, "costs.csv")}
  - name: costs-online
    kind: csv
    url: ${base}/costs.csv
  - name: broken
    kind: http-json
    url: not-a-url
  - name: unset-env
    kind: sql
    url: { env: NOT_SET_ANYWHERE }
`;
}

function load(): { config: SourcesConfig; reader: SourceReader } {
  const file = path.join(dir, "sources.yml");
  fs.writeFileSync(file, sourcesFile());
  const config = loadSourcesConfig({ SOURCES_FILE: file, ...SECRETS });
  return { config, reader: createSourceReader(config) };
}

const value = (r: Reading) => (r.ok ? r.value : r.error);
const allText: string[] = [];
const read = async (reader: SourceReader, spec: Parameters<SourceReader["read"]>[0]) => {
  const r = await reader.read(spec);
  allText.push(JSON.stringify(r));
  return value(r);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-sources-"));
  fs.writeFileSync(path.join(dir, "costs.csv"), "month,cost_per_tx\n2026-10,0.12\n2026-11,0.10\n");
  const db = new Database(path.join(dir, "metrics.db"));
  db.exec("create table deploys (hours real); insert into deploys values (20), (30), (40);");
  db.close();
  http = await serve();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await prometheus?.stop();
  const closed = new Promise((r) => http.close(r));
  http.closeAllConnections();
  await closed;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the sources file", () => {
  it("reports the bad entries by name and place, and the others work", async () => {
    const { config, reader } = load();
    allText.push(...config.problems);
    expect(config.problems).toEqual([
      expect.stringMatching(
        /sources\.yml:\d+: sources\[12\]\.url \(broken\): should be an http:\/\/ or https:\/\/ URL$/,
      ),
      expect.stringMatching(/sources\.yml: source unset-env: environment variable NOT_SET_ANYWHERE not set$/),
    ]);
    expect(await read(reader, { name: "broken", pointer: "/n" })).toBe(
      "couldn't read broken: the sources file has a problem with it (sources[12].url: should be an http:// or https:// URL)",
    );
    expect(await read(reader, { name: "unset-env", query: "select 1" })).toBe(
      "couldn't read unset-env: the sources file has a problem with it (environment variable NOT_SET_ANYWHERE not set)",
    );
    expect(await read(reader, { name: "nowhere", pointer: "/n" })).toBe(
      "couldn't read nowhere: no such source in the sources file",
    );
    expect(await read(reader, { name: "fixed-api", pointer: "/data/uptime" })).toBe(99.95);
  });
});

describe("http-json and csv from a local HTTP server and a file", () => {
  it("reads a number at a JSON pointer, with the headers from the environment", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "status-api", pointer: "/data/uptime", params: { region: "eu" } })).toBe(99.95);
    expect(seenHeaders).toEqual({ authorization: SECRETS.PROM_AUTH, "x-token": SECRETS.STATUS_TOKEN });
    expect(await read(reader, { name: "status-api", pointer: "/data/state" })).toBe(
      "couldn't read status-api: the value at /data/state is not a number",
    );
    expect(await read(reader, { name: "fixed-api", pointer: "/data/uptime", params: { region: "eu" } })).toBe(
      "couldn't read fixed-api: this source takes no query parameters (allow_params)",
    );
    expect(await read(reader, { name: "fixed-api", query: "select 1" })).toBe(
      "couldn't read fixed-api: fixed-api is a http-json source: give it pointer:",
    );
  });

  it("reads a CSV cell from a file and from a URL, the last row unless told", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "costs", column: "cost_per_tx" })).toBe(0.1);
    expect(await read(reader, { name: "costs", column: "cost_per_tx", row: 1 })).toBe(0.12);
    expect(await read(reader, { name: "costs-online", column: "cost_per_tx" })).toBe(0.1);
    expect(await read(reader, { name: "costs", column: "month" })).toBe(
      'couldn\'t read costs: "month" in row 2 is not a number',
    );
  });

  it("gives up at the timeout, stops at the size cap, retries a 503", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "slow-api", pointer: "/n" })).toBe("couldn't read slow-api: timeout after 0.5 s");
    expect(await read(reader, { name: "huge-api", pointer: "/n" })).toBe(
      "couldn't read huge-api: the answer is larger than 1 MB",
    );
    expect(await read(reader, { name: "flaky-api", pointer: "/n" })).toBe(7);
    expect(flakyCalls).toBe(3); // two 503s, retried with backoff
  });

  it("reads at most `concurrency` at a time per source", async () => {
    const file = path.join(dir, "few.yml");
    fs.writeFileSync(file, `sources:\n  - { name: held, kind: http-json, url: "${base}/held", concurrency: 2 }\n`);
    const reader = createSourceReader(loadSourcesConfig({ SOURCES_FILE: file }));
    const answers = await Promise.all(Array.from({ length: 6 }, () => reader.read({ name: "held", pointer: "/n" })));
    expect(answers.map(value)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(mostInFlight).toBe(2);
  });
});

describe("sql", () => {
  it("PostgreSQL: one number, read-only, stopped at the statement timeout", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "warehouse", query: "select 42.5::numeric, 'x'" })).toBe(42.5);
    expect(await read(reader, { name: "warehouse", query: "create table okr_sources_probe (n int)" })).toBe(
      "couldn't read warehouse: the query failed: cannot execute CREATE TABLE in a read-only transaction",
    );
    expect(await read(reader, { name: "warehouse", query: "commit; create table okr_sources_probe (n int)" })).toBe(
      "couldn't read warehouse: the query failed: cannot insert multiple commands into a prepared statement",
    );
    expect(await read(reader, { name: "warehouse", query: "select pg_sleep(5)" })).toBe(
      "couldn't read warehouse: timeout after 1 s",
    );
    expect(await read(reader, { name: "warehouse", query: "select 'many'" })).toBe(
      "couldn't read warehouse: the query's answer is not a number",
    );
    expect(await read(reader, { name: "warehouse", query: "select 1 where false" })).toBe(
      "couldn't read warehouse: the query returned no rows",
    );
    expect(await read(reader, { name: "warehouse-down", query: "select 1" })).toBe(
      "couldn't read warehouse-down: connection refused",
    );
  });

  it("MariaDB: one number, read-only, stopped at the statement timeout", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "mariadb", query: "select 12.5 as n" })).toBe(12.5);
    expect(await read(reader, { name: "mariadb", query: "create table okr_sources_probe (n int)" })).toMatch(
      /^couldn't read mariadb: the query failed: .*(read only|READ ONLY|read-only)/i,
    );
    expect(await read(reader, { name: "mariadb", query: "select 1; drop table x" })).toMatch(
      /^couldn't read mariadb: the query failed: You have an error in your SQL syntax/,
    );
    expect(await read(reader, { name: "mariadb", query: "select sleep(5) + 1" })).toBe(
      "couldn't read mariadb: timeout after 1 s",
    );
  });

  it("SQLite: one number from a file opened read-only, a runaway query stopped", async () => {
    const { reader } = load();
    expect(await read(reader, { name: "local-sqlite", query: "select avg(hours) from deploys" })).toBe(30);
    expect(await read(reader, { name: "local-sqlite", query: "delete from deploys" })).toBe(
      "couldn't read local-sqlite: the query failed: only a query returning rows (select …) can be read",
    );
    const forever = "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r";
    expect(await read(reader, { name: "local-sqlite", query: forever })).toBe(
      "couldn't read local-sqlite: timeout after 1 s",
    );
  });
});

describe("prometheus", () => {
  it("evaluates PromQL over the real HTTP API, then fails clearly once stopped", async () => {
    const target = new URL(base).host;
    prometheus = await startPrometheus(target);
    await prometheus.until("checkout_lcp_seconds", (r) => r.length === 1);
    const { reader } = load();
    expect(await read(reader, { name: "prod-prometheus", query: "checkout_lcp_seconds" })).toBe(3.1);
    expect(
      await read(reader, {
        name: "prod-prometheus",
        query: 'sum(http_requests_total{code="500"}) / sum(http_requests_total) * 100',
      }),
    ).toBe(1);
    expect(await read(reader, { name: "prod-prometheus", query: "scalar(checkout_lcp_seconds) * 2" })).toBe(6.2);
    expect(await read(reader, { name: "prod-prometheus", query: "http_requests_total" })).toBe(
      "couldn't read prod-prometheus: the query returned 2 series: aggregate them to one, e.g. with sum()",
    );
    expect(await read(reader, { name: "prod-prometheus", query: "no_such_metric" })).toBe(
      "couldn't read prod-prometheus: the query returned no data",
    );
    expect(await read(reader, { name: "prod-prometheus", query: "sum(" })).toMatch(
      /^couldn't read prod-prometheus: Prometheus refused the query: .*parse error/,
    );

    await prometheus.stop();
    expect(await read(reader, { name: "prod-prometheus", query: "checkout_lcp_seconds" })).toBe(
      "couldn't read prod-prometheus: connection refused",
    );
  }, 60_000);
});

describe("secrets", () => {
  it("appear in no answer, error or problem of any read above, faults included", () => {
    const everything = allText.join("\n");
    expect(everything).toContain("couldn't read warehouse-down: connection refused");
    expect(everything).toContain("couldn't read prod-prometheus: connection refused");
    for (const secret of [SECRETS.PROM_AUTH, "prom-secret-7d1e", SECRETS.STATUS_TOKEN, "pg-secret-9f3c"])
      expect(everything).not.toContain(secret);
  });
});
