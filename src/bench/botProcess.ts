// `okr-bot start` in a process of its own, as production runs it: the benchmarks measure the bot,
// not the bot sharing a thread with the local Slack that drives it. The reference apps of the
// interactions benchmark run the same way, so CPU and memory are each process's own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";

export type BotProcess = {
  url: string;
  child: ChildProcess;
  startedInMs: number;
  /** CPU time (user + system) the process has used so far, from /proc. */
  cpuMs(): number;
  /** Its peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** The SQL statements it has run so far: only for a process started to count them (see COUNT_STATEMENTS). */
  statements(): Promise<number>;
  stop(): Promise<void>;
};

/** The argument that asks a bench child to count its SQL statements and report them on SIGUSR2. */
export const COUNT_STATEMENTS = "--count-statements";

/** What a counting child writes on stdout when asked (SIGUSR2). */
export function reportStatements(count: number): void {
  process.stdout.write(`statements ${count}\n`);
}

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

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux, whatever the kernel's own HZ

function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 14th and 15th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function peakRssMbOf(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** Starts the bot and resolves once /healthz answers 200, with how long that took. */
export function startBotProcess(cli: string, env: Record<string, string>): Promise<BotProcess> {
  return startProcess([cli, "start"], env);
}

/** `node <args>` serving /healthz on PORT; resolves once it answers 200. */
export async function startProcess(args: string[], env: Record<string, string>): Promise<BotProcess> {
  if (os.platform() !== "linux") throw new Error("the benchmarks read /proc: run them on Linux");
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const counts: Array<(n: number) => void> = [];
  let stdout = "";
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
    for (let nl = stdout.indexOf("\n"); nl >= 0; nl = stdout.indexOf("\n")) {
      const m = /^statements (\d+)$/.exec(stdout.slice(0, nl));
      stdout = stdout.slice(nl + 1);
      if (m) counts.shift()?.(Number(m[1]));
    }
  });
  const statements = () =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${args[0]} did not report its statements`)), 10_000);
      counts.push((n) => {
        clearTimeout(timer);
        resolve(n);
      });
      child.kill("SIGUSR2");
    });
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
  };
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok)
      return {
        url,
        child,
        startedInMs: performance.now() - started,
        cpuMs: () => cpuMsOf(pid),
        peakRssMb: () => peakRssMbOf(pid),
        statements,
        stop,
      };
    if (performance.now() - started > 30_000) {
      await stop();
      throw new Error(`${args.join(" ")} was not healthy within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
