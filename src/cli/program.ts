// The okr-bot command line: its subcommands, their help, and how its usage errors look.
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { addDemoCommand } from "./commands/demo";
import { addExportCommand } from "./commands/export";
import { addForgetCommand } from "./commands/forget";
import { addImportCommand } from "./commands/import";
import { addJobCommand } from "./commands/job";
import { addMigrateCommand } from "./commands/migrate";
import { addRekeyCommand } from "./commands/rekey";
import { addSandboxCommand } from "./commands/sandbox";
import { addSourcesCommand } from "./commands/sources";
import { addStartCommand } from "./commands/start";
import { EXIT_LEFT_FOR_NEXT_RUN } from "./errors";

export function createProgram(): Command {
  const program = new Command("okr-bot")
    .description("Self-hosted Slack bot that runs a team's OKRs: weekly check-ins, digests and quarterly retros.")
    .version(packageVersion(), "-V, --version", "print okr-bot's version")
    // Subcommands made with .command() inherit these: errors throw (main.ts turns them into exit
    // codes) and are followed by the usage of the command that was mistyped.
    .exitOverride()
    .showHelpAfterError()
    // Commander puts its "(Did you mean …?)" on a line of its own: one line says what is wrong.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/\n\(Did you mean (.+)\?\)/, " (did you mean $1?)")),
    })
    .addHelpText(
      "after",
      `
Exit codes: 0 done, 1 an error (configuration, database, Slack), 2 a usage error,
${EXIT_LEFT_FOR_NEXT_RUN} (job) some of what was due is left for the next run.
Configuration comes from environment variables; see README.md.
"okr-bot <command> --help" shows a command's options.`,
    );
  for (const add of [
    addStartCommand,
    addMigrateCommand,
    addImportCommand,
    addExportCommand,
    addJobCommand,
    addForgetCommand,
    addRekeyCommand,
    addSourcesCommand,
    addDemoCommand,
    addSandboxCommand,
  ])
    add(program);
  return program;
}

function packageVersion(): string {
  // dist/cli/program.js → package.json (outside tsc's rootDir, so read rather than imported).
  const file = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}
