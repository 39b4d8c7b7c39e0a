import { loadDatabaseConfig, type DatabaseConfig } from "../config";
import { openDatabase, type Database } from "../db/client";
import { describeDatabase, isDatabaseUnreachable } from "../db/describe";
import { migrate, type MigrateResult } from "../db/migrate";
import { CliError } from "./errors";

/** Applies pending migrations; a database that cannot be reached is said in one line (the bot's `start` waits for it instead). */
export async function migrateDatabase(config: DatabaseConfig): Promise<MigrateResult> {
  try {
    return await migrate(config);
  } catch (err) {
    if (!isDatabaseUnreachable(err)) throw err;
    throw new CliError(
      `could not reach the database at ${describeDatabase(config)} (${(err as { code: string }).code}); check DATABASE_URL and that the database is up`,
    );
  }
}

/** Opens the (migrated) database for a one-off command and closes it afterwards. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadDatabaseConfig();
  await migrateDatabase(config);
  const database = openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
