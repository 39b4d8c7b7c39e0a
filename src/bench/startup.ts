// Time from `okr-bot start` (a new process, as in production) to a healthy /healthz, on SQLite:
// on a new database (migrations included) and on one already migrated.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SlackSandbox } from "../sandbox";
import { median } from "./report";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function oneStart(cli: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, "start"], { env: { ...env, PORT: String(port) }, stdio: "ignore" });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`okr-bot start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error("okr-bot start was not healthy within 30 s");
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
  }
}

export async function startup(opts: { runs: number; cli: string }): Promise<{ firstStartMs: number; restartMs: number }> {
  const sandbox = new SlackSandbox();
  await sandbox.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-bench-start-"));
  try {
    const firsts: number[] = [];
    const restarts: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const env = { SLACK_BOT_TOKEN: sandbox.token, SLACK_SIGNING_SECRET: randomBytes(16).toString("hex"), SLACK_API_URL: sandbox.apiUrl, DATABASE_URL: `file:${path.join(dir, `okr-${run}.db`)}`, LOG_LEVEL: "error" };
      firsts.push(await oneStart(opts.cli, env));
      restarts.push(await oneStart(opts.cli, env));
    }
    return { firstStartMs: median(firsts), restartMs: median(restarts) };
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
