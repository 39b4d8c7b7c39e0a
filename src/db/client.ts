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

/** `onQuery` sees every SQL statement (the benchmark counts them). */
export type OpenOptions = { onQuery?: (sql: string) => void };

export function openDatabase(config: DatabaseConfig, opts: OpenOptions = {}): Database {
  const db = config.provider === "sqlite" ? openSqlite(config.file, opts) : openPostgres(config.url, opts);
  return {
    db,
    provider: config.provider,
    ping: async () => {
      await db.$queryRawUnsafe("SELECT 1");
    },
    close: () => db.$disconnect(),
  };
}

/** Query events only when asked for: Prisma does the bookkeeping for them on every query. */
function queryLog(opts: OpenOptions): { log: Array<{ emit: "event"; level: "query" }> } {
  return { log: opts.onQuery ? [{ emit: "event", level: "query" }] : [] };
}

function listen(db: Db, opts: OpenOptions): Db {
  const onQuery = opts.onQuery;
  if (onQuery)
    (db as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (e) =>
      onQuery(e.query),
    );
  return db;
}

function openSqlite(file: string, opts: OpenOptions): Db {
  // Loaded lazily so a PostgreSQL deployment never loads the SQLite engine, and vice versa.
  const { PrismaBetterSQLite3 } =
    require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  const { PrismaClient } = require("../generated/sqlite/client") as typeof import("../generated/sqlite/client");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return listen(new PrismaClient({ adapter, ...queryLog(opts) }) as unknown as Db, opts);
}

function openPostgres(url: string, opts: OpenOptions): Db {
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const { PrismaClient } = require("../generated/postgresql/client") as typeof import("../generated/postgresql/client");
  const { connectionString, schema } = splitPostgresUrl(url);
  const adapter = new PrismaPg(
    { connectionString, connectionTimeoutMillis: 5_000, options: `-c search_path="${schema}"` },
    { schema },
  );
  return listen(new PrismaClient({ adapter, ...queryLog(opts) }) as unknown as Db, opts);
}
