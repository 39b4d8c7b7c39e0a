import type { WebClient } from "@slack/web-api";
import type { SlackSandbox } from "../../src/sandbox";
import { LIMIT_CASES, type LimitCase, section } from "./limitCases";
import { slackError, startSandbox, webClient } from "./support";

let sandbox: SlackSandbox;
let client: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
});
afterAll(() => sandbox.stop());

const modal = (blocks: unknown[]) => ({
  type: "modal" as const,
  title: { type: "plain_text" as const, text: "Check-in" },
  submit: { type: "plain_text" as const, text: "Save" },
  blocks: blocks as never[],
});

/** Send blocks to the surface the case is about, through the real WebClient. */
function send(c: LimitCase, blocks: unknown[]): Promise<unknown> {
  switch (c.surface) {
    case "message":
      return client.chat.postMessage({ channel: "C1", text: "fallback", blocks: blocks as never[] });
    case "modal":
      return client.views.open({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal(blocks) });
    case "home":
      return client.views.publish({ user_id: "UALICE", view: { type: "home", blocks: blocks as never[] } });
  }
}

describe("Block Kit limits through the Web API", () => {
  test.each(LIMIT_CASES)("$surface $name: at $limit ok, one over rejected", async (c) => {
    await expect(send(c, c.build(c.limit))).resolves.toMatchObject({ ok: true });
    const { error, messages } = await slackError(send(c, c.build(c.limit + 1)));
    if (c.surface === "message") {
      expect(error).toBe("invalid_blocks");
      expect(messages.join("\n")).toContain(c.expect);
    } else {
      expect(error).toBe("invalid_arguments");
      expect(messages.join("\n")).toContain(c.expect.replace("[json-pointer:/blocks", "[json-pointer:/view/blocks"));
    }
  });

  test("the exact invalid_blocks answer Slack gives", async () => {
    const res = await fetch(`${sandbox.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        channel: "C1",
        text: "t",
        blocks: JSON.stringify([section("x".repeat(3001))]),
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: false,
      error: "invalid_blocks",
      response_metadata: { messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] },
    });
  });

  test("total text over 12,000 characters → msg_blocks_too_long", async () => {
    const blocks = (n: number) => Array.from({ length: n }, () => section("x".repeat(3000)));
    await expect(client.chat.postMessage({ channel: "C1", text: "t", blocks: blocks(4) })).resolves.toMatchObject({
      ok: true,
    });
    expect((await slackError(client.chat.postMessage({ channel: "C1", text: "t", blocks: blocks(5) }))).error).toBe(
      "msg_blocks_too_long",
    );
  });

  test("input blocks are rejected in messages", async () => {
    const blocks = [
      {
        type: "input",
        label: { type: "plain_text", text: "Note" },
        element: { type: "plain_text_input", action_id: "n" },
      },
    ];
    expect(
      (await slackError(client.chat.postMessage({ channel: "C1", text: "t", blocks: blocks as never[] }))).error,
    ).toBe("invalid_blocks");
  });

  test("invalid blocks JSON → invalid_blocks_format", async () => {
    const res = await fetch(`${sandbox.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/x-www-form-urlencoded" },
      body: "channel=C1&text=t&blocks=%5Bnot-json",
    });
    expect(await res.json()).toEqual({ ok: false, error: "invalid_blocks_format" });
  });

  test.each([
    ["title", { title: { type: "plain_text", text: "t".repeat(25) } }, "/view/title/text"],
    ["submit", { submit: { type: "plain_text", text: "s".repeat(25) } }, "/view/submit/text"],
    ["close", { close: { type: "plain_text", text: "c".repeat(25) } }, "/view/close/text"],
    ["callback_id", { callback_id: "c".repeat(256) }, "/view/callback_id"],
    ["private_metadata", { private_metadata: "m".repeat(3001) }, "/view/private_metadata"],
  ])("modal %s over the limit → invalid_arguments", async (_name, over, pointer) => {
    const view = { ...modal([section("hi")]), ...over };
    const trigger = sandbox.issueTriggerId("UALICE");
    const { error, messages } = await slackError(client.views.open({ trigger_id: trigger, view: view as never }));
    expect(error).toBe("invalid_arguments");
    expect(messages.join()).toContain(`[json-pointer:${pointer}]`);
    // the trigger was not consumed by the rejected call
    await expect(client.views.open({ trigger_id: trigger, view: modal([section("ok")]) })).resolves.toMatchObject({
      ok: true,
    });
  });

  test("modal title, submit and close at 24 characters are fine", async () => {
    const view = {
      ...modal([section("hi")]),
      title: { type: "plain_text" as const, text: "t".repeat(24) },
      submit: { type: "plain_text" as const, text: "s".repeat(24) },
      close: { type: "plain_text" as const, text: "c".repeat(24) },
      private_metadata: "m".repeat(3000),
      callback_id: "c".repeat(255),
    };
    await expect(client.views.open({ trigger_id: sandbox.issueTriggerId("UALICE"), view })).resolves.toMatchObject({
      ok: true,
    });
  });
});
