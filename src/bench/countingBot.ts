// `okr-bot start` with its SQL statements counted (Prisma query events), for the interactions
// benchmark's counting pass only: the events cost CPU, so the timed runs use the real `okr-bot start`.
// Reports the count so far on SIGUSR2 (see botProcess.ts); stops on SIGTERM as `okr-bot start` does.
import { loadConfig } from "../config";
import { loggerFor } from "../logger";
import { startBot } from "../server";
import { reportStatements } from "./botProcess";

async function main(): Promise<void> {
  const config = loadConfig();
  let statements = 0;
  const bot = await startBot(config, loggerFor(config), {
    onQuery: () => {
      statements += 1;
    },
  });
  process.on("SIGUSR2", () => reportStatements(statements));
  process.once("SIGTERM", () => void bot.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
