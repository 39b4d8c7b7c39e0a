// /metrics proven by its consumer: the real Prometheus scrapes a bot through a week (one 429
// included) and answers PromQL about it with what the sandbox and the database say happened.
import { startPrometheus, type Prometheus, type Sample } from "../helpers/prometheus";
import { startTestStack, type TestStack } from "../helpers/stack";
import { MONDAY, runWeek, setUpWeek } from "../helpers/week";

const value = (samples: Sample[], labels: Record<string, string> = {}) =>
  samples.find((s) => Object.entries(labels).every(([k, v]) => s.metric[k] === v))?.value;

describe("Prometheus scraping METRICS_PORT through a week", () => {
  let s: TestStack;
  let prometheus: Prometheus | undefined;
  afterEach(async () => {
    await prometheus?.stop();
    await s?.close();
  });

  it("answers queries about Slack calls, 429s, retries, check-ins, acks, jobs, the outbox and the database", async () => {
    s = await startTestStack("sqlite", MONDAY, { metricsPort: 0 });
    await setUpWeek(s);
    const { port, metricsPort } = s.bot;
    expect(metricsPort).not.toBe(port);
    // With METRICS_PORT, /metrics is not served next to /slack/events.
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);

    prometheus = await startPrometheus(`127.0.0.1:${metricsPort}`);
    const p = prometheus;
    // A scrape before the week, so that rates cover it.
    await p.until('up{job="okr-bot"}', (r) => value(r) === 1);
    await p.until('okr_bot_requests_acked_total{kind="view_submission"}', (r) => value(r) === 0);

    // Slack answers the first post with a 429: the outbox waits and posts again.
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 1 });
    const { checkins } = await runWeek(s);

    const db = s.bot.database.db;
    const posts = s.sandbox.callsTo("chat.postMessage");
    const okPosts = posts.filter((c) => (c.response as { ok?: boolean } | null)?.ok === true).length;
    const sent = await db.slackMessage.count({ where: { status: "sent" } });
    expect(sent).toBeGreaterThanOrEqual(4); // two prompts, the digest, its chart

    // Wait for a scrape after the week.
    await p.until("okr_bot_checkins_stored_total", (r) => value(r) === checkins);
    const calls = await p.until(
      'sum by (outcome) (okr_bot_slack_api_calls_total{method="chat.postMessage"})',
      (r) => value(r, { outcome: "ok" }) === okPosts,
    );
    expect(value(calls, { outcome: "rate_limited" })).toBe(1);
    expect(calls.reduce((n, c) => n + c.value, 0)).toBe(posts.length);
    expect(value(await p.query('okr_bot_slack_rate_limited_total{method="chat.postMessage"}'))).toBe(1);
    expect(value(await p.query('okr_bot_slack_api_retries_total{reason="rate_limited"}'))).toBe(1);
    expect(
      value(await p.query('okr_bot_slack_api_calls_total{method="files.completeUploadExternal",outcome="ok"}')),
    ).toBe(1);

    const acked = await p.query("okr_bot_requests_acked_total");
    expect(value(acked, { kind: "command" })).toBe(2); // /okr checkin, /okr help
    expect(value(acked, { kind: "view_submission" })).toBe(2);
    expect(value(acked, { kind: "block_actions" })).toBe(1); // the prompt's Check in button
    const p99 = await p.query("histogram_quantile(0.99, rate(okr_bot_ack_duration_seconds_bucket[1m]))");
    for (const kind of ["command", "view_submission", "block_actions"]) {
      const seconds = value(p99, { kind });
      expect({ kind, finite: Number.isFinite(seconds), positive: seconds! > 0 }).toEqual({
        kind,
        finite: true,
        positive: true,
      });
    }

    await p.until('okr_bot_outbox_messages{state="sent"}', (r) => value(r) === sent);
    expect(value(await p.query('okr_bot_outbox_messages{state="pending"}'))).toBe(0);
    expect(value(await p.query("okr_bot_outbox_oldest_pending_seconds"))).toBe(0);

    const runs = await p.query("okr_bot_job_runs_total");
    expect(value(runs, { job_name: "checkins", outcome: "ok" })).toBe(1);
    expect(value(runs, { job_name: "digest", outcome: "ok" })).toBe(1);
    expect(value(await p.query('okr_bot_job_duration_seconds_count{job_name="digest"}'))).toBe(1);
    expect(value(await p.query('okr_bot_job_duration_seconds_sum{job_name="digest"}'))).toBeGreaterThan(0);

    expect(value(await p.query("okr_bot_database_up"))).toBe(1);
    expect(value(await p.query("okr_bot_database_ping_seconds"))).toBeGreaterThan(0);
    // prom-client's process metrics.
    expect(value(await p.query('process_resident_memory_bytes{job="okr-bot"}'))).toBeGreaterThan(0);
    expect(value(await p.query("nodejs_eventloop_lag_seconds"))).toBeGreaterThanOrEqual(0);

    // Every scrape was accepted.
    const targets = (await (await fetch(`${p.url}/api/v1/targets`)).json()) as {
      data: { activeTargets: Array<{ health: string; lastError: string }> };
    };
    expect(targets.data.activeTargets.map((t) => ({ health: t.health, lastError: t.lastError }))).toEqual([
      { health: "up", lastError: "" },
    ]);
  });
});

describe("/metrics on the bot's port", () => {
  it.each([["HTTP", false] as const, ["Socket Mode", true] as const])(
    "over %s, each bot counting its own requests",
    async (_mode, socketMode) => {
      const [a, b] = await Promise.all([
        startTestStack("sqlite", MONDAY, { socketMode }),
        startTestStack("sqlite", MONDAY, { socketMode }),
      ]);
      try {
        await a!.requester.command({ user: "U0ALICE", text: "help" });
        const scrape = async (stack: TestStack) => {
          const res = await fetch(`http://127.0.0.1:${stack.bot.port}/metrics`);
          expect(res.status).toBe(200);
          expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
          return res.text();
        };
        const [textA, textB] = [await scrape(a!), await scrape(b!)];
        expect(textA).toContain('okr_bot_requests_acked_total{kind="command"} 1\n');
        expect(textB).toContain('okr_bot_requests_acked_total{kind="command"} 0\n');
        for (const text of [textA, textB]) {
          expect(text).toContain("okr_bot_database_up 1\n");
          expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
        }
      } finally {
        await Promise.all([a!.close(), b!.close()]);
      }
    },
  );
});
