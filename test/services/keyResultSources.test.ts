// Key results that name the operator's sources: imported, stored, exported back, refused when the
// source is unknown or given the wrong field.
import type { SourceKind } from "../../src/domain/sources";
import { ensureWorkspace } from "../../src/db/workspaces";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { ImportError, importOkrs } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const NOW = new Date("2026-11-22T12:00:00Z");
const KNOWN = new Map<string, SourceKind>([
  ["prod-prometheus", "prometheus"],
  ["warehouse", "sql"],
  ["status-api", "http-json"],
  ["costs", "csv"],
]);

const FILE = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    objectives:
      - title: Make checkout fast and reliable for every customer
        owner: U0LEAD
        key_results:
          - title: Cut p75 LCP on /checkout
            baseline: 4.2
            target: 2.5
            source:
              name: prod-prometheus
              query: histogram_quantile(0.75, sum by (le) (rate(lcp_seconds_bucket{page="/checkout"}[7d])))
            auto: true
          - title: Lead time from first commit to deploy
            baseline: 72
            target: 24
            source: { name: warehouse, query: "select avg(hours) from lead_times where week = current_week()" }
          - title: Uptime seen from outside
            baseline: 99.5
            target: 99.95
            source: { name: status-api, pointer: /data/uptime, params: { region: eu } }
          - title: Cost per transaction
            baseline: 0.12
            target: 0.08
            source: { name: costs, column: cost_per_tx, row: 3 }
`;

describe.each(PROVIDERS)("key results with a source on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0TEST")).id;
  });
  afterEach(async () => t.cleanup());

  it("stores the source and auto, and exports them back unchanged", async () => {
    await importOkrs(t.db, workspaceId, FILE, NOW, KNOWN);
    const stored = await t.db.keyResult.findMany({
      orderBy: { position: "asc" },
      select: { sourceName: true, sourceSpec: true, auto: true },
    });
    expect(stored).toEqual([
      {
        sourceName: "prod-prometheus",
        sourceSpec: JSON.stringify({
          query: 'histogram_quantile(0.75, sum by (le) (rate(lcp_seconds_bucket{page="/checkout"}[7d])))',
        }),
        auto: true,
      },
      {
        sourceName: "warehouse",
        sourceSpec: JSON.stringify({ query: "select avg(hours) from lead_times where week = current_week()" }),
        auto: false,
      },
      {
        sourceName: "status-api",
        sourceSpec: JSON.stringify({ pointer: "/data/uptime", params: { region: "eu" } }),
        auto: false,
      },
      { sourceName: "costs", sourceSpec: JSON.stringify({ column: "cost_per_tx", row: 3 }), auto: false },
    ]);
    const exported = await exportOkrsYaml(t.db, workspaceId, "2026-Q4");
    expect(exported).toContain("auto: true");
    expect(exported).toContain("name: status-api");
    const again = await importOkrs(t.db, workspaceId, exported!, NOW, KNOWN);
    expect(again.keyResults).toEqual({ created: 0, updated: 0, unchanged: 4 });

    // Dropping a source from the file drops it from the key result.
    await importOkrs(t.db, workspaceId, FILE.replace(/\n {12}source: \{ name: costs.*\n/, "\n"), NOW, KNOWN);
    expect(await t.db.keyResult.findFirst({ where: { title: "Cost per transaction" } })).toMatchObject({
      sourceName: null,
      sourceSpec: null,
    });
  });

  it("refuses a source that is not configured, or the wrong field for its kind, and writes nothing", async () => {
    const refused = async (file: string, known = KNOWN) => {
      const err = await importOkrs(t.db, workspaceId, file, NOW, known).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      return (err as ImportError).problems;
    };
    expect(await refused(FILE.replace("name: costs", "name: billing"))).toEqual([
      {
        path: "teams[0].objectives[0].key_results[3].source.name",
        line: 27,
        message: '"billing" is not a configured source (known: prod-prometheus, warehouse, status-api, costs)',
      },
    ]);
    expect((await refused(FILE, new Map()))[0]?.message).toBe(
      '"prod-prometheus" is not a configured source: no sources file (SOURCES_FILE) is set',
    );
    expect(await refused(FILE.replace("name: costs, column: cost_per_tx, row: 3", "name: costs, query: x"))).toEqual([
      {
        path: "teams[0].objectives[0].key_results[3].source",
        line: 27,
        message: "costs is a csv source: give it column:",
      },
    ]);
    expect(
      await refused(FILE.replace("source: { name: warehouse,", "source: { name: warehouse, pointer: /x,")),
    ).toEqual([
      expect.objectContaining({
        path: "teams[0].objectives[0].key_results[1].source",
        message: "should have exactly one of query: (prometheus, sql), pointer: (http-json) or column: (csv)",
      }),
    ]);
    expect(await refused(FILE.replace(/\n {12}source: \{ name: costs.*\n/, "\n            auto: true\n"))).toEqual([
      expect.objectContaining({
        path: "teams[0].objectives[0].key_results[3].auto",
        message: "needs a source: to read the value from",
      }),
    ]);
    expect(await t.db.keyResult.count()).toBe(0);
  });
});
