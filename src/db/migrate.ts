// Applies the SQL migrations under prisma/<provider>/migrations, recording them in Prisma's own
// `_prisma_migrations` table (same columns, sha256 checksums) so that `prisma migrate status` run
// elsewhere with the native engine agrees. The app does this itself because Prisma's migrate
// commands need native engines that cannot be downloaded on air-gapped machines.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "../config";
import { splitPostgresUrl } from "./url";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; upToDate: string[] };

export const MIGRATIONS_ROOT = path.join(__dirname, "..", "..", "prisma");

export function readMigrations(provider: DatabaseConfig["provider"], root = MIGRATIONS_ROOT): Migration[] {
  const dir = path.join(root, provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

type Applied = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Throws when a recorded migration failed earlier or was changed after it was applied. */
function pending(all: Migration[], applied: Applied[]): Migration[] {
  const byName = new Map(applied.filter((a) => a.rolled_back_at == null).map((a) => [a.migration_name, a]));
  return all.filter((m) => {
    const a = byName.get(m.name);
    if (!a) return true;
    if (a.finished_at == null) {
      throw new MigrationError(
        `Migration ${m.name} started but did not finish earlier; fix the database by hand, then mark it rolled back`,
      );
    }
    if (a.checksum !== m.checksum) {
      throw new MigrationError(`Migration ${m.name} was modified after it was applied (checksum mismatch)`);
    }
    return false;
  });
}

export async function migrate(
  config: DatabaseConfig,
  migrations = readMigrations(config.provider),
): Promise<MigrateResult> {
  return config.provider === "sqlite"
    ? migrateSqlite(config.file, migrations)
    : migratePostgres(config.url, migrations);
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

function migrateSqlite(file: string, migrations: Migration[]): MigrateResult {
  const Sqlite = require("better-sqlite3") as typeof import("better-sqlite3");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file, { timeout: 30_000 });
  try {
    // WAL lets readers work while a check-in is written; the setting is stored in the file.
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_TABLE);
    // Prisma's SQLite migrations rebuild tables (create new, copy, drop old). With foreign keys on,
    // dropping the old table would cascade-delete every row that refers to it, and the
    // migrations' own `PRAGMA foreign_keys=OFF` is ignored inside a transaction; so keys are
    // switched off for this connection and checked before commit instead.
    db.pragma("foreign_keys = OFF");
    // IMMEDIATE takes the write lock up front: a second process waits instead of racing.
    return db
      .transaction(() => {
        const applied = db.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Applied[];
        const todo = pending(migrations, applied);
        const insert = db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        );
        for (const m of todo) {
          const started = new Date().toISOString();
          db.exec(m.sql);
          insert.run(randomUUID(), m.checksum, m.name, started, new Date().toISOString());
        }
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0)
          throw new MigrationError(
            `Migrations left ${broken.length} rows with broken foreign keys; nothing was applied`,
          );
        return {
          applied: todo.map((m) => m.name),
          upToDate: migrations.filter((m) => !todo.includes(m)).map((m) => m.name),
        };
      })
      .immediate();
  } finally {
    db.close();
  }
}

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Any fixed number: replicas that boot together queue on this lock, one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_202_611;

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const { Client } = require("pg") as typeof import("pg");
  const { connectionString, schema } = splitPostgresUrl(url);
  const client = new Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query("BEGIN");
    try {
      // A transaction-scoped lock is released by COMMIT or ROLLBACK, so a failed migration never
      // leaves it held, and it works behind PgBouncer in transaction mode.
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await client.query(POSTGRES_TABLE);
      const applied = (await client.query<Applied>(`SELECT * FROM "_prisma_migrations"`)).rows;
      const todo = pending(migrations, applied);
      for (const m of todo) {
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
      }
      await client.query("COMMIT");
      return {
        applied: todo.map((m) => m.name),
        upToDate: migrations.filter((m) => !todo.includes(m)).map((m) => m.name),
      };
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end();
  }
}
