import { spawn } from "node:child_process";
import os from "node:os";
import { ensureWorkspace } from "../../src/db/workspaces";
import { createLogger } from "../../src/logger";
import { SlackSandbox } from "../../src/sandbox";
import { METADATA_EVENT_TYPE, sendOnce, updateSent, type OutboxDeps } from "../../src/services/outbox";
import { uploadOnce } from "../../src/services/uploads";
import { createJobsSlackClient, SLACK_REQUEST_TIMEOUT_MS } from "../../src/slack/client";
import { Pacer } from "../../src/slack/pacer";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const content = {
  text: "hello",
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "hello" } }],
};

describe.each(PROVIDERS)("the outbox on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let sandbox: SlackSandbox;
  let deps: OutboxDeps;
  let workspaceId: number;
  const intent = (key: string, channel = "C0TEAM") => ({ workspaceId, key, kind: "digest" as const, channel });
  const posts = () => sandbox.callsTo("chat.postMessage");

  beforeEach(async () => {
    t = await openTestDatabase(provider);
    sandbox = new SlackSandbox();
    await sandbox.start();
    sandbox.addUser({ id: "U0ALICE", name: "alice" });
    const slack = createJobsSlackClient({
      token: sandbox.token,
      apiUrl: sandbox.apiUrl,
      logger: createLogger("error", "web-api", () => undefined),
    });
    const pacer = new Pacer({ perSecond: 1000, perChannelPerSecond: 1000 });
    deps = {
      db: t.db,
      slack,
      pacer,
      now: new Date("2026-11-23T09:00:00Z"),
      log: createLogger("error", "test", () => undefined),
    };
    workspaceId = (await ensureWorkspace(t.db, sandbox.teamId)).id;
  });
  afterEach(async () => {
    await sandbox.stop();
    await t.cleanup();
  });

  it("finds a post whose answer timed out instead of posting it again", async () => {
    const logs: string[] = [];
    const log = createLogger("warn", "test", (l) => logs.push(l));
    const impatient = {
      ...deps,
      slack: createJobsSlackClient({
        token: sandbox.token,
        apiUrl: sandbox.apiUrl,
        timeoutMs: 200,
        logger: log.child("web-api"),
      }),
      retryBaseMs: 250,
      log,
    };
    sandbox.injectFault({ method: "chat.postMessage", kind: "delay", ms: 500 });
    const outcome = await sendOnce(impatient, intent("slow"), () => content);
    expect(outcome.status).toBe("sent");
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(logs.join("\n")).toMatch(/attempt 1 failed .*will check before retrying/);
  });

  it("records invalid_blocks on that one message, logged, and goes on with the next", async () => {
    const logs: string[] = [];
    const watched = { ...deps, log: createLogger("warn", "test", (l) => logs.push(l)) };
    sandbox.injectFault({ method: "chat.postMessage", kind: "error", error: "invalid_blocks" });
    expect(await sendOnce(watched, intent("bad"), () => content)).toMatchObject({
      status: "failed",
      error: "invalid_blocks",
    });
    expect(await sendOnce(watched, intent("good"), () => content)).toMatchObject({ status: "sent" });
    expect(logs.join("\n")).toContain("send bad to C0TEAM failed for good: invalid_blocks");
    expect(await sendOnce(watched, intent("bad"), () => content)).toMatchObject({ status: "failed" }); // not retried
    expect(posts()).toHaveLength(2);
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
    expect(await sendOnce(deps, intent("k2"), () => content)).toMatchObject({
      status: "failed",
      error: "channel_not_found",
    });
    expect(await sendOnce(deps, intent("k2"), () => content)).toMatchObject({ status: "failed" });
    expect(posts()).toHaveLength(1);
  });

  it("retries a 5xx after checking the channel, and posts exactly once", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503, times: 2 });
    expect((await sendOnce(deps, intent("k3"), () => content)).status).toBe("sent");
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
    expect(sandbox.callsTo("conversations.history").length).toBeGreaterThanOrEqual(1);
  });

  it("does not post again when Slack accepted the post but the answer was lost", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "accept_then_drop" });
    const outcome = await sendOnce(deps, intent("k4", "U0ALICE"), () => content);
    expect(outcome.status).toBe("sent");
    expect(sandbox.dmsTo("U0ALICE")).toHaveLength(1);
    expect(outcome.message.ts).toBe(sandbox.dmsTo("U0ALICE")[0]!.ts);
    expect(posts().filter((c) => c.status === 200)).toHaveLength(0);
  });

  it("waits out a 429's Retry-After and then posts once", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 1 });
    const started = Date.now();
    expect((await sendOnce(deps, intent("k5"), () => content)).status).toBe("sent");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
  });

  it("takes over a row whose sender died, looks for its post first, and does not double it", async () => {
    // A sender claimed the row and posted, then died before recording the ts.
    await sendOnce(deps, intent("k6"), () => content);
    await t.db.slackMessage.update({
      where: { key: "k6" },
      data: { status: "pending", ts: null, claimedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect((await sendOnce(deps, intent("k6"), () => content)).status).toBe("sent");
    expect(sandbox.messages("C0TEAM")).toHaveLength(1);
    expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key: "k6" } })).toMatchObject({
      status: "sent",
      ts: sandbox.messages("C0TEAM")[0]!.ts,
    });
  });

  it("leaves a row a live sender holds alone", async () => {
    await t.db.slackMessage.create({
      data: { workspaceId, key: "k7", kind: "digest", channel: "C0TEAM", claimedAt: new Date(), attempts: 1 },
    });
    expect((await sendOnce(deps, intent("k7"), () => content)).status).toBe("in_flight");
    expect(posts()).toHaveLength(0);
  });

  describe("claims held by other processes", () => {
    const host = os.hostname();
    /** A pid no process has: one that has just exited (and been reaped). */
    const deadPid = async () => {
      const child = spawn(process.execPath, ["-e", ""]);
      await new Promise((r) => child.on("exit", r));
      return child.pid!;
    };
    const me = { id: "me", host, pid: process.pid };
    const heldBy = async (key: string, holder: { id: string; pid: number } | null, attemptedAt: Date | null = null) => {
      if (holder) await t.db.claimHolder.create({ data: { ...holder, host, heartbeatAt: new Date() } });
      await t.db.slackMessage.create({
        data: {
          workspaceId,
          key,
          kind: "digest",
          channel: "C0TEAM",
          claimedAt: new Date(),
          attempts: 1,
          holderId: holder?.id ?? "gone",
          attemptedAt,
        },
      });
    };

    it("leaves a claim of a live process alone", async () => {
      await heldBy("live", { id: "other", pid: process.pid });
      expect((await sendOnce({ ...deps, holder: me }, intent("live"), () => content)).status).toBe("in_flight");
      expect(posts()).toHaveLength(0);
    });

    it("takes over at once a claim whose process is gone (its pid, or its holder row) and sends it once", async () => {
      await heldBy("killed", { id: "killed", pid: await deadPid() });
      await heldBy("stopped", null);
      for (const key of ["killed", "stopped"]) {
        expect((await sendOnce({ ...deps, holder: me }, intent(key), () => content)).status).toBe("sent");
        expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key } })).toMatchObject({
          status: "sent",
          holderId: "me",
          attempts: 2,
        });
      }
      expect(sandbox.messages("C0TEAM")).toHaveLength(2);
    });

    it("waits for a post the dead process had in flight to land rather than posting it twice", async () => {
      // The dead process asked Slack to post 8.5 s ago (of a 10 s timeout); Slack posts it 0.5 s from now.
      await heldBy(
        "landing",
        { id: "dead", pid: await deadPid() },
        new Date(Date.now() - SLACK_REQUEST_TIMEOUT_MS + 1_500),
      );
      const other = createJobsSlackClient({ token: sandbox.token, apiUrl: sandbox.apiUrl });
      const late = new Promise((r) => setTimeout(r, 500)).then(() =>
        other.chat.postMessage({
          channel: "C0TEAM",
          text: "hello",
          metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key: "landing" } },
        }),
      );
      const outcome = await sendOnce({ ...deps, holder: me }, intent("landing"), () => content);
      await late;
      expect(outcome.status).toBe("sent");
      expect(sandbox.messages("C0TEAM")).toHaveLength(1);
      expect(posts()).toHaveLength(1); // the dead process's only
    });

    it("a chart upload a dead process started moments ago is left for a later run, not uploaded twice; an older one is uploaded", async () => {
      const thread = await sendOnce(deps, intent("digest-main"), () => content);
      const threadTs = thread.message.ts!;
      const chart = { filename: "chart.png", title: "Chart", bytes: Buffer.from("png") };
      const upload = (key: string) => uploadOnce({ ...deps, holder: me }, { ...intent(key), threadTs }, () => chart);
      await heldBy("recent-upload", { id: "dead-a", pid: await deadPid() }, new Date(Date.now() - 5_000));
      expect(await upload("recent-upload")).toBe("deferred");
      expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key: "recent-upload" } })).toMatchObject({
        status: "pending",
        holderId: null,
      });
      expect(sandbox.callsTo("files.getUploadURLExternal")).toHaveLength(0);
      await heldBy("old-upload", { id: "dead-b", pid: await deadPid() }, new Date(Date.now() - 5 * 60_000));
      expect(await upload("old-upload")).toBe("sent");
      expect(sandbox.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    });

    it("a row given back by a live process is taken without waiting, and looked for first", async () => {
      sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 500, times: 1 });
      sandbox.injectFault({ method: "conversations.history", kind: "http", status: 500, times: 1 });
      expect(await sendOnce({ ...deps, holder: me }, intent("back"), () => content)).toMatchObject({
        status: "deferred",
      });
      expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key: "back" } })).toMatchObject({
        status: "pending",
        holderId: null,
        attemptedAt: null,
      });
      const started = Date.now();
      expect((await sendOnce({ ...deps, holder: { ...me, id: "next" } }, intent("back"), () => content)).status).toBe(
        "sent",
      );
      expect(Date.now() - started).toBeLessThan(SLACK_REQUEST_TIMEOUT_MS);
      expect(sandbox.messages("C0TEAM")).toHaveLength(1);
    });
  });

  it("updates a sent message in place", async () => {
    await sendOnce(deps, intent("k8"), () => content);
    expect(await updateSent(deps, "k8", { text: "changed", blocks: [] })).toBe(true);
    const [message] = sandbox.messages("C0TEAM");
    expect(message).toMatchObject({ text: "changed", updates: 1 });
    expect(await updateSent(deps, "missing", content)).toBe(false);
  });
});
