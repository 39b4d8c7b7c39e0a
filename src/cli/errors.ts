// What the CLI says when a command fails, and with which exit code.
import { CommanderError } from "commander";
import { ConfigError } from "../config";
import { MigrationError } from "../db/migrate";
import { redact } from "../logger";
import { isSlackUnreachable, slackFailureReason, SlackUnreachableError } from "../slack/unreachable";

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** `okr-bot job`'s exit code when some of what was due is left for the next run. */
export const EXIT_LEFT_FOR_NEXT_RUN = 3;

/** A failure the user can act on: its message is all they see. */
export class CliError extends Error {
  override name = "CliError";
}

/** The command line itself is wrong: the message, then the command's usage, and exit code 2. */
export class UsageError extends CliError {
  override name = "UsageError";
}

/**
 * The exit code for an error that ended a command, after printing what the user needs: a line
 * for what they can fix, a stack only for what they cannot (a bug to report).
 */
export function reportFailure(err: unknown, print: (text: string) => void): number {
  if (err instanceof CommanderError) {
    // Commander has printed the message and the usage (or the help asked for) already.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return EXIT_OK;
    if (err.code === "commander.help") return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return EXIT_USAGE;
  }
  if (
    err instanceof ConfigError ||
    err instanceof CliError ||
    err instanceof MigrationError ||
    err instanceof SlackUnreachableError
  ) {
    print(redact(err.message));
  } else if (isSlackUnreachable(err)) {
    print(`could not reach Slack (${slackFailureReason(err)}); check SLACK_API_URL and the network`);
  } else {
    print(redact(err instanceof Error ? (err.stack ?? err.message) : String(err)));
  }
  return EXIT_ERROR;
}

/** A port that could not be listened on, said as what to change (`flag` names the option). */
export function listenError(err: unknown, flag: string): unknown {
  const e = err as { code?: unknown; port?: unknown; address?: unknown };
  if (e?.code === "EADDRINUSE")
    return new CliError(
      `port ${String(e.port)} on ${String(e.address)} is in use: choose another with ${flag} (0 for any free port)`,
    );
  if (e?.code === "EACCES")
    return new CliError(`not allowed to listen on port ${String(e.port)}: choose one above 1023 with ${flag}`);
  return err;
}
