import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import { renderTranscript, SlackRequester, type SlackSandbox, waitFor } from "../../src/sandbox";
import { silentLogger, startSandbox } from "./support";

const SECRET = "bolt-test-signing-secret";

let sandbox: SlackSandbox;
let app: App;
let requester: SlackRequester;

const loadingView = {
  type: "modal" as const,
  callback_id: "checkin",
  title: { type: "plain_text" as const, text: "Check-in" },
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "Loading…" } }],
};

const filledView = {
  ...loadingView,
  private_metadata: JSON.stringify({ kr: 3 }),
  submit: { type: "plain_text" as const, text: "Save" },
  blocks: [
    { type: "header", text: { type: "plain_text", text: "KR 3: Ship the bot" } },
    {
      type: "input",
      block_id: "note",
      label: { type: "plain_text", text: "Note" },
      element: { type: "plain_text_input", action_id: "text" },
    },
  ],
};

beforeAll(async () => {
  sandbox = await startSandbox();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger: silentLogger });
  app = new App({
    token: sandbox.token,
    receiver,
    logger: silentLogger,
    clientOptions: { slackApiUrl: sandbox.apiUrl, retryConfig: { retries: 0 } },
  });

  app.command("/okr", async ({ ack, body, client }) => {
    await ack();
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: loadingView });
    await client.views.update({ view_id: opened.view?.id ?? "", hash: opened.view?.hash ?? "", view: filledView });
  });
  app.view("checkin", async ({ ack, view, body, client }) => {
    const note = view.state.values.note?.text?.value ?? "";
    if (note.length < 3) {
      await ack({ response_action: "errors", errors: { note: "Tell us a bit more" } });
      return;
    }
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: `Saved: ${note}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `Saved your check-in: _${note}_` } },
        {
          type: "actions",
          elements: [{ type: "button", action_id: "undo", text: { type: "plain_text", text: "Undo" }, value: "kr:3" }],
        },
      ],
    });
  });
  app.action("undo", async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: "Check-in undone" });
  });
  app.event("app_home_opened", async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: "home", blocks: [{ type: "header", text: { type: "plain_text", text: "Your OKRs" } }] },
    });
  });
  app.message(async ({ message, say }) => {
    if ("text" in message && message.text === "help") await say("Try /okr");
  });

  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const port = (server.address() as AddressInfo).port;
  requester = new SlackRequester({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, sandbox });
});

afterAll(async () => {
  await app.stop();
  await sandbox.stop();
});

describe("real Bolt app against the sandbox", () => {
  test("Bolt verified its token with auth.test", async () => {
    await waitFor(() => sandbox.callsTo("auth.test").length > 0);
    expect(sandbox.callsTo("auth.test")[0]?.status).toBe(200);
  });

  test("command → views.open → views.update; submission errors, then success DM; button → respond()", async () => {
    const cmd = await requester.command({ user: "UALICE", text: "checkin" });
    expect(cmd.status).toBe(200);
    expect(cmd.durationMs).toBeLessThan(3000);
    const modal = await waitFor(() => sandbox.openViews("UALICE").find((v) => v.updates === 1));
    expect(modal.callbackId).toBe("checkin");

    const rejected = await requester.viewSubmission({ user: "UALICE", view: { id: modal.id }, values: { note: "ok" } });
    expect(rejected.outcome).toEqual({ action: "errors" });
    expect(sandbox.view(modal.id)?.errors).toEqual({ note: "Tell us a bit more" });

    const accepted = await requester.viewSubmission({
      user: "UALICE",
      view: { id: modal.id },
      values: { note: "Shipped the beta" },
    });
    expect(accepted.outcome).toEqual({ action: "closed" });
    expect(sandbox.openViews("UALICE")).toEqual([]);
    const dm = await waitFor(() => sandbox.dmsTo("UALICE")[0]);
    expect(dm.text).toBe("Saved: Shipped the beta");

    await requester.blockAction({
      user: "UALICE",
      actionId: "undo",
      container: { type: "message", channel_id: dm.conversationId, message_ts: dm.ts },
    });
    await waitFor(() => sandbox.dmsTo("UALICE")[0]?.text === "Check-in undone");
    expect(sandbox.responses()).toEqual([expect.objectContaining({ effect: "replace_original", status: 200 })]);

    const transcript = renderTranscript(sandbox);
    expect(transcript).toContain("alice (UALICE)");
    expect(transcript).toContain("Check-in undone");
  });

  test("events: app_home_opened publishes the Home tab; a DM message gets a reply", async () => {
    const res = await requester.appHomeOpened({ user: "UBOB" });
    expect(res.status).toBe(200);
    const home = await waitFor(() => sandbox.home("UBOB"));
    expect(home.view.blocks).toEqual([
      expect.objectContaining({ type: "header", text: { type: "plain_text", text: "Your OKRs" } }),
    ]);

    await requester.userMessage({ user: "UBOB", channel: sandbox.dmChannelId("UBOB"), text: "help" });
    await waitFor(() => sandbox.dmsTo("UBOB").find((m) => m.text === "Try /okr"));
  });

  test("Bolt rejects bad signatures and answers url_verification", async () => {
    expect((await requester.command({ user: "UALICE", text: "x" }, { signingSecret: "wrong" })).status).toBe(401);
    expect(
      (await requester.command({ user: "UALICE", text: "x" }, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))
        .status,
    ).toBe(401);
    const challenge = await requester.urlVerification("abc123");
    expect(challenge.json).toEqual({ challenge: "abc123" });
  });
});
