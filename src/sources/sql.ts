// One number from a SQL query, run read-only with a statement timeout: PostgreSQL (pg), MySQL and
// MariaDB (mysql2), or a SQLite file (better-sqlite3, in a child process so a slow query can be stopped).
import path from "node:path";
import { spawn } from "node:child_process";
import type { ResolvedSource } from "../config";
import { numberInSqlRows } from "../domain/sources";
import { asReadError, SourceReadError, seconds } from "./limits";

export async function readSql(source: ResolvedSource, query: string, signal: AbortSignal): Promise<number> {
  const url = source.url!;
  const rows = url.startsWith("file:")
    ? await sqliteRows(url.slice("file:".length), query, source.timeoutMs, signal)
    : /^(mysql|mariadb):/.test(url)
      ? await mysqlRows(url, query, source.timeoutMs, signal)
      : await postgresRows(url, query, source.timeoutMs, signal);
  const parsed = numberInSqlRows(rows);
  if (!parsed.ok) throw new SourceReadError(parsed.reason);
  return parsed.value;
}

/** The database's own message for a refused query (a syntax error, a read-only violation), without the URL. */
function queryError(err: unknown, timeoutMs: number): SourceReadError {
  const e = err as { message?: string; code?: string; errno?: number; sqlMessage?: string };
  // 57014: PostgreSQL's statement timeout; 1969/3024: MariaDB's max_statement_time / MySQL's max_execution_time.
  if (e.code === "57014" || e.errno === 1969 || e.errno === 3024 || e.code === "PROTOCOL_SEQUENCE_TIMEOUT")
    return new SourceReadError(`timeout after ${seconds(timeoutMs)}`);
  const message = e.sqlMessage ?? (e.code && /^[0-9A-Z]{5}$/.test(e.code) ? e.message : undefined);
  if (message) return new SourceReadError(`the query failed: ${message.split("\n")[0]!.slice(0, 200)}`);
  return asReadError(err, timeoutMs);
}

async function postgresRows(url: string, query: string, timeoutMs: number, signal: AbortSignal): Promise<unknown[]> {
  const { Client } = require("pg") as typeof import("pg");
  const client = new Client({
    connectionString: url.replace(/^postgres:/, "postgresql:"),
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    options: "-c default_transaction_read_only=on",
  });
  const end = () => client.end().catch(() => undefined);
  signal.addEventListener("abort", () => void end(), { once: true });
  try {
    await client.connect();
  } catch (err) {
    await end();
    throw asReadError(err, timeoutMs);
  }
  try {
    await client.query("BEGIN READ ONLY");
    // The extended protocol takes one statement only (no "commit; set …; …").
    const config = { text: query, rowMode: "array" as const, queryMode: "extended" }; // queryMode: not in @types/pg
    const result = await client.query(config as import("pg").QueryArrayConfig);
    return result.rows;
  } catch (err) {
    throw queryError(err, timeoutMs);
  } finally {
    await end();
  }
}

async function mysqlRows(url: string, query: string, timeoutMs: number, signal: AbortSignal): Promise<unknown[]> {
  const mysql = require("mysql2/promise") as typeof import("mysql2/promise");
  let connection: import("mysql2/promise").Connection;
  try {
    connection = await mysql.createConnection({
      uri: url.replace(/^mariadb:/, "mysql:"),
      connectTimeout: timeoutMs,
      supportBigNumbers: true,
    });
  } catch (err) {
    throw asReadError(err, timeoutMs);
  }
  const end = () => connection.end().catch(() => connection.destroy());
  signal.addEventListener("abort", () => void end(), { once: true });
  try {
    // The server stops the statement: MariaDB knows max_statement_time (seconds), MySQL max_execution_time (ms).
    await connection
      .query(`SET SESSION max_statement_time = ${timeoutMs / 1000}`)
      .catch(() => connection.query(`SET SESSION max_execution_time = ${Math.ceil(timeoutMs)}`));
    // Session-wide, so that a statement with an implicit commit (DDL) is refused too.
    await connection.query("SET SESSION TRANSACTION READ ONLY");
    const [rows] = await connection.query({ sql: query, rowsAsArray: true, timeout: timeoutMs + 1000 });
    if (!Array.isArray(rows)) throw new SourceReadError("the query returned no rows");
    // A query made of several statements gives several result sets: not wanted.
    return rows as unknown[];
  } catch (err) {
    throw queryError(err, timeoutMs);
  } finally {
    await end();
  }
}

// SQLite runs queries synchronously in native code, which a worker thread cannot interrupt: the
// query runs in a child process that is killed at the deadline.
const SQLITE_CHILD = `
const Database = require(process.argv[1]);
process.once("message", ({ file, query }) => {
  let answer;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const statement = db.prepare(query);
    if (!statement.reader) throw new Error("only a query returning rows (select …) can be read");
    answer = { rows: statement.raw(true).all() };
  } catch (err) {
    answer = { error: String(err && err.message) };
  }
  process.send(answer, () => process.exit(0));
});
`;

async function sqliteRows(file: string, query: string, timeoutMs: number, signal: AbortSignal): Promise<unknown[]> {
  const child = spawn(process.execPath, ["-e", SQLITE_CHILD, require.resolve("better-sqlite3")], {
    stdio: ["ignore", "ignore", "ignore", "ipc"],
    serialization: "advanced",
  });
  const stop = () => void child.kill("SIGKILL");
  signal.addEventListener("abort", stop, { once: true });
  try {
    const answer = await new Promise<{ rows?: unknown[]; error?: string }>((resolve, reject) => {
      child.once("message", (m) => resolve(m as { rows?: unknown[]; error?: string }));
      child.once("error", reject);
      // "close", not "exit": the answer sent just before exiting may still be on its way.
      child.once("close", (code) =>
        reject(
          new SourceReadError(
            signal.aborted
              ? `timeout after ${seconds(timeoutMs)}`
              : `the SQLite reader stopped without an answer (exit ${code})`,
          ),
        ),
      );
      child.send({ file: path.resolve(file), query });
    });
    if (answer.error !== undefined) {
      if (/unable to open database|does not exist/i.test(answer.error))
        throw new SourceReadError("the database file cannot be opened");
      throw new SourceReadError(`the query failed: ${answer.error.slice(0, 200)}`);
    }
    return answer.rows ?? [];
  } finally {
    signal.removeEventListener("abort", stop);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
