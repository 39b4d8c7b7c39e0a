import type { Command } from "commander";
import { EXIT_USAGE, UsageError } from "./errors";

/**
 * A command's body as commander calls it: what it returns is the exit code, and a UsageError
 * prints one line and the command's usage (exit code 2), as commander does for its own checks.
 */
export function action<A extends unknown[]>(body: (...args: A) => Promise<number>) {
  return async function (this: Command, ...args: A): Promise<void> {
    try {
      process.exitCode = await body(...args);
    } catch (err) {
      if (err instanceof UsageError)
        this.error(`error: ${err.message}`, { exitCode: EXIT_USAGE, code: "okr-bot.usage" });
      throw err;
    }
  };
}
