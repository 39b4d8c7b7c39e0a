// Prisma CLI configuration. Prisma's native engines cannot be downloaded on air-gapped machines,
// so the CLI runs on its WASM engines through a driver adapter (see README, "Database").
// PRISMA_PROVIDER picks the schema: sqlite (default) or postgresql.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const provider = process.env.PRISMA_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
process.env.PRISMA_SQLITE_URL ??= "file:./data/okr.db";
process.env.PRISMA_POSTGRESQL_URL ??= "postgresql://root@127.0.0.1:5432/test";

export default defineConfig({
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    provider === "postgresql"
      ? new PrismaPg({ connectionString: process.env.PRISMA_POSTGRESQL_URL, allowExitOnIdle: true })
      : sqliteAdapter(process.env.PRISMA_SQLITE_URL!),
});

function sqliteAdapter(url: string) {
  // SQLite creates the file but not its folder (./data on a fresh clone).
  fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
  return new PrismaBetterSQLite3({ url });
}
