// The real bot in Socket Mode against the sandbox's Socket Mode server: commands, buttons, modals
// and events arrive as envelopes and are answered in the acks; Slack's refreshes, dropped links
// and a minute-long outage of apps.connections.open are survived.
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    objectives:
      - title: Make our platform reliable
        owner: U0MANAGER
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 8
            target: 2
            measured_by: Incident tracker
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startSocketStack(provider: (typeof PROVIDERS)[number]): Promise<TestStack> {
  const s = await startTestStack(provider, new Date("2026-11-23T09:30:00Z"), { socketMode: true });
  for (const id of ["U0ALICE", "U0MANAGER"]) s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "Europe/London" });
  await s.importYaml(OKRS);
  return s;
}

async function health(s: TestStack): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`http://127.0.0.1:${s.bot.port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** `/okr help`, answered in the ack of its envelope. */
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
  afterEach(async () => s.close());

  it("connects with the app-level token and answers /okr help in the ack", async () => {
    const sm = s.sandbox.socketMode;
    expect(sm.connections).toBe(1);
    expect(sm.opens).toEqual([expect.objectContaining({ outcome: "url", status: 200 })]);
    await askHelp(s);
    expect(sm.envelopes.at(-1)).toMatchObject({ type: "slash_commands", acceptsResponsePayload: true, ack: { payload: { response_type: "ephemeral" } } });
    // Nothing listens for signed HTTP requests in Socket Mode: the port serves /healthz only.
    expect((await fetch(`http://127.0.0.1:${s.bot.port}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(await health(s)).toEqual({ status: 200, body: { status: "ok", database: "up", socket: "connected" } });
    expect(sm.protocolErrors).toEqual([]);
  });
});
