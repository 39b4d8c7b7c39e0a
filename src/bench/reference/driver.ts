// REFERENCE ONLY, deliberately SQL-direct (see test/architecture.test.ts): a check-in stored with the
// database driver alone, statements prepared once: better-sqlite3 on SQLite, pg on PostgreSQL.
import { splitPostgresUrl } from "../../db/url";
import { type CheckInStore, type CheckInToStore, runReferenceApp } from "./app";

const READ = `SELECT kr."ownerId" AS "ownerId" FROM "KeyResult" kr JOIN "Person" p ON p."id" = kr."ownerId"
  WHERE kr."id" = $1 AND p."slackUserId" = $2`;
const UPSERT = `INSERT INTO "CheckIn" ("keyResultId", "authorId", "week", "value", "confidence", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT ("keyResultId", "week") DO UPDATE SET "authorId" = excluded."authorId", "value" = excluded."value",
    "confidence" = excluded."confidence", "updatedAt" = excluded."updatedAt"`;

function sqliteStore(file: string): CheckInStore {
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const db = new Database(file, { timeout: 10_000 });
  // better-sqlite3 binds `?`; the same statements, numbered for pg.
  const read = db.prepare<[number, string], { ownerId: number }>(READ.replace(/\$\d/g, "?"));
  const upsert = db.prepare(UPSERT.replace(/\$\d/g, "?"));
  let statements = 0;
  return {
    statements: () => statements,
    close: async () => void db.close(),
    store: async (c: CheckInToStore) => {
      statements += 1;
      const kr = read.get(c.keyResultId, c.slackUserId);
      if (!kr) return false;
      statements += 1;
      // The format Prisma's SQLite adapter writes a DateTime in.
      upsert.run(
        c.keyResultId,
        kr.ownerId,
        c.week,
        c.value,
        c.confidence,
        new Date().toISOString().replace("Z", "+00:00"),
      );
      return true;
    },
  };
}

function postgresStore(url: string): CheckInStore {
  const { Pool } = require("pg") as typeof import("pg");
  const { connectionString, schema } = splitPostgresUrl(url);
  const pool = new Pool({ connectionString, options: `-c search_path="${schema}"` });
  let statements = 0;
  return {
    statements: () => statements,
    close: () => pool.end(),
    store: async (c: CheckInToStore) => {
      statements += 1;
      // Named: each connection prepares the statement once.
      const { rows } = await pool.query<{ ownerId: number }>({
        name: "checkin-read",
        text: READ,
        values: [c.keyResultId, c.slackUserId],
      });
      const ownerId = rows[0]?.ownerId;
      if (ownerId === undefined) return false;
      statements += 1;
      await pool.query({
        name: "checkin-upsert",
        text: UPSERT,
        values: [c.keyResultId, ownerId, c.week, c.value, c.confidence, new Date()],
      });
      return true;
    },
  };
}

void runReferenceApp((config) => (config.provider === "sqlite" ? sqliteStore(config.file) : postgresStore(config.url)));
