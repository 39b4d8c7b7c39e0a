import { startLocalStack, type LocalStack } from "../../src/demo/localStack";
import { ensureWorkspace } from "../../src/db/workspaces";
import { importOkrs } from "../../src/services/importOkrs";
import type { LogLevel } from "../../src/config";
import { createLogger } from "../../src/logger";
import { createTestDatabase, type Provider, type TestDatabase } from "./databases";

export type TestStack = LocalStack & { testDb: TestDatabase; workspaceId: number; logs: string[]; importYaml(yaml: string): Promise<void>; close(): Promise<void> };

/** The real bot (Bolt over HTTP, or Socket Mode) against the sandbox, on a fresh database of the given provider. */
export async function startTestStack(provider: Provider, now: Date, opts: { socketMode?: boolean; enterpriseId?: string; logLevel?: LogLevel } = {}): Promise<TestStack> {
  const testDb = await createTestDatabase(provider);
  const logs: string[] = [];
  const { logLevel, ...stackOpts } = opts;
  const stack = await startLocalStack({ database: testDb.config, now, log: createLogger(logLevel ?? "info", "okr-bot", (l) => logs.push(l)), ...stackOpts });
  const workspace = await ensureWorkspace(stack.bot.database.db, stack.sandbox.teamId);
  return {
    ...stack,
    testDb,
    logs,
    workspaceId: workspace.id,
    importYaml: async (yaml) => {
      await importOkrs(stack.bot.database.db, workspace.id, yaml, stack.clock.now);
    },
    close: async () => {
      await stack.stop();
      await testDb.drop();
    },
  };
}
