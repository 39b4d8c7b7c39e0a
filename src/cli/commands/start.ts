import type { Command } from "commander";
import { loadConfig } from "../../config";
import { loggerFor } from "../../logger";
import { action } from "../action";

export function addStartCommand(program: Command): void {
  program
    .command("start")
    .summary("run the bot (HTTP, or Socket Mode when SLACK_APP_TOKEN is set) and its scheduler")
    .description(
      "Run the bot and its scheduler: over HTTP (/slack/events), or in Socket Mode when SLACK_APP_TOKEN is set, " +
        "with /healthz in both. Applies pending migrations first; runs until SIGTERM or SIGINT.",
    )
    .action(action(start));
}

async function start(): Promise<number> {
  const config = loadConfig();
  const log = loggerFor(config);
  const { startBot } = await import("../../server");
  const bot = await startBot(config, log);
  const shutdown = (signal: string) => {
    log.info(`${signal} received, shutting down`);
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        log.error("shutdown failed", err);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (err) => log.error("unhandled rejection", err));
  return new Promise<number>(() => undefined); // runs until a signal
}
