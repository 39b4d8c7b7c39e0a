// `okr-bot sources check` as an operator runs it: the built CLI, a SQLite database, a sources file
// with a local HTTP server, a CSV file, a SQLite file to query, and a bad entry.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const CLI = path.join(__dirname, "..", "..", "dist", "cli", "main.js");
const TOKEN = "cli-secret-token-5e2a";

type Run = { code: number; stdout: string; stderr: string };
function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args, ...(args[0] === "sources" ? ["--workspace", "T0TEST"] : [])],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let http: Server;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-sources-cli-"));
  http = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.statusCode = 401;
      return res.end();
    }
    res.end(JSON.stringify({ data: { uptime: 99.9 } }));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  fs.writeFileSync(path.join(dir, "costs.csv"), "month,cost_per_tx\n2026-10,0.12\n2026-11,0.10\n");
  const metrics = new Database(path.join(dir, "metrics.db"));
  metrics.exec("create table deploys (hours real); insert into deploys values (20), (40);");
  metrics.close();
  fs.writeFileSync(
    path.join(dir, "sources.yml"),
    `sources:
  - name: status-api
    kind: http-json
    url: ${base}/uptime
    headers: { Authorization: { env: STATUS_AUTH } }
  - name: costs
    kind: csv
    path: ${path.join(dir, "costs.csv")}
  - name: metrics
    kind: sql
    url: file:${path.join(dir, "metrics.db")}
    timeout_seconds: 30 # a SQLite read starts a process: slow on a loaded CI machine, and this test is not about time
  - name: typo
    kind: prometheus
    url: prometheus:9090
`,
  );
  fs.writeFileSync(
    path.join(dir, "okrs.yml"),
    `teams:
  - name: Platform
    channel: C0PLATFORM
    objectives:
      - title: Make the platform reliable enough that customers trust us
        owner: U0LEAD
        key_results:
          - { title: Uptime seen from outside, baseline: 99, target: 99.95, source: { name: status-api, pointer: /data/uptime } }
          - { title: Cost per transaction, baseline: 0.12, target: 0.08, source: { name: costs, column: cost_per_tx } }
  - name: Data
    channel: C0DATA
    objectives:
      - title: Ship every change within a day of its first commit
        owner: U0DANA
        key_results:
          - { title: Lead time in hours, baseline: 72, target: 24, source: { name: metrics, query: "select avg(hours) from deploys" } }
          - { title: Missing table, baseline: 72, target: 24, source: { name: metrics, query: "select n from nowhere" } }
`,
  );
  env = {
    DATABASE_URL: `file:${path.join(dir, "okr.db")}`,
    SOURCES_FILE: path.join(dir, "sources.yml"),
    STATUS_AUTH: `Bearer ${TOKEN}`,
  };
  const imported = await run(["import", path.join(dir, "okrs.yml"), "--workspace", "T0TEST"], env);
  expect(imported.stderr).toContain("sources[3].url (typo)");
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await new Promise((r) => http.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("okr-bot sources check", () => {
  it("prints each key result's value or error, and exits 1 when one fails", async () => {
    const r = await run(["sources", "check"], env);
    expect(r.stdout.split("\n")).toEqual([
      "ok    Data › Lead time in hours: 30 (from metrics)",
      "FAIL  Data › Missing table: couldn't read metrics: the query failed: no such table: nowhere",
      "ok    Platform › Uptime seen from outside: 99.9 (from status-api)",
      "ok    Platform › Cost per transaction: 0.1 (from costs)",
      "3 read, 1 failed.",
      "",
    ]);
    expect(r.stderr).toMatch(/sources\.yml:15: sources\[3\]\.url \(typo\): should be an http:\/\/ or https:\/\/ URL/);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("checks one team with --team, and exits 0 when its reads all work", async () => {
    fs.writeFileSync(
      env.SOURCES_FILE!,
      fs.readFileSync(env.SOURCES_FILE!, "utf8").replace("prometheus:9090", "http://prometheus:9090"),
    );
    const r = await run(["sources", "check", "--team", "Platform"], env);
    expect(r.stdout).toBe(
      "ok    Platform › Uptime seen from outside: 99.9 (from status-api)\nok    Platform › Cost per transaction: 0.1 (from costs)\n2 read, 0 failed.\n",
    );
    expect(r.code).toBe(0);
    const unknown = await run(["sources", "check", "--team", "Nobody"], env);
    expect(unknown.stderr).toContain('There is no team named "Nobody".');
    expect(unknown.code).toBe(1);
  });

  it("says what is wrong when the secret is missing, without it", async () => {
    const r = await run(["sources", "check", "--team", "Platform"], { ...env, STATUS_AUTH: "" });
    expect(r.stdout).toContain(
      "FAIL  Platform › Uptime seen from outside: couldn't read status-api: the sources file has a problem with it (environment variable STATUS_AUTH not set)",
    );
    expect(r.code).toBe(1);
  });
});
