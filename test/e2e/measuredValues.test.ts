// Measured, not typed: key results read from real Prometheus, PostgreSQL, an HTTP JSON endpoint and
// a CSV file before the weekly prompt; confirm, override and `auto` through the sandbox's Slack;
// every fault told to the owner without losing anything; and no secret anywhere afterwards.
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { loadSourcesConfig } from "../../src/config";
import { IDS } from "../../src/blocks/ids";
import { formatRecord } from "../../src/domain/records";
import { waitFor } from "../../src/sandbox";
import type { SandboxView } from "../../src/sandbox/types";
import { cycleRecord } from "../../src/services/cycleRecords";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { PROVIDERS } from "../helpers/databases";
import { type Prometheus, startPrometheus } from "../helpers/prometheus";
import { startTestStack, type TestStack } from "../helpers/stack";

const POSTGRES = process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";
const SECRET_WORDS = ["prom-secret-7d1e", "status-secret-44ab", "pg-secret-9f3c"];
const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = password; // trust authentication ignores it; it must still never show
  return u.toString();
};
const ENV = {
  PROM_AUTH: `Bearer ${SECRET_WORDS[0]}`,
  STATUS_TOKEN: SECRET_WORDS[1]!,
  WAREHOUSE_URL: withPassword(POSTGRES, SECRET_WORDS[2]!),
  // Nothing listens on port 1.
  WAREHOUSE_DOWN_URL: `postgresql://root:${SECRET_WORDS[2]}@127.0.0.1:1/test`,
};

const METRICS = "# TYPE checkout_lcp_seconds gauge\ncheckout_lcp_seconds 3.1\n";

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/metrics") return res.end(METRICS);
    if (url.pathname === "/status.json") {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ data: { uptime: 99.95, state: "up" } }));
    }
    if (url.pathname === "/costs.csv") return res.end("month,cost_per_tx\n2026-10,0.12\n2026-11,0.10\n");
    if (url.pathname === "/slow") return; // never answers
    if (url.pathname === "/huge.json") {
      res.on("error", () => undefined);
      res.write('{"n": 1, "pad": "');
      const chunk = Buffer.alloc(1024 * 1024, " ");
      let sent = 0;
      const more = () => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end('"}');
      };
      return more();
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const sourcesYaml = (prometheusUrl: string, base: string) => `sources:
  - name: prod-prometheus
    kind: prometheus
    url: ${prometheusUrl}
    headers: { Authorization: { env: PROM_AUTH } }
  - name: warehouse
    kind: sql
    url: { env: WAREHOUSE_URL }
  - name: warehouse-down
    kind: sql
    url: { env: WAREHOUSE_DOWN_URL }
    retries: 0
  - name: status-api
    kind: http-json
    url: ${base}/status.json
    headers: { X-Token: { env: STATUS_TOKEN } }
  - name: costs
    kind: csv
    url: ${base}/costs.csv
  - name: slow-api
    kind: http-json
    url: ${base}/slow
    timeout_seconds: 0.5
  - name: huge-api
    kind: http-json
    url: ${base}/huge.json
  - name: broken
    kind: http-json
    url: not-a-url
  - name: unset-env
    kind: sql
    url: { env: NOT_SET_ANYWHERE }
`;

