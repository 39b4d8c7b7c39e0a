// Requests that are not Slack's are refused before any listener runs: a bad signature, a stale
// timestamp, one from the future, an oversized body. And no token or secret reaches the logs.
import fc from "fast-check";
import { findPings, waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";
import { startTestStack, type TestStack } from "../helpers/stack";

describe.each(PROVIDERS)("request checks on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
    await s.importYaml(ONE_KEY_RESULT_YAML);
  });
  afterEach(async () => s.close());

  const awayUntil = async () =>
    (await s.bot.database.db.person.findFirst({ where: { slackUserId: "U0ALICE" } }))?.awayUntil ?? null;
  const now = () => Math.floor(Date.now() / 1000);

  it("refuses a wrong signature, a timestamp 6 minutes old or 10 minutes ahead, and stores nothing", async () => {
    const away = { user: "U0ALICE", text: "away 2026-12-31" };
    expect((await s.requester.command(away, { signingSecret: "not-the-secret" })).status).toBe(401);
    expect((await s.requester.command(away, { timestamp: now() - 6 * 60 })).status).toBe(401);
    expect((await s.requester.command(away, { timestamp: now() + 10 * 60 })).status).toBe(401);
    expect((await s.requester.command(away, { signature: `v0=${"0".repeat(64)}` })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(await awayUntil()).toBeNull();
    expect(s.sandbox.responses()).toHaveLength(0);

    // The same request, signed now, is handled.
    expect((await s.requester.command(away)).status).toBe(200);
    await waitFor(async () => (await awayUntil()) !== null, { timeoutMs: 5000 });
  });

  it("refuses a body over 1 MB", async () => {
    const huge = `token=x&team_id=T0SANDBOX&user_id=U0ALICE&command=%2Fokr&text=${"a".repeat(1024 * 1024 + 10)}`;
    const res = await s.requester.send(huge, "application/x-www-form-urlencoded");
    expect(res.status).toBe(413);
  });

  it("keeps the bot token and the signing secret out of the logs, even when Slack refuses the token", async () => {
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "error", error: "invalid_auth", times: 3 });
    s.clock.now = new Date("2026-11-30T09:30:00Z");
    await s.runJob("checkins");
    await s.requester.command({ user: "U0ALICE", text: "away" }, { signingSecret: "not-the-secret" });
    const logs = s.logs.join("\n");
    expect(logs).toContain("invalid_auth");
    expect(logs).not.toContain(s.sandbox.token);
    expect(logs).not.toMatch(/xox[abpr]-[A-Za-z0-9-]+/);
  });

  it("answers hostile /okr text over HTTP without crashing, echoing it inert, and stores nothing from it", async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        "<!channel>",
        "show <!here>",
        "team <@U0BOB|bob> & <http://evil|x>",
        "away 2026-02-30",
        "edit 999999999999",
        "archive #0",
        "new <!everyone>",
        "digest \u0000",
        "@here",
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const before = s.sandbox.responses().length;
        const res = await s.requester.command({ user: "U0ALICE", text });
        expect(res.status).toBe(200);
        if (res.body) expect(findPings({ text: res.body })).toEqual([]);
        await new Promise((r) => setTimeout(r, 20));
        for (const r of s.sandbox.responses().slice(before))
          expect(findPings({ text: JSON.stringify(r.body) })).toEqual([]);
      }),
      { numRuns: 40 },
    );
    expect(await awayUntil()).toBeNull();
    expect(await s.bot.database.db.keyResult.count({ where: { archivedAt: { not: null } } })).toBe(0);
  });
});
