// okr-bot installed through OAuth in two workspaces that hold the same team and person names:
// each workspace is reached with its own (encrypted) token, uninstalling deletes the tokens and
// stops that workspace's jobs, and with token rotation one refresh serves every replica.
import fc from "fast-check";
import { IDS } from "../../src/blocks/ids";
import { importOkrs } from "../../src/services/importOkrs";
import { SlackSandbox, waitFor, type SandboxWorkspace } from "../../src/sandbox";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases";
import { install, OAUTH_APP, startOAuthBot, STATE_SECRET, type OAuthBot } from "../helpers/oauthStack";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";

const MONDAY_0930 = new Date("2026-11-30T09:30:00Z");

describe.each(PROVIDERS)("several workspaces installed through OAuth on %s", (provider) => {
  let sandbox: SlackSandbox;
  let second: SandboxWorkspace;
  let testDb: TestDatabase;
  let okr: OAuthBot;

  beforeEach(async () => {
    sandbox = new SlackSandbox({ oauth: OAUTH_APP });
    await sandbox.start();
    second = sandbox.addWorkspace({ teamId: "T0SECOND", teamName: "Second" });
    for (const ws of [sandbox, second]) ws.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
    testDb = await createTestDatabase(provider);
    okr = await startOAuthBot(sandbox, testDb.config);
  });
  afterEach(async () => {
    await okr.bot.stop();
    await sandbox.stop();
    await testDb.drop();
  });

  async function installBoth() {
    for (const teamId of [sandbox.teamId, "T0SECOND"]) {
      const done = await install(okr.bot, sandbox, teamId);
      expect(done).toMatchObject({ status: 200 });
      expect(done.text).toContain("okr-bot is installed");
      const workspace = await okr.bot.database.db.workspace.findUniqueOrThrow({ where: { slackTeamId: teamId } });
      await importOkrs(okr.bot.database.db, workspace.id, ONE_KEY_RESULT_YAML, MONDAY_0930);
    }
  }

  it("installs into each workspace and stores its token encrypted, never in clear", async () => {
    await installBoth();
    const rows = await okr.bot.database.db.installation.findMany({ include: { workspace: true } });
    expect(rows.map((r) => r.workspace.slackTeamId).sort()).toEqual(["T0SANDBOX", "T0SECOND"]);
    for (const row of rows) {
      expect(row.botToken).toMatch(/^v1\./);
      expect(row.botToken).not.toContain("xox");
      expect(row.scopes.split(",")).toContain("chat:write");
    }
    // The install asked for the manifest's scopes and the tokens work: each auth.test names its own workspace.
    expect(sandbox.callsTo("auth.test").map((c) => (c.response as { team_id: string }).team_id)).toEqual(["T0SANDBOX"]);
    expect(second.callsTo("auth.test").map((c) => (c.response as { team_id: string }).team_id)).toEqual(["T0SECOND"]);
    // Neither the tokens nor the client secret reach the logs, even at debug level.
    const logs = okr.logs.join("\n");
    expect(logs).not.toMatch(/xox[bpe]-[A-Za-z0-9]/);
    expect(logs).not.toContain(OAUTH_APP.clientSecret);
    expect(logs).not.toContain(STATE_SECRET);
  });

  it("a forged or replayed redirect installs nothing", async () => {
    const base = `http://127.0.0.1:${okr.bot.port}`;
    const forged = await fetch(
      `${base}/slack/oauth_redirect?code=x&state=${encodeURIComponent("<script>alert(1)</script>")}`,
      { headers: { cookie: "slack-app-oauth-state=<b>" } },
    );
    expect(forged.status).toBe(400);
    const page = await forged.text();
    expect(page).toContain("okr-bot was not installed");
    expect(page).not.toMatch(/<script|<b>/);
    expect(await okr.bot.database.db.installation.count()).toBe(0);

    // The same redirect twice, cookie and all: the code was used, so the second changes nothing.
    const first = await install(okr.bot, sandbox, "T0SECOND");
    const before = await okr.bot.database.db.installation.findFirstOrThrow();
    const replay = await fetch(first.redirect, { headers: { cookie: first.cookie } });
    expect(replay.status).toBe(400);
    expect(await okr.bot.database.db.installation.findFirstOrThrow()).toEqual(before);
  });

  it("hostile requests to the install routes get a page, never a crash or an install", async () => {
    const base = `http://127.0.0.1:${okr.bot.port}`;
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom("<script>alert(1)</script>", '"><img src=x>', "%00", "../../etc/passwd", "a".repeat(3000)),
    );
    await fc.assert(
      fc.asyncProperty(text, text, text, async (code, state, cookie) => {
        const query = new URLSearchParams({ code, state }).toString();
        const res = await fetch(`${base}/slack/oauth_redirect?${query}`, {
          headers: { cookie: `slack-app-oauth-state=${encodeURIComponent(cookie)}` },
        });
        expect(res.status).toBe(400);
        expect(await res.text()).not.toMatch(/<script|<img/);
      }),
      { numRuns: 40 },
    );
    expect((await fetch(`${base}/slack/install?${new URLSearchParams({ x: "<script>" })}`)).status).toBe(200);
    expect(await okr.bot.database.db.installation.count()).toBe(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("sends each workspace's prompts with its own token, and answers each workspace's people in their own workspace", async () => {
    await installBoth();
    expect(await okr.runJob("checkins", MONDAY_0930)).toMatchObject({ sent: 2, failed: 0 });
    expect(sandbox.dmsTo("U0ALICE")).toHaveLength(1);
    expect(second.dmsTo("U0ALICE")).toHaveLength(1);

    // Alice of the second workspace checks in: the modal opens in her workspace and the value is stored there.
    const requester = okr.requester(second);
    const prompt = second.dmsTo("U0ALICE")[0]!;
    await requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    const view = await waitFor(
      () =>
        second
          .openViews("U0ALICE")
          .findLast(
            (v) => v.callbackId === IDS.views.checkin && JSON.stringify(v.view).includes(IDS.checkinBlocks.value),
          ),
      {
        timeoutMs: 5000,
        message: "check-in modal in the second workspace",
      },
    );
    expect(sandbox.openViews("U0ALICE")).toHaveLength(0);
    const kr = await okr.bot.database.db.keyResult.findFirstOrThrow({
      where: { objective: { team: { workspace: { slackTeamId: "T0SECOND" } } } },
    });
    const result = await requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: { [`${IDS.checkinBlocks.value}${kr.id}`]: "5", [`${IDS.checkinBlocks.confidence}${kr.id}`]: "on_track" },
    });
    expect(result.status).toBe(200);
    const stored = await okr.bot.database.db.checkIn.findMany({
      include: { keyResult: { include: { objective: { include: { team: { include: { workspace: true } } } } } } },
    });
    expect(stored.map((c) => [c.keyResult.objective.team.workspace.slackTeamId, c.value])).toEqual([["T0SECOND", 5]]);
    expect(kr.id).toBe(stored[0]!.keyResultId);
  });

  it.each(["app_uninstalled", "tokens_revoked"])(
    "%s deletes that workspace's tokens and stops its jobs; the other goes on; a reinstall resumes it",
    async (type) => {
      await installBoth();
      sandbox.uninstall("T0SECOND");
      const event = type === "tokens_revoked" ? { type, tokens: { bot: [second.identity.botUserId] } } : { type };
      expect((await okr.requester(second).event({ event })).status).toBe(200);
      await waitFor(async () => (await okr.bot.database.db.installation.count()) === 1, {
        timeoutMs: 5000,
        message: "the second workspace's installation deleted",
      });

      expect(await okr.runJob("checkins", MONDAY_0930)).toMatchObject({ sent: 1, failed: 0 });
      expect(sandbox.dmsTo("U0ALICE")).toHaveLength(1);
      expect(second.dmsTo("U0ALICE")).toHaveLength(0);
      expect(second.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
      // A request from the uninstalled workspace finds no token: dropped and logged, the bot stays up.
      await okr.requester(second).command({ user: "U0ALICE", text: "help" });
      expect((await fetch(`http://127.0.0.1:${okr.bot.port}/healthz`)).status).toBe(200);

      expect((await install(okr.bot, sandbox, "T0SECOND")).status).toBe(200);
      expect(await okr.runJob("checkins", MONDAY_0930)).toMatchObject({ sent: 1, alreadySent: 1 });
      expect(second.dmsTo("U0ALICE")).toHaveLength(1);
    },
  );
});

const refreshesIn = (sandbox: SlackSandbox) =>
  sandbox.callsTo("oauth.v2.access").filter((c) => c.args.grant_type === "refresh_token");

/** Installs with a token that lives `seconds`; the refreshed ones live Slack's 12 hours. */
async function installExpiring(okr: OAuthBot, sandbox: SlackSandbox, seconds: number) {
  sandbox.oauth.configure({ tokenLifetimeSeconds: seconds });
  expect((await install(okr.bot, sandbox, sandbox.teamId)).status).toBe(200);
  sandbox.oauth.configure({ tokenLifetimeSeconds: 12 * 60 * 60 });
}

describe.each(PROVIDERS)("token rotation on %s", (provider) => {
  let sandbox: SlackSandbox;
  let testDb: TestDatabase;
  let okr: OAuthBot;

  beforeEach(async () => {
    sandbox = new SlackSandbox({ oauth: { ...OAUTH_APP, tokenRotation: true } });
    await sandbox.start();
    for (let i = 0; i < 20; i++) sandbox.addUser({ id: `U0USER${i}`, name: `user${i}`, tz: "UTC" });
    testDb = await createTestDatabase(provider);
    okr = await startOAuthBot(sandbox, testDb.config);
  });
  afterEach(async () => {
    await okr.bot.stop();
    await sandbox.stop();
    await testDb.drop();
  });

  it("20 requests after the token expired: one refresh, all succeed with the new token", async () => {
    await installExpiring(okr, sandbox, 1);
    await new Promise((r) => setTimeout(r, 1100));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => okr.requester(sandbox).appHomeOpened({ user: `U0USER${i}` })),
    );
    await waitFor(() => sandbox.callsTo("views.publish").length >= 20, {
      timeoutMs: 10_000,
      message: "20 Home tabs published",
    });
    expect(sandbox.callsTo("views.publish").map((c) => (c.response as { ok: boolean }).ok)).toEqual(
      Array(20).fill(true),
    );
    expect(refreshesIn(sandbox)).toHaveLength(1);
  });

  it("a refresh Slack refuses is logged without tokens; the token in hand is used while it lasts", async () => {
    await installExpiring(okr, sandbox, 60);
    sandbox.injectFault({ method: "oauth.v2.access", kind: "error", error: "invalid_refresh_token" });
    await okr.requester(sandbox).appHomeOpened({ user: "U0USER0" });
    await waitFor(() => sandbox.callsTo("views.publish").length === 1, {
      timeoutMs: 5000,
      message: "Home published with the old token",
    });
    expect(sandbox.callsTo("views.publish")[0]!.response).toMatchObject({ ok: true });
    const logs = okr.logs.join("\n");
    expect(logs).toContain("refreshing the bot token failed (invalid_refresh_token)");
    expect(logs).not.toMatch(/xox[bpe]-[A-Za-z0-9]/);
    const row = await okr.bot.database.db.installation.findFirstOrThrow();
    expect(row.refreshClaimedUntil).toBeNull();
  });
});

