import type { Command } from "commander";
import { action } from "../action";
import { listenError, UsageError } from "../errors";
import { port } from "../values";

export function addSandboxCommand(program: Command): void {
  program
    .command("sandbox")
    .summary("serve a local Slack sandbox for a bot started separately (--web: and its page)")
    .description(
      "Serve the local Slack sandbox the demo and the tests use, with the demo's people in it, for a bot you start yourself: " +
        "it prints the SLACK_API_URL and tokens to start the bot with (Socket Mode, or signed HTTP requests with --bot-url). " +
        "With --web, also serve a page on 127.0.0.1 that shows the workspace as Slack would and sends your clicks to the bot.",
    )
    .option("--web", "also serve the page that shows the sandbox like Slack")
    .option("--port <port>", "the sandbox's Web API port (default: any free port)")
    .option("--web-port <port>", "the page's port (default: any free port)")
    .option("--bot-url <url>", "the bot's request URL, e.g. http://127.0.0.1:3000/slack/events (default: Socket Mode)")
    .action(
      action(async (opts: { web?: boolean; port?: string; webPort?: string; botUrl?: string }) => {
        const apiPort = port(opts.port);
        const webPort = port(opts.webPort);
        if (opts.botUrl !== undefined && !/^https?:\/\/\S+$/.test(opts.botUrl))
          throw new UsageError(
            `--bot-url should be an http(s) URL such as http://127.0.0.1:3000/slack/events, not "${opts.botUrl}"`,
          );
        const { runStandaloneSandbox } = await import("../../demo/sandboxWeb");
        return runStandaloneSandbox({
          out: (line) => process.stdout.write(`${line}\n`),
          web: opts.web === true,
          ...(apiPort !== undefined ? { port: apiPort } : {}),
          ...(webPort !== undefined ? { webPort } : {}),
          ...(opts.botUrl !== undefined ? { botUrl: opts.botUrl } : {}),
        }).catch((e: unknown) => {
          throw listenError(e, "--port or --web-port");
        });
      }),
    );
}
