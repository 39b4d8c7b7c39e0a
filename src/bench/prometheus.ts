// The real Prometheus (Debian's package, /usr/bin/prometheus; CI installs it) scraping a local
// /metrics, and PromQL through its HTTP API. Nothing is installed here: without the binary the tests
// fail and the bench skips the section that needs it. The tests import it from here too.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { waitFor } from "../sandbox/waitFor";

export const PROMETHEUS_BIN = "/usr/bin/prometheus";

/** Why Prometheus cannot be started here, or undefined when its binary is present. */
export function prometheusMissing(): string | undefined {
  return fs.existsSync(PROMETHEUS_BIN)
    ? undefined
    : `Prometheus is not installed (${PROMETHEUS_BIN} is missing): install Debian's package with \`apt-get install -y prometheus\``;
}

export type Sample = { metric: Record<string, string>; value: number };

export type Prometheus = {
  url: string;
  /** An instant query: its samples (NaN included, as Prometheus gives them). */
  query(promql: string): Promise<Sample[]>;
  /** Waits until the query gives a sample that passes `ok`, and returns the samples. */
  until(promql: string, ok: (samples: Sample[]) => boolean, timeoutMs?: number): Promise<Sample[]>;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts Prometheus scraping `target` (host:port) every second, with its storage in a temp directory. */
export async function startPrometheus(target: string): Promise<Prometheus> {
  const missing = prometheusMissing();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-prometheus-"));
  const config = path.join(dir, "prometheus.yml");
  fs.writeFileSync(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  evaluation_interval: 1s",
      "scrape_configs:",
      "  - job_name: okr-bot",
      "    scrape_interval: 1s",
      "    scrape_timeout: 1s",
      "    static_configs:",
      `      - targets: ["${target}"]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone) {
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
      clearTimeout(timer);
      if (!gone) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const query = async (promql: string): Promise<Sample[]> => {
    const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== "success") throw new Error(`Prometheus refused ${promql}: ${body.error}`);
    if (body.data?.resultType !== "vector")
      throw new Error(`${promql}: expected a vector, got ${body.data?.resultType}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  try {
    await waitFor(
      async () => {
        if (gone) throw new Error(`Prometheus exited at start:\n${output}`);
        return (await fetch(`${url}/-/ready`).catch(() => null))?.ok;
      },
      { timeoutMs: 15_000, intervalMs: 200, message: "Prometheus to be ready" },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    query,
    until: async (promql, ok, timeoutMs = 15_000) => {
      let last: Sample[] = [];
      try {
        return await waitFor(
          async () => {
            last = await query(promql);
            return ok(last) ? last : undefined;
          },
          { timeoutMs, intervalMs: 200, message: promql },
        );
      } catch (err) {
        throw new Error(`${(err as Error).message}; last answer: ${JSON.stringify(last)}\n${output.slice(-2000)}`);
      }
    },
    stop,
  };
}
