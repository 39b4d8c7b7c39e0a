import type { WebClient } from "@slack/web-api";
import type { SlackSandbox } from "../../src/sandbox";
import { slackError, startSandbox, webClient } from "./support";

let sandbox: SlackSandbox;
let client: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

describe("auth and dispatch", () => {
  test("auth.test answers the bot identity", async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: "T0SANDBOX",
      user_id: sandbox.botUserId,
      bot_id: "B0SANDBOX",
      team: "Sandbox",
    });
    expect(res.url).toMatch(/^https:\/\/.+\.slack\.com\/$/);
    expect(sandbox.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  test("wrong token → invalid_auth, no token → not_authed, unknown method → unknown_method", async () => {
    expect((await slackError(webClient(sandbox, {}, "xoxb-wrong").auth.test())).error).toBe("invalid_auth");
    expect((await slackError(webClient(sandbox, {}, "").auth.test())).error).toBe("not_authed");
    expect((await slackError(client.apiCall("okr.magic"))).error).toBe("unknown_method");
  });

  test("token in a form field and JSON bodies are accepted", async () => {
    const form = await fetch(`${sandbox.apiUrl}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${sandbox.token}`,
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const json = await fetch(`${sandbox.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${sandbox.token}` },
      body: JSON.stringify({
        channel: "C1",
        text: "json",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }],
      }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: "C1" });
    expect(sandbox.messages("C1")[0]?.blocks?.[0]).toMatchObject({ type: "section", text: { text: "*hi*" } });
  });

  test("every call is recorded in order with parsed args (no token)", async () => {
    await client.chat.postMessage({ channel: "C1", text: "a", blocks: [{ type: "divider" }] });
    await slackError(client.chat.update({ channel: "C1", ts: "1.2", text: "b" }));
    expect(sandbox.calls.map((c) => [c.method, c.status])).toEqual([
      ["chat.postMessage", 200],
      ["chat.update", 200],
    ]);
    const first = sandbox.calls[0];
    expect(first?.args).toMatchObject({ channel: "C1", text: "a", blocks: [{ type: "divider" }] });
    expect(first?.args.token).toBeUndefined();
    expect(first?.response).toMatchObject({ ok: true });
    expect(sandbox.calls[1]?.response).toEqual({ ok: false, error: "message_not_found" });
    expect(typeof first?.at).toBe("number");
  });
});

