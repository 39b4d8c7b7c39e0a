// The key results whose values are read before the prompts: a whole workspace can be due at once,
// more owners than one SQLite statement takes values (Prisma's limit there is 999).
import type { SourceKind } from "../../src/domain/sources";
import { okrYaml } from "../../src/bench/fixtures";
import { OWNERS_PER_QUERY, sourcedKeyResultsOf } from "../../src/db/measurements";
import { ensureWorkspace } from "../../src/db/workspaces";
import { importOkrs } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

jest.setTimeout(60_000);

const NOW = new Date("2026-11-23T09:30:00Z");
const KNOWN = new Map<string, SourceKind>([["prom", "prometheus"]]);
const OWNERS = 1050;

describe.each(PROVIDERS)("sourcedKeyResultsOf on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
  });
  afterEach(async () => t.cleanup());

  it(`finds every sourced key result of ${OWNERS} owners due at once, in id order`, async () => {
    expect(OWNERS).toBeGreaterThan(2 * OWNERS_PER_QUERY);
    const workspace = await ensureWorkspace(t.db, "T0TEST");
    // Every third key result is typed, the others read from Prometheus.
    const source = (k: number) => (k % 3 === 0 ? undefined : { name: "prom", query: `up{kr="${k}"}` });
    await importOkrs(t.db, workspace.id, okrYaml(OWNERS, 10, "2026-Q4", source), NOW, KNOWN);
    const cycle = await t.db.cycle.findFirstOrThrow();
    const everyone = (await t.db.person.findMany({ select: { id: true } })).map((p) => p.id);

    const found = await sourcedKeyResultsOf(t.db, everyone, cycle.id);

    const expected = await t.db.keyResult.findMany({
      where: { sourceName: "prom" },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(expected).toHaveLength(OWNERS - Math.ceil(OWNERS / 3));
    expect(found.map((kr) => kr.id)).toEqual(expected.map((kr) => kr.id));
    expect(found.every((kr) => kr.sourceName === "prom" && kr.measurements.length === 0)).toBe(true);
  });
});
