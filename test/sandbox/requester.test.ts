import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebClient } from "@slack/web-api";
import { SlackRequester, type SlackSandbox } from "../../src/sandbox";
import { startSandbox, webClient } from "./support";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

let sandbox: SlackSandbox;
let client: WebClient;
let bot: Server;
let botUrl: string;
let received: Received[] = [];
let reply: { status: number; body: string } = { status: 200, body: "" };

/** Verify like Slack's docs say: HMAC-SHA256 over "v0:ts:body", constant-time compare, ts within 5 min. */
function verify(r: Received, secret = SECRET): boolean {
  const ts = Number(r.headers["x-slack-request-timestamp"]);
  const sig = String(r.headers["x-slack-signature"] ?? "");
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return false;
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${ts}:${r.raw}`).digest("hex")}`);
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function lastPayload(): Record<string, unknown> {
  const r = received[received.length - 1];
  const payload = new URLSearchParams(r?.raw ?? "").get("payload");
  return JSON.parse(payload ?? "null") as Record<string, unknown>;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
  bot = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(reply.status, reply.body ? { "content-type": "application/json" } : {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((r) => bot.listen(0, "127.0.0.1", r));
  botUrl = `http://127.0.0.1:${(bot.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await new Promise<void>((r) => bot.close(() => r()));
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.reset();
  received = [];
  reply = { status: 200, body: "" };
});

const requester = () => new SlackRequester({ url: botUrl, signingSecret: SECRET, sandbox });

describe("SlackRequester", () => {
  test("slash command: signed form body with every field Slack sends", async () => {
    const res = await requester().command({ user: "UALICE", text: "checkin Q3" });
    expect(res.status).toBe(200);
    const r = received[0];
    if (!r) throw new Error("nothing received");
    expect(verify(r)).toBe(true);
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = Object.fromEntries(new URLSearchParams(r.raw));
    expect(Object.keys(form).sort()).toEqual(
      [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "response_url",
        "trigger_id",
        "api_app_id",
        "is_enterprise_install",
      ].sort(),
    );
    expect(form).toMatchObject({
      team_id: "T0SANDBOX",
      channel_id: "C0GENERAL",
      channel_name: "general",
      user_id: "UALICE",
      user_name: "alice",
      command: "/okr",
      text: "checkin Q3",
      is_enterprise_install: "false",
      trigger_id: res.triggerId,
      response_url: res.responseUrl,
    });
    // the trigger works once with views.open
    await expect(
      client.views.open({
        trigger_id: res.triggerId,
        view: { type: "modal", title: { type: "plain_text", text: "Hi" }, blocks: [] },
      }),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(sandbox.openViews("UALICE").length).toBe(1);
  });

  test("wrong secret and stale timestamp fail verification", async () => {
    await requester().command({ user: "UALICE", text: "" }, { signingSecret: "not-the-secret" });
    const staleTimestamp = Math.floor(Date.now() / 1000) - 600;
    await requester().command({ user: "UALICE", text: "" }, { timestamp: staleTimestamp });
    const [wrongSecret, stale] = received;
    if (!wrongSecret || !stale) throw new Error("nothing received");
    expect(verify(wrongSecret)).toBe(false);
    expect(verify(wrongSecret, "not-the-secret")).toBe(true);
    expect(verify(stale)).toBe(false);
    expect(stale.headers["x-slack-request-timestamp"]).toBe(String(staleTimestamp));
  });

  test("block action on a stored message: payload, container and response_url", async () => {
    const posted = await client.chat.postMessage({
      channel: "C1",
      text: "Weekly check-in",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "How is KR 1?" } },
        {
          type: "actions",
          block_id: "kr-1",
          elements: [
            {
              type: "button",
              action_id: "checkin_open",
              text: { type: "plain_text", text: "Check in" },
              value: "kr:1",
              style: "primary",
            },
            {
              type: "static_select",
              action_id: "confidence",
              options: [
                { text: { type: "plain_text", text: "High" }, value: "high" },
                { text: { type: "plain_text", text: "Low" }, value: "low" },
              ],
            },
          ],
        },
      ],
    });
    const container = { type: "message" as const, channel_id: "C1", message_ts: posted.ts ?? "" };
    const res = await requester().blockAction({ user: "UBOB", actionId: "checkin_open", container });
    const r = received[0];
    if (!r) throw new Error("nothing received");
    expect(verify(r)).toBe(true);
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const p = lastPayload();
    expect(p).toMatchObject({
      type: "block_actions",
      user: { id: "UBOB", username: "bob", team_id: "T0SANDBOX" },
      team: { id: "T0SANDBOX" },
      container: { type: "message", channel_id: "C1", message_ts: posted.ts, is_ephemeral: false },
      channel: { id: "C1" },
      message: { ts: posted.ts, text: "Weekly check-in" },
      trigger_id: res.triggerId,
      response_url: res.responseUrl,
      actions: [
        { type: "button", action_id: "checkin_open", block_id: "kr-1", value: "kr:1", text: { text: "Check in" } },
      ],
    });
    expect((p.actions as Array<{ action_ts: string }>)[0]?.action_ts).toMatch(/^\d+\.\d+$/);

    await requester().blockAction({ user: "UBOB", actionId: "confidence", value: "low", container });
    expect(lastPayload().actions).toEqual([
      expect.objectContaining({
        type: "static_select",
        action_id: "confidence",
        selected_option: { text: { type: "plain_text", text: "Low" }, value: "low" },
      }),
    ]);
    await expect(requester().blockAction({ user: "UBOB", actionId: "nope", container })).rejects.toThrow(
      /no element with action_id/,
    );
    await expect(
      requester().blockAction({ user: "UBOB", actionId: "checkin_open", value: "kr:2", container }),
    ).rejects.toThrow(/carries value/);
  });

  test("a pick in a modal's input block is sent only with dispatch_action, and the view's state already holds it", async () => {
    const { triggerId } = await requester().command({ user: "UALICE", text: "" });
    const select = (actionId: string) => ({
      type: "static_select" as const,
      action_id: actionId,
      options: [
        { text: { type: "plain_text" as const, text: "Typed" }, value: "typed" },
        { text: { type: "plain_text" as const, text: "Prometheus" }, value: "prom" },
      ],
    });
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: {
        type: "modal",
        title: { type: "plain_text", text: "Edit" },
        submit: { type: "plain_text", text: "Save" },
        blocks: [
          {
            type: "input",
            block_id: "q",
            label: { type: "plain_text", text: "Query" },
            element: { type: "plain_text_input", action_id: "q" },
          },
          { type: "input", block_id: "plain", label: { type: "plain_text", text: "Plain" }, element: select("plain") },
          {
            type: "input",
            block_id: "src",
            dispatch_action: true,
            label: { type: "plain_text", text: "Source" },
            element: select("src"),
          },
        ],
      },
    });
    const container = { type: "view" as const, view_id: opened.view?.id ?? "" };
    await expect(
      requester().blockAction({ user: "UALICE", actionId: "plain", value: "prom", container }),
    ).rejects.toThrow(/without dispatch_action/);
    received = [];
    await requester().blockAction({ user: "UALICE", actionId: "src", value: "prom", container, values: { q: "up" } });
    const p = lastPayload() as { view: { hash: string; state: { values: Record<string, Record<string, unknown>> } } };
    expect(p.view.hash).toBe(opened.view?.hash);
    expect(p.view.state.values.src?.src).toEqual({
      type: "static_select",
      selected_option: { text: { type: "plain_text", text: "Prometheus" }, value: "prom" },
    });
    expect(p.view.state.values.q?.q).toEqual({ type: "plain_text_input", value: "up" });
    expect(p.view.state.values.plain?.plain).toEqual({ type: "static_select", selected_option: null });
  });

  test("response_url: ephemeral, replace_original, in_channel, delete_original, 5 uses", async () => {
    const posted = await client.chat.postMessage({
      channel: "C1",
      text: "Vote",
      blocks: [
        { type: "actions", elements: [{ type: "button", action_id: "go", text: { type: "plain_text", text: "Go" } }] },
      ],
    });
    const { responseUrl } = await requester().blockAction({
      user: "UBOB",
      actionId: "go",
      container: { type: "message", channel_id: "C1", message_ts: posted.ts ?? "" },
    });
    const post = (body: unknown) =>
      fetch(responseUrl ?? "", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ text: "Only you can see this" })).status).toBe(200);
    expect((await post({ replace_original: true, text: "Thanks for voting" })).status).toBe(200);
    expect((await post({ response_type: "in_channel", text: "Bob voted" })).status).toBe(200);
    const bad = await post({
      text: "x",
      blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect((await post({ delete_original: true })).status).toBe(200);
    expect((await post({ text: "fifth" })).status).toBe(200);
    const sixth = await post({ text: "sixth" });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: "used_url" });

    expect(sandbox.responses().map((r) => r.effect)).toEqual([
      "ephemeral",
      "replace_original",
      "in_channel",
      "rejected",
      "delete_original",
      "ephemeral",
      "rejected",
    ]);
    expect(sandbox.ephemerals("UBOB").map((e) => [e.text, e.via])).toEqual([
      ["Only you can see this", "response_url"],
      ["fifth", "response_url"],
    ]);
    expect(sandbox.messages("C1").map((m) => m.text)).toEqual(["Bob voted"]); // original replaced, then deleted
  });

  test("view submission with values built from the stored view; the bot's answer is applied", async () => {
    const trigger = sandbox.issueTriggerId("UALICE");
    const opened = await client.views.open({
      trigger_id: trigger,
      view: {
        type: "modal",
        callback_id: "checkin",
        private_metadata: "kr=7",
        title: { type: "plain_text", text: "Check-in" },
        submit: { type: "plain_text", text: "Save" },
        blocks: [
          {
            type: "input",
            block_id: "progress",
            label: { type: "plain_text", text: "Progress" },
            element: { type: "number_input", is_decimal_allowed: false, action_id: "value" },
          },
          {
            type: "input",
            block_id: "confidence",
            label: { type: "plain_text", text: "Confidence" },
            element: {
              type: "static_select",
              action_id: "pick",
              options: [
                { text: { type: "plain_text", text: "On track" }, value: "on" },
                { text: { type: "plain_text", text: "At risk" }, value: "risk" },
              ],
            },
          },
          {
            type: "input",
            block_id: "note",
            optional: true,
            label: { type: "plain_text", text: "Note" },
            element: { type: "plain_text_input", action_id: "text", multiline: true },
          },
        ],
      },
    });
    const viewId = opened.view?.id ?? "";
    reply = { status: 200, body: JSON.stringify({ response_action: "errors", errors: { note: "Please add a note" } }) };
    const res = await requester().viewSubmission({
      user: "UALICE",
      view: { id: viewId },
      values: { progress: "40", confidence: "risk" },
    });
    expect(res.outcome).toEqual({ action: "errors" });
    expect(sandbox.view(viewId)?.errors).toEqual({ note: "Please add a note" });
    const p = lastPayload();
    expect(p).toMatchObject({
      type: "view_submission",
      user: { id: "UALICE" },
      view: {
        id: viewId,
        callback_id: "checkin",
        private_metadata: "kr=7",
        hash: opened.view?.hash,
        state: {
          values: {
            progress: { value: { type: "number_input", value: "40" } },
            confidence: {
              pick: { type: "static_select", selected_option: { value: "risk", text: { text: "At risk" } } },
            },
            note: { text: { type: "plain_text_input", value: null } },
          },
        },
      },
    });

    // errors must name input block_ids of the view, or the Slack client shows a failure
    reply = { status: 200, body: JSON.stringify({ response_action: "errors", errors: { nope: "x" } }) };
    expect(
      (
        await requester().viewSubmission({
          user: "UALICE",
          view: { id: viewId },
          values: { progress: "1", confidence: "on" },
        })
      ).outcome.action,
    ).toBe("failed");

    await expect(
      requester().viewSubmission({ user: "UALICE", view: { id: viewId }, values: { progress: "40" } }),
    ).rejects.toThrow(/required input "confidence"/);
    await expect(
      requester().viewSubmission({
        user: "UALICE",
        view: { id: viewId },
        values: { progress: "1", confidence: "maybe" },
      }),
    ).rejects.toThrow(/not offered/);

    reply = { status: 200, body: "" };
    const ok = await requester().viewSubmission({
      user: "UALICE",
      view: { id: viewId },
      values: { progress: "50", confidence: "on", note: "shipped" },
    });
    expect(ok.outcome).toEqual({ action: "closed" });
    expect(sandbox.openViews("UALICE")).toEqual([]);
    await expect(requester().viewSubmission({ user: "UALICE", view: { id: viewId } })).rejects.toThrow(
      /not the open top modal/,
    );
  });

  test("events: JSON envelope, retry headers, app_home_opened, user messages", async () => {
    const res = await requester().event({
      event: { type: "app_mention", user: "UALICE", text: "<@U0SANDBOXBOT> hi", channel: "C1" },
      eventId: "Ev123",
      retryNum: 2,
      retryReason: "http_timeout",
    });
    expect(res.status).toBe(200);
    const r = received[0];
    if (!r) throw new Error("nothing received");
    expect(verify(r)).toBe(true);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["x-slack-retry-num"]).toBe("2");
    expect(r.headers["x-slack-retry-reason"]).toBe("http_timeout");
    const body = JSON.parse(r.raw) as Record<string, unknown>;
    expect(body).toMatchObject({
      token: expect.any(String),
      team_id: "T0SANDBOX",
      api_app_id: "A0SANDBOX",
      type: "event_callback",
      event_id: "Ev123",
      event_time: expect.any(Number),
      event: { type: "app_mention", user: "UALICE", event_ts: expect.any(String) },
      authorizations: [{ team_id: "T0SANDBOX", user_id: sandbox.botUserId, is_bot: true }],
    });

    await requester().appHomeOpened({ user: "UBOB" });
    expect(JSON.parse(received[1]?.raw ?? "{}")).toMatchObject({
      event: { type: "app_home_opened", user: "UBOB", channel: sandbox.dmChannelId("UBOB"), tab: "home" },
    });
    expect(received[1]?.headers["x-slack-retry-num"]).toBeUndefined();

    await requester().userMessage({ user: "UBOB", channel: "UBOB", text: "done" });
    expect(JSON.parse(received[2]?.raw ?? "{}")).toMatchObject({
      event: { type: "message", channel_type: "im", channel: sandbox.dmChannelId("UBOB"), text: "done" },
    });
    expect(sandbox.dmsTo("UBOB").map((m) => [m.user, m.text])).toEqual([["UBOB", "done"]]);
  });

  test("timeouts are reported, not hung on", async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slack/events`;
      const res = await new SlackRequester({ url, signingSecret: SECRET, sandbox, timeoutMs: 100 }).urlVerification(
        "c",
      );
      expect(res).toMatchObject({ status: 0, timedOut: true });
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});