describe("chat.*", () => {
  test("postMessage returns increasing unique ts and the message", async () => {
    const a = await client.chat.postMessage({ channel: "C1", text: "one" });
    const b = await client.chat.postMessage({ channel: "C1", text: "two" });
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(a.message).toMatchObject({ text: "one", user: sandbox.botUserId, bot_id: "B0SANDBOX" });
    expect(sandbox.messages("C1").map((m) => m.text)).toEqual(["one", "two"]);
  });

  test("channel and content are required", async () => {
    expect((await slackError(client.chat.postMessage({ channel: "", text: "x" }))).error).toBe("channel_not_found");
    expect((await slackError(client.chat.postMessage({ channel: "#general", text: "x" }))).error).toBe(
      "channel_not_found",
    );
    expect((await slackError(client.apiCall("chat.postMessage", { channel: "C1" }))).error).toBe("no_text");
    expect(sandbox.messages()).toEqual([]);
  });

  test("a user id is the DM; conversations.open gives a stable D id for the same DM", async () => {
    const viaUser = await client.chat.postMessage({ channel: "UALICE", text: "hello" });
    const open1 = await client.conversations.open({ users: "UALICE" });
    const open2 = await client.conversations.open({ users: "UALICE" });
    const dm = open1.channel?.id;
    expect(dm).toMatch(/^D/);
    expect(open2.channel?.id).toBe(dm);
    expect(viaUser.channel).toBe(dm);
    await client.chat.postMessage({ channel: dm ?? "", text: "again" });
    expect(sandbox.dmsTo("UALICE").map((m) => m.text)).toEqual(["hello", "again"]);
    expect(sandbox.messages(dm).length).toBe(2);
    expect(sandbox.dmsTo("UALICE")[0]).toMatchObject({
      channel: "UALICE",
      conversationId: dm,
      user: sandbox.botUserId,
      updates: 0,
    });
  });

  test("DMs to unknown or deactivated users fail", async () => {
    expect((await slackError(client.chat.postMessage({ channel: "UNOBODY", text: "x" }))).error).toBe(
      "channel_not_found",
    );
    expect((await slackError(client.conversations.open({ users: "UNOBODY" }))).error).toBe("user_not_found");
    expect((await slackError(client.conversations.open({ users: "UGONE" }))).error).toBe("user_disabled");
  });

  test("thread replies", async () => {
    const parent = await client.chat.postMessage({ channel: "C1", text: "parent" });
    const reply = await client.chat.postMessage({ channel: "C1", text: "reply", thread_ts: parent.ts ?? "" });
    // a reply to a reply joins the parent's thread
    await client.chat.postMessage({ channel: "C1", text: "reply 2", thread_ts: reply.ts ?? "" });
    expect(sandbox.thread("C1", parent.ts ?? "").map((m) => [m.text, m.threadTs])).toEqual([
      ["parent", undefined],
      ["reply", parent.ts],
      ["reply 2", parent.ts],
    ]);
    expect((await slackError(client.chat.postMessage({ channel: "C1", text: "x", thread_ts: "123.456" }))).error).toBe(
      "thread_not_found",
    );
  });

  test("text past 40,000 characters is truncated", async () => {
    await client.chat.postMessage({ channel: "C1", text: "y".repeat(40_010) });
    expect(sandbox.messages("C1")[0]?.text.length).toBe(40_000);
  });

  test("update needs an existing message in that conversation and counts updates", async () => {
    const dm = await client.chat.postMessage({ channel: "UBOB", text: "v1" });
    const ts = dm.ts ?? "";
    expect((await slackError(client.chat.update({ channel: "UBOB", ts, text: "v2" }))).error).toBe("channel_not_found");
    expect(
      (await slackError(client.chat.update({ channel: dm.channel ?? "", ts: "1.000001", text: "v2" }))).error,
    ).toBe("message_not_found");
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "v2 *bold*" } }];
    const up = await client.chat.update({ channel: dm.channel ?? "", ts, text: "v2", blocks });
    expect(up).toMatchObject({ ok: true, channel: dm.channel, ts });
    await client.chat.update({ channel: dm.channel ?? "", ts, text: "v3" });
    const [m] = sandbox.dmsTo("UBOB");
    expect(m).toMatchObject({ text: "v3", updates: 2 });
    expect(m?.blocks?.[0]).toMatchObject(blocks[0] ?? {});
    expect(typeof m?.blocks?.[0]?.block_id).toBe("string");
  });

  test("update validates blocks and refuses other people's messages", async () => {
    const human = sandbox.addMessage({ channel: "C1", user: "UALICE", text: "mine" });
    expect((await slackError(client.chat.update({ channel: "C1", ts: human.ts, text: "x" }))).error).toBe(
      "cant_update_message",
    );
    const own = await client.chat.postMessage({ channel: "C1", text: "a" });
    const res = await slackError(
      client.chat.update({
        channel: "C1",
        ts: own.ts ?? "",
        text: "b",
        blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      }),
    );
    expect(res.error).toBe("invalid_blocks");
    expect(sandbox.messages("C1").find((m) => m.ts === own.ts)).toMatchObject({ text: "a", updates: 0 });
  });

  test("postEphemeral and delete", async () => {
    const eph = await client.chat.postEphemeral({ channel: "C1", user: "UALICE", text: "only you" });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(sandbox.ephemerals("UALICE")).toEqual([
      expect.objectContaining({ channel: "C1", user: "UALICE", text: "only you", via: "api" }),
    ]);
    expect(sandbox.ephemerals("UBOB")).toEqual([]);
    expect((await slackError(client.chat.postEphemeral({ channel: "C1", user: "UGONE", text: "x" }))).error).toBe(
      "user_not_in_channel",
    );

    const m = await client.chat.postMessage({ channel: "C1", text: "bye" });
    await client.chat.delete({ channel: "C1", ts: m.ts ?? "" });
    expect(sandbox.messages("C1")).toEqual([]);
    expect((await slackError(client.chat.delete({ channel: "C1", ts: m.ts ?? "" }))).error).toBe("message_not_found");
  });
});

