// The sandbox's Socket Mode server, driven by a bare WebSocket client the way an app would.
import { WebSocket } from "ws";
import { SlackRequester, type SlackSandbox, waitFor } from "../../src/sandbox";
import { startSandbox } from "./support";

let sandbox: SlackSandbox;
const clients: WebSocket[] = [];

beforeEach(async () => {
  sandbox = await startSandbox({ socketMode: { pingIntervalMs: 50 } });
});
afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.on("error", () => undefined);
    c.terminate();
  }
  await sandbox.stop();
});

async function connectionsOpen(token: string | null = sandbox.socketMode.appToken): Promise<Response> {
  return fetch(`${sandbox.apiUrl}apps.connections.open`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: "",
  });
}

type App = { ws: WebSocket; messages: Array<Record<string, unknown>>; pings: number };

/** An app's side of a link: the WebSocket, every JSON message received, and the pings. */
async function connect(url?: string): Promise<App> {
  const target = url ?? ((await (await connectionsOpen()).json()) as { url: string }).url;
  const ws = new WebSocket(target);
  clients.push(ws);
  const app: App = { ws, messages: [], pings: 0 };
  ws.on("message", (data) => app.messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  ws.on("ping", () => (app.pings += 1));
  await waitFor(() => app.messages.find((m) => m.type === "hello"), { message: "hello" });
  return app;
}

const requester = () => new SlackRequester({ socketMode: sandbox.socketMode, sandbox, timeoutMs: 2000 });

const envelopeOf = (app: App, type: string) =>
  waitFor(() => app.messages.find((m) => m.type === type), { message: `a ${type} envelope` });

describe("apps.connections.open", () => {
  it("hands out a WebSocket URL with a ticket for the app-level token only", async () => {
    const ok = (await (await connectionsOpen()).json()) as { ok: boolean; url: string };
    expect(ok.ok).toBe(true);
    expect(ok.url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=[0-9a-f-]{36}&app_id=${sandbox.identity.appId}$`),
    );
    expect(await (await connectionsOpen(sandbox.token)).json()).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(await (await connectionsOpen(null)).json()).toEqual({ ok: false, error: "not_authed" });
    expect(await (await connectionsOpen("xapp-1-A0OTHER-1-abc")).json()).toEqual({ ok: false, error: "invalid_auth" });
    expect(sandbox.socketMode.opens.map((o) => o.outcome)).toEqual(["url", "refused", "refused", "refused"]);
    expect(sandbox.callsTo("apps.connections.open")).toHaveLength(4);
  });

  it("fails for a while when told to: HTTP 5xx, then a reset connection, then works again", async () => {
    sandbox.socketMode.failConnectionsOpen({ forMs: 300, how: "alternate", status: 502 });
    const first = await connectionsOpen();
    expect(first.status).toBe(502);
    await expect(connectionsOpen()).rejects.toThrow();
    expect((await connectionsOpen()).status).toBe(502);
    await new Promise((r) => setTimeout(r, 300));
    expect(((await (await connectionsOpen()).json()) as { ok: boolean }).ok).toBe(true);
    expect(sandbox.socketMode.opens.map((o) => [o.outcome, o.status])).toEqual([
      ["http_error", 502],
      ["reset", 0],
      ["http_error", 502],
      ["url", 200],
    ]);
  });
});

describe("a Socket Mode link", () => {
  it("says hello with the number of connections, debug info and the app id", async () => {
    const app = await connect();
    const hello = app.messages[0]!;
    expect(hello).toEqual({
      type: "hello",
      num_connections: 1,
      debug_info: {
        host: expect.stringMatching(/^applink-/),
        started: expect.any(String),
        build_number: 1,
        approximate_connection_time: 18060,
      },
      connection_info: { app_id: sandbox.identity.appId },
    });
    const url = ((await (await connectionsOpen()).json()) as { url: string }).url;
    const second = await connect(`${url}&debug_reconnects=true`);
    expect(second.messages[0]).toMatchObject({ num_connections: 2, debug_info: { approximate_connection_time: 360 } });
    expect(sandbox.socketMode.connections).toBe(2);
  });

  it("takes a ticket once", async () => {
    const url = ((await (await connectionsOpen()).json()) as { url: string }).url;
    await connect(url);
    const again = new WebSocket(url);
    clients.push(again);
    const status = await new Promise<number>((resolve) =>
      again.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
    expect(sandbox.socketMode.connections).toBe(1);
  });

  it("pings", async () => {
    const app = await connect();
    await waitFor(() => app.pings >= 2, { message: "pings" });
  });

  it("delivers a slash command and gives the ack's payload back as the answer", async () => {
    const app = await connect();
    const answer = requester().command({ user: "UALICE", text: "help" });
    const envelope = await envelopeOf(app, "slash_commands");
    expect(envelope).toEqual({
      envelope_id: expect.any(String),
      type: "slash_commands",
      accepts_response_payload: true,
      payload: expect.objectContaining({ command: "/okr", text: "help", user_id: "UALICE", team_id: sandbox.teamId }),
    });
    app.ws.send(
      JSON.stringify({ envelope_id: envelope.envelope_id, payload: { response_type: "ephemeral", text: "hi" } }),
    );
    const res = await answer;
    expect(res).toMatchObject({ status: 200, json: { response_type: "ephemeral", text: "hi" } });
    expect(JSON.parse(res.body)).toEqual({ response_type: "ephemeral", text: "hi" });
    expect(sandbox.socketMode.envelopes[0]).toMatchObject({ type: "slash_commands", ack: { payload: { text: "hi" } } });
  });

  it("delivers an event with its retry attempt; an ack without payload is an empty answer", async () => {
    const app = await connect();
    const answer = requester().event({
      event: { type: "app_home_opened", user: "UALICE", channel: "D0ALICE", tab: "home" },
      retryNum: 1,
      retryReason: "timeout",
    });
    const envelope = await envelopeOf(app, "events_api");
    expect(envelope).toMatchObject({
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: "timeout",
      payload: { type: "event_callback", event: { type: "app_home_opened" } },
    });
    app.ws.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
    expect(await answer).toMatchObject({ status: 200, body: "" });
  });

  it("reports an envelope nobody acknowledged as timed out, and a stray ack as a protocol error", async () => {
    const app = await connect();
    const res = await new SlackRequester({ socketMode: sandbox.socketMode, sandbox, timeoutMs: 100 }).command({
      user: "UALICE",
      text: "help",
    });
    expect(res).toMatchObject({ status: 0, timedOut: true });
    app.ws.send(JSON.stringify({ envelope_id: "not-an-envelope" }));
    app.ws.send("not json");
    await waitFor(() => sandbox.socketMode.protocolErrors.length === 2, { message: "protocol errors" });
  });

  it("asks the app to reconnect, and closes the link itself when the app does not", async () => {
    const app = await connect();
    const closed = new Promise<number>((resolve) => app.ws.on("close", (code) => resolve(code)));
    sandbox.socketMode.disconnect("warning");
    sandbox.socketMode.disconnect("refresh_requested", { closeAfterMs: 50 });
    expect(await closed).toBe(1000);
    expect(app.messages.filter((m) => m.type === "disconnect")).toEqual([
      { type: "disconnect", reason: "warning", debug_info: { host: expect.stringMatching(/^applink-/) } },
      { type: "disconnect", reason: "refresh_requested", debug_info: { host: expect.stringMatching(/^applink-/) } },
    ]);
  });

  it("drops links without a close frame; then nothing can be delivered", async () => {
    const app = await connect();
    const answer = requester().command({ user: "UALICE", text: "help" });
    await envelopeOf(app, "slash_commands");
    const closed = new Promise<number>((resolve) => app.ws.on("close", (code) => resolve(code)));
    sandbox.socketMode.dropLinks();
    expect(await closed).toBe(1006);
    await expect(answer).rejects.toThrow(/link closed before the app acknowledged/);
    await expect(requester().command({ user: "UALICE", text: "help" })).rejects.toThrow(/no open connection/);
  });
});
