import { loadDatabaseConfig } from "../config";
import { openDatabase, type Database } from "../db/client";
import { migrate } from "../db/migrate";

/** Opens the (migrated) database for a one-off command and closes it afterwards. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadDatabaseConfig();
  await migrate(config);
  const database = openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
