// The answer to a request nobody handled, and the guard on empty field errors, through Bolt's own
// App.processEvent (its receiver is the smallest one Bolt accepts: the test hands it each request).
import { AfterAck } from "../../src/listeners/afterAck";
import { App, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { ackEverything } from "../../src/listeners/ackEverything";
import { UNKNOWN_FORM } from "../../src/blocks/sentences";
import { createLogger } from "../../src/logger";

const receiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

function setUp() {
  const logs: string[] = [];
  const log = createLogger("debug", "test", (l) => logs.push(l));
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: "xoxb-test", botId: "B1", botUserId: "U0BOT", teamId: "T1" }),
    logger: log,
    logLevel: log.getLevel(),
  });
  return { app, log, logs };
}

async function deliver(app: App, body: Record<string, unknown>): Promise<unknown[]> {
  const answers: unknown[] = [];
  const event: ReceiverEvent = { body, ack: async (response?: unknown) => void answers.push(response) };
  await app.processEvent(event);
  return answers;
}

const submission = (callbackId: string, blocks: unknown[]) => ({
  type: "view_submission",
  team: { id: "T1", domain: "t" },
  user: { id: "U1", username: "u", name: "u", team_id: "T1" },
  api_app_id: "A1",
  token: "t",
  trigger_id: "1.2.3",
  view: {
    id: "V1",
    type: "modal",
    callback_id: callbackId,
    title: { type: "plain_text", text: "Old form" },
    blocks,
    state: { values: {} },
    private_metadata: "",
    hash: "h",
    app_installed_team_id: "T1",
  },
  is_enterprise_install: false,
  enterprise: null,
});

const input = {
  type: "input",
  block_id: "first_input",
  label: { type: "plain_text", text: "x" },
  element: { type: "plain_text_input", action_id: "x" },
};

describe("ackEverything", () => {
  it("answers once a request no listener answered: a form it does not know closes saying why, options are empty, the rest is a plain ack", async () => {
    const { app, log, logs } = setUp();
    ackEverything(app, log, new AfterAck(log));
    expect(await deliver(app, submission("legacy_form", [input]))).toEqual([
      {
        response_action: "update",
        view: expect.objectContaining({
          type: "modal",
          blocks: [expect.objectContaining({ text: expect.objectContaining({ text: UNKNOWN_FORM }) })],
        }),
      },
    ]);
    expect(
      await deliver(app, {
        type: "block_suggestion",
        action_id: "a",
        block_id: "b",
        value: "v",
        team: { id: "T1" },
        user: { id: "U1" },
        api_app_id: "A1",
      }),
    ).toEqual([{ options: [] }]);
    expect(
      await deliver(app, {
        type: "shortcut",
        callback_id: "s",
        trigger_id: "1.2.3",
        team: { id: "T1" },
        user: { id: "U1" },
        api_app_id: "A1",
      }),
    ).toEqual([undefined]);
    expect(logs.filter((l) => l.includes("no listener answered")).map((l) => / DEBUG /.test(l))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("does not answer what a listener answered", async () => {
    const { app, log } = setUp();
    app.view("known", async ({ ack }) => ack({ response_action: "clear" }));
    ackEverything(app, log, new AfterAck(log));
    expect(await deliver(app, submission("known", [input]))).toEqual([{ response_action: "clear" }]);
  });

  it("turns an empty errors answer into a message under the first input block, or in place of a form that has none", async () => {
    const { app, log, logs } = setUp();
    app.view("empty_errors", async ({ ack }) => ack({ response_action: "errors", errors: {} }));
    ackEverything(app, log, new AfterAck(log));
    expect(await deliver(app, submission("empty_errors", [input]))).toEqual([
      { response_action: "errors", errors: { first_input: UNKNOWN_FORM } },
    ]);
    const [answer] = await deliver(
      app,
      submission("empty_errors", [{ type: "section", text: { type: "mrkdwn", text: "x" } }]),
    );
    expect(answer).toMatchObject({ response_action: "update", view: { type: "modal", title: { text: "Old form" } } });
    expect(
      logs.filter(
        (l) => / WARN {2}/.test(l) && l.includes("view_submission empty_errors was answered with no field errors"),
      ),
    ).toHaveLength(2);
  });

  it("acknowledges app_rate_limited (a body Bolt does not recognise) with a warning naming the minute", async () => {
    const { app, log, logs } = setUp();
    ackEverything(app, log, new AfterAck(log));
    expect(
      await deliver(app, {
        token: "t",
        type: "app_rate_limited",
        team_id: "T1",
        minute_rate_limited: 1518467820,
        api_app_id: "A1",
      }),
    ).toEqual([undefined]);
    expect(logs.filter((l) => / WARN {2}/.test(l))).toEqual([
      expect.stringContaining(
        "workspace T1: over the app's event limit in the minute starting 2018-02-12T20:37:00.000Z",
      ),
    ]);
  });
});
