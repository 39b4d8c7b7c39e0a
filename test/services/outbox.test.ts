import { ensureWorkspace } from "../../src/db/workspaces";
import { createLogger } from "../../src/logger";
import { SlackSandbox } from "../../src/sandbox";
import { CLAIM_TIMEOUT_MS, sendOnce, updateSent, type OutboxDeps } from "../../src/services/outbox";
import { createSlackClient } from "../../src/slack/client";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const content = { text: "hello", blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "hello" } }] };

describe.each(PROVIDERS)("the outbox on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let sandbox: SlackSandbox;
  let deps: OutboxDeps;
  let workspaceId: number;
  const intent = (key: string) => ({ workspaceId, key, kind: "digest" as const, channel: "C0TEAM" });

  beforeEach(async () => {
    t = await openTestDatabase(provider);
    sandbox = new SlackSandbox();
    await sandbox.start();
    const slack = createSlackClient({ token: sandbox.token, apiUrl: sandbox.apiUrl, retries: 0 });
    deps = { db: t.db, slack, now: new Date("2026-11-23T09:00:00Z"), log: createLogger("error", "test", () => undefined) };
    workspaceId = (await ensureWorkspace(t.db, sandbox.teamId)).id;
  });
  afterEach(async () => {
    await sandbox.stop();
    await t.cleanup();
  });

  it("posts once when several runs send the same key at the same moment", async () => {
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => sendOnce(deps, intent("k1"), () => content)));
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(1);
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
    expect((await sendOnce(deps, intent("k1"), () => content)).status).toBe("already_sent");
    const row = await t.db.slackMessage.findUniqueOrThrow({ where: { key: "k1" } });
    expect(row).toMatchObject({ status: "sent", channel: "C0TEAM", ts: sandbox.messages("C0TEAM")[0]!.ts });
  });

  it("records a permanent Slack error on the row and does not retry it", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "error", error: "channel_not_found" });
    expect(await sendOnce(deps, intent("k2"), () => content)).toMatchObject({ status: "failed", error: "channel_not_found" });
    expect(await sendOnce(deps, intent("k2"), () => content)).toMatchObject({ status: "failed" });
    expect(sandbox.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("leaves a transient failure pending, and takes it over only once its claim is stale", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503 });
    expect((await sendOnce(deps, intent("k3"), () => content)).status).toBe("failed");
    expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key: "k3" } })).toMatchObject({ status: "pending" });
    expect((await sendOnce(deps, intent("k3"), () => content)).status).toBe("in_flight");
    deps.now = new Date(deps.now.getTime() + CLAIM_TIMEOUT_MS + 1000);
    expect((await sendOnce(deps, intent("k3"), () => content)).status).toBe("sent");
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
  });

  it("updates a sent message in place", async () => {
    await sendOnce(deps, intent("k4"), () => content);
    expect(await updateSent(deps, "k4", { text: "changed", blocks: [] })).toBe(true);
    const [message] = sandbox.messages("C0TEAM");
    expect(message).toMatchObject({ text: "changed", updates: 1 });
    expect(await updateSent(deps, "missing", content)).toBe(false);
  });
});
