import { execFileSync } from "node:child_process";
import path from "node:path";
import { migrate, readMigrations, type Migration } from "../../src/db/migrate";
import { splitPostgresUrl } from "../../src/db/url";
import { PROVIDERS, createTestDatabase, type Provider, type TestDatabase } from "../helpers/databases";

const root = path.join(__dirname, "..", "..");

/** What Prisma would create from the schema alone (the WASM schema engine can do this offline). */
function schemaAsSql(provider: Provider, scratch: TestDatabase): string {
  return execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      path.join(root, "prisma", provider, "schema.prisma"),
      "--script",
    ],
    {
      cwd: root,
      // The CLI opens the database through its driver adapter even for a schema-only diff: give it a scratch one.
      env: {
        ...process.env,
        PRISMA_PROVIDER: provider,
        PRISMA_SQLITE_URL: scratch.config.url,
        PRISMA_POSTGRESQL_URL: scratch.config.url,
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function catalog(db: TestDatabase): Promise<unknown> {
  if (db.config.provider === "sqlite") {
    const Sqlite = (await import("better-sqlite3")).default;
    const conn = new Sqlite(db.config.file, { readonly: true });
    try {
      const tables = (
        conn
          .prepare(
            `SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('_prisma_migrations','sqlite_sequence') ORDER BY name`,
          )
          .all() as { name: string }[]
      ).map((t) => t.name);
      return tables.map((t) => ({
        table: t,
        // Column order differs after ALTER TABLE ADD COLUMN and does not matter: compare by name.
        columns: (conn.pragma(`table_info("${t}")`) as { cid: number; name: string }[])
          .map(({ cid: _cid, ...c }) => c)
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: conn.pragma(`foreign_key_list("${t}")`),
        indexes: (conn.pragma(`index_list("${t}")`) as { name: string; unique: number }[])
          .map((i) => ({ name: i.name, unique: i.unique, columns: conn.pragma(`index_info("${i.name}")`) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
    } finally {
      conn.close();
    }
  }
  const { Client } = await import("pg");
  const { connectionString, schema } = splitPostgresUrl(db.config.url);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    // Names qualified with the test's own schema differ between the two databases; strip them.
    const unqualify = (v: unknown) =>
      typeof v === "string" ? v.replaceAll(`"${schema}".`, "").replaceAll(`${schema}.`, "") : v;
    const q = async (sql: string) =>
      (await client.query(sql, [schema])).rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, unqualify(v)])),
      );
    return {
      columns: await q(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
      ),
      indexes: await q(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename <> '_prisma_migrations' ORDER BY indexname`,
      ),
      constraints: await q(
        `SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.conrelid::regclass::text NOT LIKE '%_prisma_migrations' ORDER BY c.conname`,
      ),
    };
  } finally {
    await client.end();
  }
}

async function withDatabase<T>(provider: Provider, fn: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(provider);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}

describe.each(PROVIDERS)("migrations on %s", (provider) => {
  it("produce exactly the database the Prisma schema describes (no drift)", async () => {
    const fromMigrations = await withDatabase(provider, async (db) => {
      await migrate(db.config);
      return catalog(db);
    });
    const fromSchema = await withDatabase(provider, async (db) => {
      const snapshot: Migration = { name: "schema", sql: schemaAsSql(provider, db), checksum: "-" };
      await migrate(db.config, [snapshot]);
      return catalog(db);
    });
    expect(fromMigrations).toEqual(fromSchema);
  });

  it("apply once, record Prisma-compatible rows, and are a no-op the second time", async () => {
    await withDatabase(provider, async (db) => {
      const all = readMigrations(provider);
      const first = await migrate(db.config);
      expect(first.applied).toEqual(all.map((m) => m.name));
      const second = await migrate(db.config);
      expect(second.applied).toEqual([]);
      expect(second.upToDate).toEqual(all.map((m) => m.name));
    });
  });

  it("keep existing rows when later migrations rebuild tables", async () => {
    await withDatabase(provider, async (db) => {
      const [first, ...rest] = readMigrations(provider);
      await migrate(db.config, [first!]);
      const { openDatabase } = await import("../../src/db/client");
      const seed = async (sql: string[]) => {
        const d = openDatabase(db.config);
        try {
          for (const q of sql) await d.db.$executeRawUnsafe(q);
        } finally {
          await d.close();
        }
      };
      await seed([
        `INSERT INTO "Workspace" ("slackTeamId") VALUES ('T1')`,
        `INSERT INTO "Person" ("workspaceId", "slackUserId") VALUES (1, 'U1')`,
        `INSERT INTO "Team" ("workspaceId", "name", "channelId") VALUES (1, 'Platform', 'C1')`,
        `INSERT INTO "TeamManager" ("teamId", "personId") VALUES (1, 1)`,
        `INSERT INTO "Cycle" ("workspaceId", "key", "startsAt", "endsAt") VALUES (1, '2026-Q4', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')`,
        `INSERT INTO "Objective" ("teamId", "cycleId", "ownerId", "title") VALUES (1, 1, 1, 'O')`,
        `INSERT INTO "KeyResult" ("objectiveId", "ownerId", "title", "baseline", "target", "direction") VALUES (1, 1, 'KR', 8, 2, 'decrease')`,
        `INSERT INTO "CheckIn" ("keyResultId", "authorId", "week", "value", "confidence", "updatedAt") VALUES (1, 1, '2026-W48', 5, 'on_track', '2026-11-23T09:00:00.000Z')`,
      ]);
      await migrate(db.config, [first!, ...rest]);
      const d = openDatabase(db.config);
      try {
        expect(await d.db.checkIn.count()).toBe(1);
        expect(await d.db.teamManager.count()).toBe(1);
        expect(await d.db.keyResult.count()).toBe(1);
      } finally {
        await d.close();
      }
    });
  });

  it("refuse a migration that was changed after it was applied", async () => {
    await withDatabase(provider, async (db) => {
      const [first] = readMigrations(provider);
      await migrate(db.config, [first!]);
      await expect(migrate(db.config, [{ ...first!, checksum: "0".repeat(64) }])).rejects.toThrow(
        /modified after it was applied/,
      );
    });
  });

  it("roll back a failing migration completely", async () => {
    await withDatabase(provider, async (db) => {
      const [first] = readMigrations(provider);
      const broken: Migration = {
        name: "29990101000000_broken",
        sql: `CREATE TABLE "Ok" ("id" INTEGER);\nTHIS IS NOT SQL;`,
        checksum: "x",
      };
      const failure = await migrate(db.config, [first!, broken]).then(
        () => "resolved",
        (e: unknown) => String(e),
      );
      expect(failure).toMatch(/syntax error/);
      const retry = await migrate(db.config, [first!]);
      expect(retry.applied).toEqual([first!.name]);
    });
  });
});
