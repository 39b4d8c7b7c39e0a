// The real bot in Socket Mode against the sandbox's Socket Mode server: commands, buttons, modals
// and events arrive as envelopes and are answered in the acks; Slack's refreshes, dropped links
// and a minute-long outage of apps.connections.open are survived.
import net from "node:net";
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { addPeople, P1_INCIDENTS, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = platformOkrs({ owner: "U0MANAGER", keyResults: [P1_INCIDENTS] });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startSocketStack(provider: (typeof PROVIDERS)[number]): Promise<TestStack> {
  const s = await startTestStack(provider, new Date("2026-11-23T09:30:00Z"), { socketMode: true });
  addPeople(s.sandbox, ["U0ALICE", "U0MANAGER"], "Europe/London");
  await s.importYaml(OKRS);
  return s;
}

async function health(s: TestStack): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`http://127.0.0.1:${s.bot.port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** `/okr help`, answered in the ack of its envelope. */
/** A raw HTTP request with a target no URL parser accepts; the status line of the answer. */
function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let answer = "";
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("end", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

async function askHelp(s: TestStack): Promise<void> {
  const res = await s.requester.command({ user: "U0ALICE", text: "help" });
  expect(res.status).toBe(200);
  expect(res.durationMs).toBeLessThan(3000);
  expect(res.json).toMatchObject({ response_type: "ephemeral" });
  expect(res.body).toContain("okr-bot commands");
}

describe.each(PROVIDERS)("Socket Mode on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startSocketStack(provider);
  });
  afterEach(async () => {
    const errors = s.logs.filter((l) => / ERROR /.test(l));
    await s.close();
    expect(errors).toEqual([]);
  });

  it("connects with the app-level token and answers /okr help in the ack", async () => {
    const sm = s.sandbox.socketMode;
    expect(sm.connections).toBe(1);
    expect(sm.opens).toEqual([expect.objectContaining({ outcome: "url", status: 200 })]);
    await askHelp(s);
    expect(sm.envelopes.at(-1)).toMatchObject({
      type: "slash_commands",
      acceptsResponsePayload: true,
      ack: { payload: { response_type: "ephemeral" } },
    });
    // Nothing listens for signed HTTP requests in Socket Mode: the port serves /healthz only.
    expect((await fetch(`http://127.0.0.1:${s.bot.port}/slack/events`, { method: "POST", body: "{}" })).status).toBe(
      404,
    );
    expect(await health(s)).toEqual({ status: 200, body: { status: "ok", database: "up", socket: "connected" } });
    expect(sm.protocolErrors).toEqual([]);
    // With PORT=0 the log names the port the system picked.
    expect(s.bot.port).toBeGreaterThan(0);
    expect(s.logs.join("\n")).toContain(`okr-bot is running (Socket Mode on port ${s.bot.port},`);
  });

  it("answers a request target that is no URL with 400 and stays up (its port and METRICS_PORT's)", async () => {
    await s.close();
    s = await startTestStack(provider, new Date("2026-11-23T09:30:00Z"), { socketMode: true, metricsPort: 0 });
    for (const port of [s.bot.port, s.bot.metricsPort!]) {
      expect(await rawRequest(port, "//[")).toBe("HTTP/1.1 400 Bad Request");
    }
    expect((await health(s)).status).toBe(200);
    await askHelp(s);
  });

  it("opens the check-in modal from the DM button, answers a bad value with field errors in the ack, stores a good one and updates the DM", async () => {
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1 });
    const prompt = s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Weekly check-in"))!;
    const click = await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    expect(click.status).toBe(200);
    expect(click.durationMs).toBeLessThan(3000);
    expect(s.sandbox.socketMode.envelopes.at(-1)).toMatchObject({
      type: "interactive",
      payload: { type: "block_actions" },
    });
    const view = await waitFor(
      () =>
        s.sandbox
          .openViews("U0ALICE")
          .find((v) => v.callbackId === IDS.views.checkin && JSON.stringify(v.view).includes(IDS.checkinBlocks.value)),
      { timeoutMs: 5000 },
    );

    const db = s.bot.database.db;
    const kr = await db.keyResult.findFirstOrThrow({ where: { title: "Reduce P1 incidents" } });
    const field = (kind: keyof typeof IDS.checkinBlocks) => `${IDS.checkinBlocks[kind]}${kr.id}`;
    const bad = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: { [field("value")]: "five-ish", [field("confidence")]: "on_track" },
    });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: { [field("value")]: "Enter a number, e.g. 42 or 97.5." },
    });
    expect(bad.outcome.action).toBe("errors");
    expect(s.sandbox.socketMode.envelopes.at(-1)).toMatchObject({
      type: "interactive",
      acceptsResponsePayload: true,
      ack: { payload: { response_action: "errors" } },
    });
    expect(await db.checkIn.count()).toBe(0);

    const good = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: { [field("value")]: "5", [field("confidence")]: "on_track" },
    });
    expect(good.status).toBe(200);
    expect(good.outcome.action).toBe("closed");
    expect((await db.checkIn.findMany()).map((c) => [c.keyResultId, c.value, c.confidence])).toEqual([
      [kr.id, 5, "on_track"],
    ]);
    await waitFor(
      () => s.sandbox.dmsTo("U0ALICE").find((m) => m.ts === prompt.ts && m.text.startsWith("Checked in ✓")),
      { timeoutMs: 5000, message: "the prompt DM says Checked in" },
    );
    expect(s.sandbox.socketMode.protocolErrors).toEqual([]);
  });

  it("publishes the App Home when the app_home_opened event arrives as an events_api envelope", async () => {
    const res = await s.requester.appHomeOpened({ user: "U0ALICE" });
    expect(res.status).toBe(200);
    expect(s.sandbox.socketMode.envelopes.at(-1)).toMatchObject({
      type: "events_api",
      acceptsResponsePayload: false,
      payload: { type: "event_callback", event: { type: "app_home_opened" } },
    });
    const home = await waitFor(() => s.sandbox.home("U0ALICE"), { timeoutMs: 5000 });
    expect(JSON.stringify(home.view)).toContain("Reduce P1 incidents");
  });

  it.each(["warning", "refresh_requested"] as const)(
    "reconnects when Slack sends disconnect (%s) and still answers",
    async (reason) => {
      const sm = s.sandbox.socketMode;
      const opened = sm.linksOpened;
      sm.disconnect(reason);
      await waitFor(() => sm.linksOpened > opened && sm.connections === 1, {
        timeoutMs: 10_000,
        message: "a new link",
      });
      expect(sm.opens.filter((o) => o.outcome === "url")).toHaveLength(2);
      await askHelp(s);
      expect((await health(s)).body.socket).toBe("connected");
    },
  );

  it("reconnects after the link is dropped without a close frame", async () => {
    const sm = s.sandbox.socketMode;
    sm.dropLinks();
    await waitFor(() => sm.linksOpened === 2 && sm.connections === 1, { timeoutMs: 10_000, message: "a new link" });
    await askHelp(s);
  });
});

