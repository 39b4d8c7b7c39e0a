import type { Command } from "commander";
import { action } from "../action";
import { listenError } from "../errors";
import { port } from "../values";

export function addDemoCommand(program: Command): void {
  program
    .command("demo")
    .summary("play a whole OKR cycle against a local Slack sandbox (--web: in a browser)")
    .description(
      "Play a whole OKR cycle against a local Slack sandbox on a throwaway database, and print what each person and channel saw. Needs no Slack app and no configuration. " +
        "With --web, serve the sandbox as a page on 127.0.0.1 that looks and behaves like Slack, driven by the real bot: click through check-ins, jump the clock to the digest and the retro.",
    )
    .option("--web", "serve the demo as a web page instead of printing a transcript")
    .option("--port <port>", "the web page's port (default: any free port; the URL is printed)")
    .action(
      action(async (opts: { web?: boolean; port?: string }) => {
        const chosenPort = port(opts.port);
        const out = (line: string) => process.stdout.write(`${line}\n`);
        // Loaded only here: Bolt and the sandbox are not needed by the other commands (nor their memory).
        if (opts.web) {
          const { runWebDemo } = await import("../../demo/webDemo");
          return runWebDemo({ out, ...(chosenPort !== undefined ? { port: chosenPort } : {}) }).catch((e: unknown) => {
            throw listenError(e, "--port");
          });
        }
        const { runDemo } = await import("../../demo/runDemo");
        return runDemo({ out });
      }),
    );
}
