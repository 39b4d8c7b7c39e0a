import type { DatabaseConfig } from "../config";

/** Where the database is, for messages: never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.provider === "sqlite") return config.file;
  try {
    const url = new URL(config.url);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** Errors that mean the database could not be reached or opened at all (not a query that failed). */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "SQLITE_CANTOPEN",
  "EACCES",
  "EROFS",
]);

export function isDatabaseUnreachable(err: unknown): boolean {
  return UNREACHABLE.has((err as { code?: string } | null)?.code ?? "");
}
