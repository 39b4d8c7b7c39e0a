// What okr-bot tells Prometheus at GET /metrics. Each bot has its own registry (several bots in one
// test process must not share counters); the process metrics (CPU, memory, event loop, GC) are the
// process's, so they live in one registry for it, made on first use.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client";
import { outboxStats } from "../db/outboxStats";
import { pathOf } from "../http";
import { REQUEST_KINDS } from "./requestKinds";

export const METRICS_PATH = "/metrics";

/** Slack answers within a few hundred ms; 10 s is the request timeout. */
const SLACK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Slack wants an ack within 3 s. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
/** A job over a big workspace paces hundreds of DMs: minutes. */
const JOB_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600];

/** The outbox's row states (SlackMessage.status). */
const OUTBOX_STATES = ["pending", "sent", "failed"] as const;
/** A scrape does not wait longer than this for the database. */
const PING_TIMEOUT_MS = 2_000;

export class Metrics {
  readonly registry = new Registry();

  readonly slackCalls = new Counter({
    name: "okr_bot_slack_api_calls_total",
    help: "HTTP requests to the Slack Web API, by method and outcome (ok, Slack's error code, rate_limited, http_<status>, timeout, request_error)",
    labelNames: ["method", "outcome"] as const,
    registers: [this.registry],
  });
  readonly slackCallDuration = new Histogram({
    name: "okr_bot_slack_api_call_duration_seconds",
    help: "How long Slack took to answer a Web API request, by method",
    labelNames: ["method"] as const,
    buckets: SLACK_BUCKETS,
    registers: [this.registry],
  });
  readonly slackRateLimited = new Counter({
    name: "okr_bot_slack_rate_limited_total",
    help: "Web API requests Slack answered with 429 (rate limited), by method",
    labelNames: ["method"] as const,
    registers: [this.registry],
  });
  readonly slackRetries = new Counter({
    name: "okr_bot_slack_api_retries_total",
    help: "Web API requests tried again (by the client's retry policy or the outbox), by what went wrong (rate_limited, http_error, request_error, slack_error)",
    labelNames: ["reason"] as const,
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: "okr_bot_job_runs_total",
    help: "Job runs, by job (job_name: Prometheus keeps `job` for the scrape job) and outcome (ok; left: something left for the next run; failed: the run threw)",
    labelNames: ["job_name", "outcome"] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: "okr_bot_job_duration_seconds",
    help: "How long a job run took, by job (job_name) and outcome",
    labelNames: ["job_name", "outcome"] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  readonly checkinsStored = new Counter({
    name: "okr_bot_checkins_stored_total",
    help: "Check-ins stored (one per key result; a correction in the same period counts again)",
    registers: [this.registry],
  });
  readonly requestsAcked = new Counter({
    name: "okr_bot_requests_acked_total",
    help: "Requests from Slack acknowledged, by kind (command, block_actions, view_submission, event, …)",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  readonly ackDuration = new Histogram({
    name: "okr_bot_ack_duration_seconds",
    help: "From a request reaching the app to its ack (Slack gives up after 3 s), by kind",
    labelNames: ["kind"] as const,
    buckets: ACK_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    // Each kind at 0 from the start: rate() and histogram_quantile() need a sample from before the first request.
    for (const kind of REQUEST_KINDS) {
      this.requestsAcked.inc({ kind }, 0);
      this.ackDuration.zero({ kind });
    }
  }

  /** The database gauges, read at each scrape: ping, and the outbox's rows. */
  watchDatabase(database: Database): void {
    const read = sharedWhileRunning(() => readDatabase(database));
    new Gauge({
      name: "okr_bot_database_up",
      help: "1 when the database answered the scrape's ping, else 0",
      registers: [this.registry],
      async collect() {
        this.set((await read()).up ? 1 : 0);
      },
    });
    new Gauge({
      name: "okr_bot_database_ping_seconds",
      help: "How long the scrape's database ping took (the timeout when it did not answer)",
      registers: [this.registry],
      async collect() {
        this.set((await read()).pingSeconds);
      },
    });
    new Gauge({
      name: "okr_bot_outbox_messages",
      help: "Outbox rows (messages the bot posts on its own), by state (pending, sent, failed)",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        const { outbox } = await read();
        if (!outbox) return this.reset();
        for (const state of OUTBOX_STATES) this.set({ state }, outbox.counts[state] ?? 0);
      },
    });
    new Gauge({
      name: "okr_bot_outbox_oldest_pending_seconds",
      help: "Age of the oldest pending outbox row (0 when none is pending)",
      registers: [this.registry],
      async collect() {
        const { outbox } = await read();
        if (outbox) this.set(outbox.oldestPendingSeconds);
      },
    });
  }

  /** The Prometheus text exposition: this bot's metrics and the process's. */
  async text(): Promise<string> {
    return (await processRegistry().metrics()) + (await this.registry.metrics());
  }

  /** GET /metrics. */
  handler(): (req: IncomingMessage, res: ServerResponse) => void {
    return (_req, res) => {
      this.text().then(
        (body) => res.writeHead(200, { "content-type": this.registry.contentType }).end(body),
        (err: unknown) =>
          res.writeHead(500, { "content-type": "text/plain" }).end(`# metrics failed: ${(err as Error).message}\n`),
      );
    };
  }
}

/** METRICS_PORT: /metrics alone on its own port (nothing else is served there). */
export async function serveMetrics(metrics: Metrics, port: number): Promise<Server> {
  const handle = metrics.handler();
  const server = createServer((req, res) => {
    const path = pathOf(req);
    if (path === null) res.writeHead(400).end();
    else if (path === METRICS_PATH && (req.method === "GET" || req.method === "HEAD")) handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}

let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

type DatabaseReading = {
  up: boolean;
  pingSeconds: number;
  outbox?: { counts: Partial<Record<string, number>>; oldestPendingSeconds: number };
};

async function readDatabase(database: Database): Promise<DatabaseReading> {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      database.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), PING_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return { up: false, pingSeconds: PING_TIMEOUT_MS / 1000 };
  } finally {
    clearTimeout(timer);
  }
  const pingSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const { counts, oldestPendingAt } = await outboxStats(database.db);
    const oldestPendingSeconds = oldestPendingAt ? Math.max(0, (Date.now() - oldestPendingAt.getTime()) / 1000) : 0;
    return { up: true, pingSeconds, outbox: { counts, oldestPendingSeconds } };
  } catch {
    return { up: true, pingSeconds };
  }
}

/** One call of `fn` serves every caller until it settles: the gauges of one scrape share one reading. */
function sharedWhileRunning<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () =>
    (running ??= fn().finally(() => {
      running = undefined;
    }));
}
