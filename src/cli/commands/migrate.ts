import type { Command } from "commander";
import { loadDatabaseConfig } from "../../config";
import { action } from "../action";
import { migrateDatabase } from "../database";

export function addMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .summary("apply pending database migrations")
    .description(
      "Apply pending database migrations to DATABASE_URL (start does it too; use this for a direct connection before replicas start).",
    )
    .action(action(migrateCommand));
}

async function migrateCommand(): Promise<number> {
  const result = await migrateDatabase(loadDatabaseConfig());
  console.log(result.applied.length ? `Applied: ${result.applied.join(", ")}` : "Database is up to date.");
  return 0;
}
