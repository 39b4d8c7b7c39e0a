// Throwaway databases for the benchmarks: a SQLite file, or a fresh schema on PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { BenchDatabase } from "./fixtures";

export async function benchDatabase(provider: "sqlite" | "postgresql", postgresUrl?: string): Promise<BenchDatabase> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-bench-"));
    const file = path.join(dir, "okr.db");
    return {
      config: { provider, url: `file:${file}`, file },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error("PostgreSQL benchmarks need --postgres <url>");
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const { Client } = require("pg") as typeof import("pg");
  const url = `${postgresUrl}${postgresUrl.includes("?") ? "&" : "?"}schema=${schema}`;
  return {
    config: { provider, url },
    drop: async () => {
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
