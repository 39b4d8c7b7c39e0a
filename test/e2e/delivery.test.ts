// Delivery under faults: 429 storms, 5xx storms, answers lost after Slack accepted the post, and
// two replicas running the same job at the same moment. Each time: exactly one DM per owner.
// (A crash mid fan-out: crash.test.ts.)
import { runJob } from "../../src/jobs";
import { createLogger } from "../../src/logger";
import { startBot } from "../../src/server";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { okrFileYaml } from "../helpers/okrFactory";
import { startTestStack, type TestStack } from "../helpers/stack";

const OWNERS = Array.from({ length: 60 }, (_, i) => `U0OWNER${String(i + 1).padStart(2, "0")}`);
const MONDAY = new Date("2026-11-23T09:30:00Z");

function expectOneDmEach(s: TestStack) {
  for (const owner of OWNERS) expect([owner, s.sandbox.dmsTo(owner).length]).toEqual([owner, 1]);
}

describe.each(PROVIDERS)("delivery on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, MONDAY);
    for (const id of [...OWNERS, "U0LEAD"]) s.sandbox.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
    // 20 objectives × 3 key results, one owner each.
    await s.importYaml(okrFileYaml({ objectivesEach: 20, krsEach: 3, owners: OWNERS }));
  });
  afterEach(async () => s.close());

  it("sends one DM per owner through a 429 storm, honouring Retry-After", async () => {
    s.sandbox.setRateLimit("chat.postMessage", { perSecond: 25 });
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 1, times: 3 });
    const started = Date.now();
    expect(await s.runJob("checkins")).toMatchObject({ sent: 60, failed: 0 });
    expectOneDmEach(s);
    const posts = s.sandbox.callsTo("chat.postMessage");
    const limited = posts.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    // Each message answered 429 is retried only after its Retry-After; the others go on meanwhile.
    for (const c of limited) {
      const retry = posts.find((p) => p.at > c.at && p.args.channel === c.args.channel);
      expect(retry!.at - c.at).toBeGreaterThanOrEqual(1000);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("keeps answering people while the bot's posts wait out a 429", async () => {
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 3 });
    const fanOut = s.runJob("checkins");
    await waitFor(() => s.sandbox.callsTo("chat.postMessage").some((c) => c.status === 429), { timeoutMs: 5000 });
    const started = Date.now();
    const help = await s.requester.command({ user: "U0OWNER01", text: "checkin" });
    expect(help.status).toBe(200);
    await waitFor(() => s.sandbox.openViews("U0OWNER01").find((v) => v.callbackId === "checkin_submit"), {
      timeoutMs: 2000,
    });
    expect(Date.now() - started).toBeLessThan(1500); // not held back by the 3 s Retry-After
    expect(await fanOut).toMatchObject({ sent: 60 });
  });

  it("sends one DM per owner through a 5xx storm and answers lost after Slack accepted the post", async () => {
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 500, times: 25 });
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "accept_then_drop", times: 10 });
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503, times: 15 });
    // A send that keeps failing is given back for the next run, which looks before it resends
    // (and may find it posted: Slack accepted it, the answer was lost).
    const unsettled = async () =>
      OWNERS.some((o) => s.sandbox.dmsTo(o).length === 0) ||
      (await s.bot.database.db.slackMessage.count({ where: { status: "pending" } })) > 0;
    for (let run = 0; run < 5 && (await unsettled()); run++) await s.runJob("checkins");
    expectOneDmEach(s);
    expect(await s.runJob("checkins")).toMatchObject({ sent: 0, alreadySent: 60 });
  });

  it("marks a permanent error on that one send and carries on with the others", async () => {
    s.sandbox.updateUser("U0OWNER07", { deleted: true });
    const summary = await s.runJob("checkins");
    expect(summary).toMatchObject({ sent: 59, failed: 1 });
    const failed = await s.bot.database.db.slackMessage.findFirstOrThrow({ where: { status: "failed" } });
    expect(failed.recipient).toBe("U0OWNER07");
    expect(failed.error).toMatch(/^(account_inactive|channel_not_found|user_not_found)$/);
    await s.runJob("checkins");
    expect(
      s.sandbox.callsTo("chat.postMessage").filter((c) => (c.args as { channel?: string }).channel === "U0OWNER07"),
    ).toHaveLength(1);
  });

  it("carries on with everyone else when one owner's prompt throws", async () => {
    // A time zone that cannot be used (as if the database held garbage for this one person).
    await s.bot.database.db.person.updateMany({
      where: { slackUserId: "U0OWNER05" },
      data: { tz: "Mars/Olympus_Mons", tzFetchedAt: MONDAY },
    });
    expect(await s.runJob("checkins")).toMatchObject({ sent: 59, failed: 0, left: 1 });
    expect(s.logs.some((l) => l.includes("check-in prompt for U0OWNER05 failed"))).toBe(true);
  });

  it("two replicas running the same jobs at the same moment send one DM per owner, one digest, one retro", async () => {
    const second = await startBot(
      {
        slack: {
          botToken: s.sandbox.token,
          signingSecret: "other",
          apiUrl: s.sandbox.apiUrl,
          postsPerSecond: 1000,
          postsPerChannelPerSecond: 1000,
        },
        port: 0,
        database: s.testDb.config,
        logLevel: "error",
      },
      createLogger("error", "replica-2", () => undefined),
      { scheduler: false, clock: () => s.clock.now },
    );
    try {
      const both = (name: "checkins" | "digest" | "retro") =>
        Promise.all([
          s.runJob(name),
          runJob(name, {
            db: second.database.db,
            slack: second.clients,
            now: s.clock.now,
            log: createLogger("error", "r2", () => undefined),
          }),
        ]);
      await both("checkins");
      expectOneDmEach(s);
      s.clock.now = new Date("2026-11-27T17:00:00Z");
      await both("digest");
      s.clock.now = new Date("2027-01-01T10:00:00Z");
      await both("retro");
      const channel = s.sandbox.messages("C0BIG");
      expect(channel.filter((m) => m.text.includes("OKR digest") && m.threadTs === undefined)).toHaveLength(1);
      expect(channel.filter((m) => m.text.includes("retrospective"))).toHaveLength(1);
      const keys = await s.bot.database.db.slackMessage.groupBy({ by: ["key"], _count: true });
      expect(keys.every((k) => k._count === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
