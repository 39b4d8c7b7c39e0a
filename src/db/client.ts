import fs from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "../config";
import type { PrismaClient } from "../generated/sqlite/client";
import { splitPostgresUrl } from "./url";

/**
 * Both providers' generated clients have the same models and methods; the code is written against
 * the SQLite client's types and the PostgreSQL client is used through the same interface.
 */
export type Db = PrismaClient;

export type Database = {
  db: Db;
  provider: DatabaseConfig["provider"];
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(config: DatabaseConfig): Database {
  const db = config.provider === "sqlite" ? openSqlite(config.file) : openPostgres(config.url);
  return {
    db,
    provider: config.provider,
    ping: async () => {
      await db.$queryRawUnsafe("SELECT 1");
    },
    close: () => db.$disconnect(),
  };
}

function openSqlite(file: string): Db {
  // Loaded lazily so a PostgreSQL deployment never loads the SQLite engine, and vice versa.
  const { PrismaBetterSQLite3 } = require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  const { PrismaClient } = require("../generated/sqlite/client") as typeof import("../generated/sqlite/client");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

function openPostgres(url: string): Db {
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const { PrismaClient } = require("../generated/postgresql/client") as typeof import("../generated/postgresql/client");
  const { connectionString, schema } = splitPostgresUrl(url);
  const adapter = new PrismaPg(
    { connectionString, connectionTimeoutMillis: 5_000, options: `-c search_path="${schema}"` },
    { schema },
  );
  return new PrismaClient({ adapter }) as unknown as Db;
}
