// Time from `okr-bot start` (a new process, as in production) to a healthy /healthz, on SQLite:
// on a new database (migrations included) and on one already migrated.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SlackSandbox } from "../sandbox";
import { startBotProcess } from "./botProcess";
import { median } from "./report";

async function oneStart(cli: string, env: Record<string, string>): Promise<number> {
  const bot = await startBotProcess(cli, env);
  await bot.stop();
  return bot.startedInMs;
}

export async function startup(opts: {
  runs: number;
  cli: string;
}): Promise<{ firstStartMs: number; restartMs: number }> {
  const sandbox = new SlackSandbox();
  await sandbox.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-bench-start-"));
  try {
    const firsts: number[] = [];
    const restarts: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const env = {
        SLACK_BOT_TOKEN: sandbox.token,
        SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"),
        SLACK_API_URL: sandbox.apiUrl,
        DATABASE_URL: `file:${path.join(dir, `okr-${run}.db`)}`,
        LOG_LEVEL: "error",
      };
      firsts.push(await oneStart(opts.cli, env));
      restarts.push(await oneStart(opts.cli, env));
    }
    return { firstStartMs: median(firsts), restartMs: median(restarts) };
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