// Replicas share PostgreSQL (SQLite is for one process: see README "Scaling and operations").
const onPostgres = PROVIDERS.includes("postgresql") ? describe : describe.skip;

onPostgres("token rotation across replicas on postgresql", () => {
  let sandbox: SlackSandbox;
  let testDb: TestDatabase;
  let replicas: OAuthBot[];

  beforeEach(async () => {
    sandbox = new SlackSandbox({ oauth: { ...OAUTH_APP, tokenRotation: true } });
    await sandbox.start();
    for (let i = 0; i < 20; i++) sandbox.addUser({ id: `U0USER${i}`, name: `user${i}`, tz: "UTC" });
    testDb = await createTestDatabase("postgresql");
    const first = await startOAuthBot(sandbox, testDb.config);
    replicas = [first, await startOAuthBot(sandbox, testDb.config, { signingSecret: first.signingSecret })];
  });
  afterEach(async () => {
    for (const r of replicas) await r.bot.stop();
    await sandbox.stop();
    await testDb.drop();
  });

  const refreshes = () => refreshesIn(sandbox);

  it("20 requests at token expiry across 2 replicas: one refresh, all succeed", async () => {
    await installExpiring(replicas[0]!, sandbox, 1);
    await new Promise((r) => setTimeout(r, 1100));

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.requester(sandbox).appHomeOpened({ user: `U0USER${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    await waitFor(() => sandbox.callsTo("views.publish").length >= 20, {
      timeoutMs: 10_000,
      message: "20 Home tabs published",
    });
    expect(sandbox.callsTo("views.publish").map((c) => (c.response as { ok: boolean }).ok)).toEqual(
      Array(20).fill(true),
    );
    expect(refreshes()).toHaveLength(1);
    expect(refreshes()[0]!.response).toMatchObject({ ok: true });
    const row = await replicas[1]!.bot.database.db.installation.findFirstOrThrow();
    expect(row.refreshClaimedUntil).toBeNull();
    expect(row.botTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 11 * 60 * 60 * 1000);
  });

  it("the jobs refresh a token that is due, once, and send with the new one", async () => {
    await installExpiring(replicas[0]!, sandbox, 60); // within the 2-hour margin: due at once
    const workspace = await replicas[0]!.bot.database.db.workspace.findFirstOrThrow();
    await importOkrs(
      replicas[0]!.bot.database.db,
      workspace.id,
      ONE_KEY_RESULT_YAML.replace("U0ALICE", "U0USER0"),
      MONDAY_0930,
    );

    const summaries = await Promise.all(replicas.map((r) => r.runJob("checkins", MONDAY_0930)));
    expect(summaries.reduce((n, s) => n + (s.sent ?? 0), 0)).toBe(1);
    expect(refreshes()).toHaveLength(1);
    expect(sandbox.dmsTo("U0USER0")).toHaveLength(1);
  });
});
