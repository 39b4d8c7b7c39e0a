// Database fixtures: every database test runs on SQLite, and again on PostgreSQL when
// TEST_POSTGRES_URL is set (CI sets it). Each test database is fresh: a temp file, or a new schema.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseConfig } from "../../src/config";
import { databaseConfig } from "../../src/config";
import { openDatabase, type Database } from "../../src/db/client";
import { migrate } from "../../src/db/migrate";
import { splitPostgresUrl } from "../../src/db/url";

export type Provider = DatabaseConfig["provider"];

export const PROVIDERS: Provider[] = process.env.TEST_POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];

export type TestDatabase = { config: DatabaseConfig; drop(): Promise<void> };

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const id = randomBytes(6).toString("hex");
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-test-"));
    return {
      config: databaseConfig(`file:${path.join(dir, "okr.db")}`),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_POSTGRES_URL is not set");
  const schema = `okr_test_${id}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return {
    config: databaseConfig(url.toString()),
    drop: async () => {
      const { Client } = await import("pg");
      const client = new Client({ connectionString: splitPostgresUrl(base).connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated, open database; `cleanup` closes and drops it. */
export async function openTestDatabase(
  provider: Provider,
): Promise<Database & { config: DatabaseConfig; cleanup(): Promise<void> }> {
  const testDb = await createTestDatabase(provider);
  await migrate(testDb.config);
  const database = openDatabase(testDb.config);
  return {
    ...database,
    config: testDb.config,
    cleanup: async () => {
      await database.close();
      await testDb.drop();
    },
  };
}
