// `okr-bot start` in a process of its own, as production runs it: the benchmarks measure the bot,
// not the bot sharing a thread with the local Slack that drives it.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export type BotProcess = { url: string; child: ChildProcess; startedInMs: number; stop(): Promise<void> };

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

/** Starts the bot and resolves once /healthz answers 200, with how long that took. */
export async function startBotProcess(cli: string, env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, "start"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
  };
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`okr-bot start exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, startedInMs: performance.now() - started, stop };
    if (performance.now() - started > 30_000) {
      await stop();
      throw new Error(`okr-bot start was not healthy within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
