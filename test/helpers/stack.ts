import type { LogFormat, LogLevel, SourcesConfig } from "../../src/config";
import { startLocalStack, type LocalStack } from "../../src/demo/localStack";
import { ensureWorkspace } from "../../src/db/workspaces";
import { importOkrs } from "../../src/services/importOkrs";
import { createLogger } from "../../src/logger";
import { createTestDatabase, type Provider, type TestDatabase } from "./databases";

export type TestStack = LocalStack & {
  testDb: TestDatabase;
  workspaceId: number;
  logs: string[];
  importYaml(yaml: string): Promise<void>;
  close(): Promise<void>;
};

export type TestStackOptions = {
  socketMode?: boolean;
  /** Enterprise Grid: the organisation the sandbox's workspace belongs to. */
  enterpriseId?: string;
  /** The plain text logger's level (default info). */
  logLevel?: LogLevel;
  /** The logger the bot makes from its configuration (as `okr-bot start` does), in this format and level, instead of a plain text one. */
  logging?: { format: LogFormat; level: LogLevel };
  metricsPort?: number;
  /** The sources of measured values (default: none). */
  sources?: SourcesConfig;
  /** Sees every SQL statement the bot runs. */
  onQuery?: (sql: string) => void;
};

/** The real bot (Bolt over HTTP, or Socket Mode) against the sandbox, on a fresh database of the given provider. */
export async function startTestStack(provider: Provider, now: Date, opts: TestStackOptions = {}): Promise<TestStack> {
  const testDb = await createTestDatabase(provider);
  const logs: string[] = [];
  const { logging, logLevel, ...rest } = opts;
  const stack = await startLocalStack({
    database: testDb.config,
    now,
    ...(logging
      ? { logging: { ...logging, sink: (l: string) => logs.push(l) } }
      : { log: createLogger(logLevel ?? "info", "okr-bot", (l) => logs.push(l)) }),
    ...rest,
  });
  const workspace = await ensureWorkspace(stack.bot.database.db, stack.sandbox.teamId);
  return {
    ...stack,
    testDb,
    logs,
    workspaceId: workspace.id,
    importYaml: async (yaml) => {
      await importOkrs(stack.bot.database.db, workspace.id, yaml, stack.clock.now, opts.sources?.kinds);
    },
    close: async () => {
      await stack.stop();
      await testDb.drop();
    },
  };
}
