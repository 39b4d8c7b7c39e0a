import type { WebClient } from "@slack/web-api";
import { SlackSandbox } from "../../src/sandbox";
import { slackError, startSandbox, webClient } from "./support";

let sandbox: SlackSandbox;
let client: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  title: { type: "plain_text" as const, text: title },
  close: { type: "plain_text" as const, text: "Cancel" },
  blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${title}*` } }],
  ...extra,
});

describe("trigger_id", () => {
  test("single use", async () => {
    const trigger = sandbox.issueTriggerId("UALICE");
    const res = await client.views.open({ trigger_id: trigger, view: modal("Loading…") });
    expect(res.view).toMatchObject({ type: "modal", title: { text: "Loading…" }, root_view_id: res.view?.id });
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal("Again") }))).error).toBe(
      "expired_trigger_id",
    );
  });

  test("unknown → invalid_trigger_id", async () => {
    expect((await slackError(client.views.open({ trigger_id: "12345.98765.abcd", view: modal("X") }))).error).toBe(
      "invalid_trigger_id",
    );
  });

  test("expires after 3 s", async () => {
    const trigger = sandbox.issueTriggerId("UALICE");
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 3100);
    try {
      expect((await slackError(client.views.open({ trigger_id: trigger, view: modal("Late") }))).error).toBe(
        "expired_trigger_id",
      );
    } finally {
      spy.mockRestore();
    }
  });

  test("still valid just under 3 s; the TTL is configurable", async () => {
    const trigger = sandbox.issueTriggerId("UALICE");
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 2800);
    try {
      await expect(client.views.open({ trigger_id: trigger, view: modal("In time") })).resolves.toMatchObject({
        ok: true,
      });
    } finally {
      spy.mockRestore();
    }
    const quick = new SlackSandbox({ triggerTtlMs: 50 });
    await quick.start();
    try {
      const t = quick.issueTriggerId("UALICE");
      await new Promise((r) => setTimeout(r, 80));
      expect((await slackError(webClient(quick).views.open({ trigger_id: t, view: modal("X") }))).error).toBe(
        "expired_trigger_id",
      );
    } finally {
      await quick.stop();
    }
  });
});

describe("views", () => {
  test("open first, fill later with views.update; hash conflicts are detected", async () => {
    const opened = await client.views.open({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal("Loading…") });
    const id = opened.view?.id ?? "";
    const hash = opened.view?.hash ?? "";
    const updated = await client.views.update({
      view_id: id,
      hash,
      view: modal("Check-in", { callback_id: "checkin", private_metadata: '{"kr":1}' }),
    });
    expect(updated.view).toMatchObject({
      id,
      callback_id: "checkin",
      private_metadata: '{"kr":1}',
      title: { text: "Check-in" },
    });
    expect(updated.view?.hash).not.toBe(hash);
    expect((await slackError(client.views.update({ view_id: id, hash, view: modal("Stale") }))).error).toBe(
      "hash_conflict",
    );
    expect((await slackError(client.views.update({ view_id: "VNOPE", view: modal("X") }))).error).toBe("not_found");
    const [v] = sandbox.openViews("UALICE");
    expect(v).toMatchObject({ id, user: "UALICE", callbackId: "checkin", updates: 1, open: true });
    expect(sandbox.openViews("UBOB")).toEqual([]);
  });

  test("update by external_id; duplicate external ids are refused", async () => {
    await client.views.open({
      trigger_id: sandbox.issueTriggerId("UALICE"),
      view: modal("A", { external_id: "ext-1" }),
    });
    await client.views.update({ external_id: "ext-1", view: modal("B") });
    expect(sandbox.openViews("UALICE")[0]?.view.title).toMatchObject({ text: "B" });
    expect(
      (
        await slackError(
          client.views.open({ trigger_id: sandbox.issueTriggerId("UBOB"), view: modal("C", { external_id: "ext-1" }) }),
        )
      ).error,
    ).toBe("duplicate_external_id");
  });

  test("views.push stacks up to 3 views", async () => {
    await client.views.open({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal("One") });
    await client.views.push({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal("Two") });
    await client.views.push({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal("Three") });
    expect(sandbox.openViews("UALICE").map((v) => (v.view.title as { text: string }).text)).toEqual([
      "One",
      "Two",
      "Three",
    ]);
    expect(
      (await slackError(client.views.push({ trigger_id: sandbox.issueTriggerId("UALICE"), view: modal("Four") })))
        .error,
    ).toBe("push_limit_reached");
    const [root, second] = sandbox.openViews("UALICE");
    expect(second?.previousViewId).toBe(root?.id);
    expect(second?.rootViewId).toBe(root?.id);
  });

  test("views.publish sets and updates the Home tab per user", async () => {
    const home = { type: "home" as const, blocks: [{ type: "header", text: { type: "plain_text", text: "My OKRs" } }] };
    const first = await client.views.publish({ user_id: "UBOB", view: home });
    const second = await client.views.publish({
      user_id: "UBOB",
      view: { ...home, blocks: [] },
      hash: first.view?.hash ?? "",
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(sandbox.home("UBOB")).toMatchObject({ type: "home", updates: 1 });
    expect(sandbox.home("UALICE")).toBeUndefined();
    expect((await slackError(client.views.publish({ user_id: "UBOB", view: home, hash: "stale" }))).error).toBe(
      "hash_conflict",
    );
    expect((await slackError(client.views.publish({ user_id: "UNOBODY", view: home }))).error).toBe("user_not_found");
    expect((await slackError(client.views.publish({ user_id: "UBOB", view: modal("x") as never }))).error).toBe(
      "invalid_arguments",
    );
    expect(sandbox.views().map((v) => v.type)).toEqual(["home"]);
  });
});
