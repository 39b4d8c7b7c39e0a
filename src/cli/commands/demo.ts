import type { Command } from "commander";
import { action } from "../action";

export function addDemoCommand(program: Command): void {
  program
    .command("demo")
    .summary("play a whole OKR cycle against a local Slack sandbox")
    .description("Play a whole OKR cycle against a local Slack sandbox on a throwaway database, and print what each person and channel saw. Needs no Slack app and no configuration.")
    .action(
      action(async () => {
        // Loaded only here: Bolt and the sandbox are not needed by the other commands (nor their memory).
        const { runDemo } = await import("../../demo/runDemo");
        return runDemo({ out: (line) => process.stdout.write(line + "\n") });
      }),
    );
}