const OKRS = `cycle: 2026-Q4
teams:
  - name: Web
    channel: C0WEB
    managers: [U0MANAGER]
    checkin: { day: monday, time: "09:00" }
    objectives:
      - title: Make checkout fast and cheap to run
        key_results:
          - title: Cut checkout LCP p75
            owner: U0ALICE
            baseline: 3.5
            target: 2.5
            unit: s
            source: { name: prod-prometheus, query: checkout_lcp_seconds }
          - title: Cut the cost per transaction
            owner: U0ALICE
            baseline: 0.2
            target: 0.08
            unit: USD
            source: { name: costs, column: cost_per_tx }
          - title: Cut lead time for changes
            owner: U0ALICE
            baseline: 40
            target: 20
            unit: h
            source: { name: warehouse, query: "select avg(h) from (values (20.0), (41.0)) as t(h)" }
      - title: Stay up and keep honest numbers
        key_results:
          - title: Keep availability at least 99.9 %
            owner: U0CAROL
            baseline: 99.5
            target: ">= 99.9"
            unit: "%"
            source: { name: status-api, pointer: /data/uptime }
            auto: true
          - { title: Faster search, owner: U0BOB, baseline: 900, target: 300, unit: ms, source: { name: slow-api, pointer: /n } }
          - { title: Lighter pages, owner: U0BOB, baseline: 2000, target: 1000, unit: kB, source: { name: huge-api, pointer: /n } }
          - { title: Status up days, owner: U0BOB, baseline: 20, target: 28, source: { name: status-api, pointer: /data/state } }
          - { title: Fewer incidents, owner: U0BOB, baseline: 8, target: 2, source: { name: unset-env, query: select 1 } }
          - { title: Fewer 500s, owner: U0BOB, baseline: 100, target: 10, source: { name: warehouse-down, query: select 1 } }
`;

