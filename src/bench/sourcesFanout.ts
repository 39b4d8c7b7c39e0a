// Measured values before a fan-out: `keyResults` of the fan-out's owners name a source on one real
// Prometheus (concurrency limit 8), so `okr-bot job checkins` reads them all before it sends the
// prompts. The reads are counted by Prometheus itself (prometheus_http_requests_total) and timed on
// the wire by a pass-through in front of it, which also sees how many were in flight at once.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fanout, type FanoutResult } from "./fanout";
import { startPrometheus } from "./prometheus";

export const SOURCE_CONCURRENCY = 8;
const SOURCE = "prom";
const BUCKETS = ["0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"];

/** A p75 latency from a per-key-result histogram, as an operator would read "p75 LCP on /checkout". */
export const benchQuery = (k: number) =>
  `histogram_quantile(0.75, sum by (le) (rate(bench_request_duration_seconds_bucket{kr="${k}"}[1m])))`;

export type SourcesFanoutResult = {
  fanout: FanoutResult;
  /** Reads Prometheus answered on /api/v1/query during the fan-out (its own counter). */
  reads: number;
  /** Reads seen by the pass-through, and the most in flight at once. */
  readsOnTheWire: number;
  peakInFlight: number;
  /** First query sent → last answer received, in seconds; and when that was, from the job's start. */
  readSeconds: number;
  readsDoneAfterSeconds: number;
};

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A /metrics that Prometheus scrapes: one histogram per key result, growing by a little each scrape. */
function metricsTarget(keyResults: number): http.Server {
  let scrapes = 0;
  return http.createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    scrapes += 1;
    const lines = [
      "# HELP bench_request_duration_seconds Request latency, per key result.",
      "# TYPE bench_request_duration_seconds histogram",
    ];
    for (let k = 0; k < keyResults; k++) {
      let cumulative = 0;
      BUCKETS.forEach((le, j) => {
        cumulative += scrapes * (1 + ((k + j) % 5));
        lines.push(`bench_request_duration_seconds_bucket{kr="${k}",le="${le}"} ${cumulative}`);
      });
      lines.push(`bench_request_duration_seconds_sum{kr="${k}"} ${cumulative * 0.8}`);
      lines.push(`bench_request_duration_seconds_count{kr="${k}"} ${cumulative}`);
    }
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(`${lines.join("\n")}\n`);
  });
}

type Tap = { server: http.Server; count: number; inFlight: number; peak: number; first?: number; last?: number };

/** Passes every request on to `upstream` unchanged, noting when each was sent and answered. */
function tap(upstream: string): Tap {
  const agent = new http.Agent({ keepAlive: true });
  const t: Tap = {
    count: 0,
    inFlight: 0,
    peak: 0,
    server: http.createServer((req, res) => {
      t.count += 1;
      t.inFlight += 1;
      t.peak = Math.max(t.peak, t.inFlight);
      t.first ??= performance.now();
      const done = () => {
        t.inFlight -= 1;
        t.last = performance.now();
      };
      const forward = http.request(
        `${upstream}${req.url}`,
        { method: req.method, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("end", done);
        },
      );
      forward.on("error", () => {
        done();
        res.writeHead(502).end();
      });
      req.pipe(forward);
    }),
  };
  return t;
}

/** Prometheus' own count of instant queries answered (its /metrics, not PromQL: no scrape lag). */
async function queriesAnswered(prometheusUrl: string): Promise<number> {
  const text = await (await fetch(`${prometheusUrl}/metrics`)).text();
  let total = 0;
  for (const m of text.matchAll(/^prometheus_http_requests_total\{([^}]*)\} (\S+)$/gm))
    if (/handler="\/api\/v1\/query"/.test(m[1]!)) total += Number(m[2]);
  return total;
}

export async function sourcesFanout(opts: {
  owners: number;
  keyResults: number;
  perSecond: number;
  cli: string;
}): Promise<SourcesFanoutResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-bench-sources-"));
  const target = metricsTarget(opts.keyResults);
  const targetPort = await listen(target);
  const prometheus = await startPrometheus(`127.0.0.1:${targetPort}`);
  const wire = tap(prometheus.url);
  try {
    const wirePort = await listen(wire.server);
    // rate() over a window needs two scrapes of every series.
    for (const k of [0, opts.keyResults - 1])
      await prometheus.until(benchQuery(k), (s) => s.length === 1 && Number.isFinite(s[0]!.value), 30_000);
    const file = path.join(dir, "sources.yaml");
    fs.writeFileSync(
      file,
      [
        "sources:",
        `  - name: ${SOURCE}`,
        "    kind: prometheus",
        `    url: http://127.0.0.1:${wirePort}`,
        `    concurrency: ${SOURCE_CONCURRENCY}`,
        "",
      ].join("\n"),
    );
    const before = await queriesAnswered(prometheus.url);
    wire.count = 0;
    const result = await fanout({
      owners: opts.owners,
      perSecond: opts.perSecond,
      cli: opts.cli,
      sources: {
        file,
        source: (k) => (k < opts.keyResults ? { name: SOURCE, query: benchQuery(k) } : undefined),
        known: new Map([[SOURCE, "prometheus"]]),
      },
    });
    const reads = (await queriesAnswered(prometheus.url)) - before;
    if (wire.first === undefined || wire.last === undefined) throw new Error("no source was read during the fan-out");
    return {
      fanout: result,
      reads,
      readsOnTheWire: wire.count,
      peakInFlight: wire.peak,
      readSeconds: (wire.last - wire.first) / 1000,
      readsDoneAfterSeconds: (wire.last - result.startedAt) / 1000,
    };
  } finally {
    await close(wire.server);
    await prometheus.stop();
    await close(target);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