// Real time: the socket client's timers cannot be injected, and the protocol is not faked.
describe("Socket Mode through a minute-long outage of apps.connections.open", () => {
  const OUTAGE_MS = 60_000;
  const CAP_MS = 8_000;
  let s: TestStack;
  beforeAll(async () => {
    s = await startSocketStack(PROVIDERS[0]!);
  });
  afterAll(async () => s.close());

  it("keeps retrying with capped backoff, tells /healthz, and listens again within 10 s of recovery", async () => {
    const sm = s.sandbox.socketMode;
    const start = Date.now();
    sm.failConnectionsOpen({ forMs: OUTAGE_MS, how: "alternate" });
    sm.dropLinks();
    const recovery = start + OUTAGE_MS;

    // Within the grace period the bot is reconnecting and still healthy; past it, /healthz says why not.
    await waitFor(() => sm.connections === 0, { timeoutMs: 2000 });
    expect(await health(s)).toEqual({ status: 200, body: { status: "ok", database: "up", socket: "reconnecting" } });
    await sleep(start + 35_000 - Date.now());
    const down = await health(s);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: "unavailable", database: "up", socket: "down" });
    expect(down.body.reason).toMatch(/^no Socket Mode connection for 3\d s \((HTTP 503|.+)\)$/);

    await sleep(recovery - Date.now());
    await sm.waitForConnections(1, 10_000);
    const listeningAfterMs = Date.now() - recovery;
    expect(listeningAfterMs).toBeLessThan(10_000);
    await askHelp(s);
    expect(await health(s)).toEqual({ status: 200, body: { status: "ok", database: "up", socket: "connected" } });

    // It never stopped trying: attempts all through the outage, never more than the cap apart.
    const during = sm.opens.filter((o) => o.at >= start && o.at < recovery);
    expect(during.every((o) => o.outcome === "http_error" || o.outcome === "reset")).toBe(true);
    expect(new Set(during.map((o) => o.outcome))).toEqual(new Set(["http_error", "reset"]));
    expect(during.length).toBeGreaterThanOrEqual(OUTAGE_MS / CAP_MS);
    expect(during[0]!.at - start).toBeLessThan(2_000);
    const gaps = during.slice(1).map((o, i) => o.at - during[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(CAP_MS + 500);
    expect(recovery - during.at(-1)!.at).toBeLessThanOrEqual(CAP_MS + 500);
    // The waits grow, then stay at the cap with jitter (drawn in its upper half).
    expect(gaps[0]!).toBeLessThan(gaps.at(-1)!);
    expect(gaps.slice(-3).every((g) => g >= CAP_MS / 2)).toBe(true);
    expect(sm.opens.filter((o) => o.at >= recovery).map((o) => o.outcome)).toEqual(["url"]);

    const log = s.logs.join("\n");
    expect(log).toMatch(/WARN .*Socket Mode: could not connect to Slack \(HTTP 503\); attempt \d+ failed/);
    expect(log).not.toMatch(/ ERROR /);
  }, 100_000);
});