describe.each(PROVIDERS)("measured values on %s", (provider) => {
  let s: TestStack;
  let http: Server;
  let prometheus: Prometheus;
  let dir: string;
  const db = () => s.bot.database.db;
  const krId = async (title: string) => (await db().keyResult.findFirstOrThrow({ where: { title } })).id;
  const prompts = (user: string) => s.sandbox.dmsTo(user).filter((m) => m.text.startsWith("Weekly check-in"));
  const text = (x: unknown) => JSON.stringify(x);

  beforeAll(async () => {
    http = await serve();
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    prometheus = await startPrometheus(new URL(base).host);
    await prometheus.until("checkout_lcp_seconds", (r) => r.length === 1);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-measured-"));
    const file = path.join(dir, "sources.yml");
    fs.writeFileSync(file, sourcesYaml(prometheus.url, base));
    s = await startTestStack(provider, new Date("2026-11-23T08:52:00Z"), {
      sources: loadSourcesConfig({ SOURCES_FILE: file, ...ENV }),
      logLevel: "debug",
    });
    for (const [id, name] of [
      ["U0ALICE", "alice"],
      ["U0BOB", "bob"],
      ["U0CAROL", "carol"],
      ["U0MANAGER", "manager"],
    ] as const)
      s.sandbox.addUser({ id, name, tz: "Europe/London" });
    await s.importYaml(OKRS);
  }, 60_000);

  afterAll(async () => {
    await s.close();
    await prometheus.stop();
    const closed = new Promise((r) => http.close(r));
    http.closeAllConnections();
    await closed;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("logs the sources file's bad entry at start, naming it", () => {
    const logs = s.logs.join("\n");
    expect(logs).toMatch(/sources: .*sources\.yml:\d+: sources\[7\]\.url \(broken\): should be an http/);
    expect(logs).toMatch(/sources: .*sources\.yml: source unset-env: environment variable NOT_SET_ANYWHERE not set/);
  });

  it("reads every source shortly before the prompts are due, once per period", async () => {
    expect(await s.runJob("checkins")).toMatchObject({ sent: 0, notDue: 3, measured: 4, readFailed: 5 });
    expect(await s.runJob("checkins")).toMatchObject({ measured: 0, readFailed: 0 });
    const rows = await db().measurement.findMany({ include: { keyResult: true }, orderBy: { keyResultId: "asc" } });
    expect(rows.map((m) => [m.keyResult.title, m.value ?? m.error])).toEqual([
      ["Cut checkout LCP p75", 3.1],
      ["Cut the cost per transaction", 0.1],
      ["Cut lead time for changes", 30.5],
      ["Keep availability at least 99.9 %", 99.95],
      ["Faster search", "couldn't read slow-api: timeout after 0.5 s"],
      ["Lighter pages", "couldn't read huge-api: the answer is larger than 1 MB"],
      ["Status up days", "couldn't read status-api: the value at /data/state is not a number"],
      [
        "Fewer incidents",
        "couldn't read unset-env: the sources file has a problem with it (environment variable NOT_SET_ANYWHERE not set)",
      ],
      ["Fewer 500s", "couldn't read warehouse-down: connection refused"],
    ]);
  }, 30_000);

  it("shows the measured values in the prompt, and the failures as sentences the owner can act on", async () => {
    s.clock.now = new Date("2026-11-23T09:05:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 3 });
    const alice = text(prompts("U0ALICE")[0]!.blocks);
    expect(alice).toContain("*3.1 s* · from prod-prometheus at <!date^");
    expect(alice).toContain("*0.1 USD* · from costs at");
    expect(alice).toContain("*30.5 h* · from warehouse at");
    const bob = text(prompts("U0BOB")[0]!.blocks);
    for (const sentence of [
      "couldn't read slow-api: timeout after 0.5 s. Type the value as usual.",
      "couldn't read huge-api: the answer is larger than 1 MB",
      "couldn't read status-api: the value at /data/state is not a number",
      "couldn't read unset-env: the sources file has a problem with it",
      "couldn't read warehouse-down: connection refused",
    ])
      expect(bob).toContain(sentence);
  });

  async function openCheckin(user: string): Promise<SandboxView> {
    const prompt = prompts(user).at(-1)!;
    const before = new Set(s.sandbox.views().map((v) => v.id));
    await s.requester.blockAction({
      user,
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    return waitFor(
      () =>
        s.sandbox
          .openViews(user)
          .find((v) => !before.has(v.id) && v.callbackId === IDS.views.checkin && text(v.view).includes("kr_value_")),
      { timeoutMs: 5000, message: `check-in modal for ${user}` },
    );
  }
  const initialValue = (view: SandboxView, id: number) =>
    (view.view.blocks as Array<{ block_id?: string; element?: { initial_value?: string } }>).find(
      (b) => b.block_id === `${IDS.checkinBlocks.value}${id}`,
    )?.element?.initial_value;

  it("pre-fills the modal with the measured values and shows the query on demand; confirm and override are stored beside what was measured", async () => {
    const [lcp, cost, lead] = [
      await krId("Cut checkout LCP p75"),
      await krId("Cut the cost per transaction"),
      await krId("Cut lead time for changes"),
    ];
    const view = await openCheckin("U0ALICE");
    expect([initialValue(view, lcp), initialValue(view, cost), initialValue(view, lead)]).toEqual([
      "3.1",
      "0.1",
      "30.5",
    ]);
    expect(text(view.view)).toContain("from prod-prometheus at");

    await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.showSourceQuery,
      value: String(lcp),
      container: { type: "view", view_id: view.id },
    });
    const pushed = await waitFor(
      () => s.sandbox.openViews("U0ALICE").find((v) => text(v.view).includes("How it's measured")),
      {
        timeoutMs: 5000,
      },
    );
    expect(text(pushed.view)).toContain("checkout_lcp_seconds");
    s.sandbox.closeView(pushed.id);

    const v = (field: "value" | "confidence", id: number) => `${IDS.checkinBlocks[field]}${id}`;
    const res = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: {
        [v("value", lcp)]: "3.1", // confirmed
        [v("confidence", lcp)]: "on_track",
        [v("value", cost)]: "0.15", // overridden, far beyond 5 % of 0.2 → 0.08
        [v("confidence", cost)]: "at_risk",
        [v("value", lead)]: "30.9", // overridden within 5 % of 40 → 20 (1 h)
        [v("confidence", lead)]: "on_track",
      },
    });
    expect(res.outcome.action).toBe("closed");
    const stored = await db().checkIn.findMany({ include: { keyResult: true }, orderBy: { keyResultId: "asc" } });
    expect(stored.map((c) => [c.keyResult.title, c.value, c.measuredValue])).toEqual([
      ["Cut checkout LCP p75", 3.1, 3.1],
      ["Cut the cost per transaction", 0.15, 0.1],
      ["Cut lead time for changes", 30.9, 30.5],
    ]);
  });

  it("a failed read never blocks the check-in: Bob types his values as before", async () => {
    const view = await openCheckin("U0BOB");
    const values: Record<string, string> = {};
    const typed = {
      "Faster search": 850,
      "Lighter pages": 1900,
      "Status up days": 21,
      "Fewer incidents": 7,
      "Fewer 500s": 90,
    };
    for (const [title, value] of Object.entries(typed)) {
      const id = await krId(title);
      values[`${IDS.checkinBlocks.value}${id}`] = String(value);
      values[`${IDS.checkinBlocks.confidence}${id}`] = "at_risk";
    }
    expect(text(view.view)).toContain("couldn't read slow-api: timeout after 0.5 s");
    const res = await s.requester.viewSubmission({ user: "U0BOB", view: { id: view.id }, values });
    expect(res.outcome.action).toBe("closed");
    const bobs = await db().checkIn.findMany({
      where: { author: { slackUserId: "U0BOB" } },
      include: { keyResult: true },
      orderBy: { keyResultId: "asc" },
    });
    expect(bobs.map((c) => [c.keyResult.title, c.value, c.measuredValue])).toEqual(
      Object.entries(typed).map(([title, value]) => [title, value, null]),
    );
  });

  it("the digest keeps Carol's auto value as measured (not a check-in) and flags Alice's override", async () => {
    s.clock.now = new Date("2026-11-27T16:05:00Z");
    expect(await s.runJob("digest")).toMatchObject({ posted: 1 });
    const digest = text(
      s.sandbox
        .messages("C0WEB")
        .filter((m) => !m.threadTs)
        .at(-1)!.blocks,
    );
    expect(digest).toContain("measured by status-api · confidence unknown");
    expect(digest).toContain("typed 0.15 USD, costs measured 0.1 USD");
    expect(digest).not.toContain("typed 30.9");
    expect(digest).toContain("now 99.95 %");
    // Still asked, still counted as not checked in.
    expect(digest).toContain("*Not checked in yet (1):* <@U0CAROL>");
    expect(await db().checkIn.count({ where: { author: { slackUserId: "U0CAROL" } } })).toBe(0);
  });

  it("Prometheus stopped mid-run: the next week's read fails clearly, and a source failing twice is flagged", async () => {
    await prometheus.stop();
    s.clock.now = new Date("2026-11-30T08:55:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ measured: 3, readFailed: 6 });
    s.clock.now = new Date("2026-11-30T09:05:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 3 });
    expect(text(prompts("U0ALICE").at(-1)!.blocks)).toContain("couldn't read prod-prometheus: connection refused");
    const view = await openCheckin("U0ALICE");
    expect(initialValue(view, await krId("Cut checkout LCP p75"))).toBe("3.1"); // last week's, to type over

    s.clock.now = new Date("2026-12-04T16:05:00Z");
    expect(await s.runJob("digest")).toMatchObject({ posted: 1 });
    const digest = text(
      s.sandbox
        .messages("C0WEB")
        .filter((m) => !m.threadTs)
        .at(-1)!.blocks,
    );
    expect(digest).toContain("source failing since 2026-11-23: couldn't read slow-api: timeout after 0.5 s");
    expect(digest).not.toContain("source failing since 2026-11-30"); // Prometheus failed once only
  }, 30_000);

  it("leaves no secret in any log line, Slack call, export or database row", async () => {
    const cycle = "2026-Q4";
    const record = await cycleRecord(db(), s.workspaceId, cycle, s.clock.now);
    const exports = [
      await exportOkrsYaml(db(), s.workspaceId, cycle),
      ...(["md", "csv", "json"] as const).map((f) => formatRecord(record!, f)),
    ];
    // The records keep what was measured beside what was saved.
    expect(exports[1]).toContain("| 0.15 (measured 0.1) |");
    expect(exports[2]).toMatch(/,2026-W48,0\.15,at_risk,.*,0\.1\r\n/);
    const rows: unknown[] = [];
    for (const table of ["measurement", "checkIn", "keyResult", "slackMessage", "person", "team"] as const)
      rows.push(await (db()[table] as unknown as { findMany(): Promise<unknown[]> }).findMany());
    const everything = [
      s.logs.join("\n"),
      text(s.sandbox.calls),
      text(s.sandbox.views()),
      exports.join("\n"),
      text(rows),
    ].join("\n");
    expect(everything).toContain("couldn't read warehouse-down: connection refused");
    expect(s.sandbox.calls.length).toBeGreaterThan(10);
    for (const secret of SECRET_WORDS) expect(everything).not.toContain(secret);
  });
});