describe("conversations.history / replies", () => {
  test("history lists top-level messages newest first with thread info; replies lists a thread", async () => {
    const p = await client.chat.postMessage({ channel: "C9", text: "p" });
    await client.chat.postMessage({ channel: "C9", text: "r1", thread_ts: p.ts ?? "" });
    sandbox.addMessage({ channel: "C9", user: "UBOB", text: "human reply", threadTs: p.ts ?? "" });
    await client.chat.postMessage({ channel: "C9", text: "later" });
    const h = await client.conversations.history({ channel: "C9" });
    expect(h.messages?.map((m) => m.text)).toEqual(["later", "p"]);
    expect(h.messages?.[1]).toMatchObject({ reply_count: 2, thread_ts: p.ts });
    const r = await client.conversations.replies({ channel: "C9", ts: p.ts ?? "" });
    expect(r.messages?.map((m) => [m.text, m.user])).toEqual([
      ["p", sandbox.botUserId],
      ["r1", sandbox.botUserId],
      ["human reply", "UBOB"],
    ]);
    expect((await slackError(client.conversations.replies({ channel: "C9", ts: "1.000001" }))).error).toBe(
      "thread_not_found",
    );
  });

  test("history paginates and honours oldest", async () => {
    const ts: string[] = [];
    for (let i = 0; i < 5; i++) ts.push((await client.chat.postMessage({ channel: "C8", text: `m${i}` })).ts ?? "");
    const page1 = await client.conversations.history({ channel: "C8", limit: 2 });
    expect(page1.messages?.map((m) => m.text)).toEqual(["m4", "m3"]);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({
      channel: "C8",
      limit: 2,
      cursor: page1.response_metadata?.next_cursor ?? "",
    });
    expect(page2.messages?.map((m) => m.text)).toEqual(["m2", "m1"]);
    const since = await client.conversations.history({ channel: "C8", oldest: ts[2] ?? "" });
    expect(since.messages?.map((m) => m.text)).toEqual(["m4", "m3"]);
  });

  test("DM history through the D id", async () => {
    const open = await client.conversations.open({ users: "UALICE" });
    await client.chat.postMessage({ channel: "UALICE", text: "hi" });
    const h = await client.conversations.history({ channel: open.channel?.id ?? "" });
    expect(h.messages?.map((m) => m.text)).toEqual(["hi"]);
  });
});

describe("users.info", () => {
  test("returns seeded users with time zone and status", async () => {
    const res = await client.users.info({ user: "UALICE" });
    const u = res.user;
    expect(u).toMatchObject({
      id: "UALICE",
      name: "alice",
      real_name: "alice",
      tz: "Europe/Paris",
      is_admin: false,
      deleted: false,
      profile: {
        status_emoji: ":palm_tree:",
        status_text: "On holiday",
        status_expiration: 0,
        display_name: "alice",
        real_name: "alice",
      },
    });
    expect([3600, 7200]).toContain(u?.tz_offset);
    expect(u?.tz_label).toMatch(/Central European/);
    expect((await client.users.info({ user: "UBOB" })).user).toMatchObject({ is_admin: true, tz: "America/New_York" });
    expect((await client.users.info({ user: "UGONE" })).user).toMatchObject({ deleted: true });
  });

  test("null time zone and unknown users", async () => {
    sandbox.addUser({ id: "UNOTZ", tz: null });
    expect((await client.users.info({ user: "UNOTZ" })).user).toMatchObject({ tz: null, tz_offset: 0 });
    expect((await slackError(client.users.info({ user: "UNOBODY" }))).error).toBe("user_not_found");
    sandbox.updateUser("UNOTZ", { statusEmoji: ":calendar:" });
    expect((await client.users.info({ user: "UNOTZ" })).user?.profile?.status_emoji).toBe(":calendar:");
  });

  test("reset clears state but keeps users", async () => {
    await client.chat.postMessage({ channel: "C1", text: "x" });
    sandbox.reset();
    expect(sandbox.messages()).toEqual([]);
    expect(sandbox.calls).toEqual([]);
    expect((await client.users.info({ user: "UALICE" })).ok).toBe(true);
  });
});
