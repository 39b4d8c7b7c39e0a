// Slack says the app was uninstalled or its bot token revoked: the jobs stop for that workspace
// instead of failing every few minutes, and start again once the bot starts with a token Slack accepts.
import { createLogger } from "../../src/logger";
import { startBot } from "../../src/server";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";

describe.each(PROVIDERS)("uninstall and revoked tokens on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-30T09:30:00Z"));
    s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
    await s.importYaml(ONE_KEY_RESULT_YAML);
  });
  afterEach(async () => s.close());

  it.each([
    ["app_uninstalled", {}],
    ["tokens_revoked", { tokens: { bot: ["B0SANDBOX"] } }],
  ])("stops the jobs after %s, and resumes them after a start with an accepted token", async (type, extra) => {
    expect((await s.requester.event({ event: { type, ...extra } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await s.runJob("checkins")).toEqual({ workspaces: 0 });
    expect(s.sandbox.dmsTo("U0ALICE")).toHaveLength(0);
    expect(s.logs.join("\n")).toContain("its jobs stop");

    const again = await startBot(
      {
        slack: {
          botToken: s.sandbox.token,
          signingSecret: "x",
          apiUrl: s.sandbox.apiUrl,
          postsPerSecond: 1000,
          postsPerChannelPerSecond: 1000,
        },
        port: 0,
        database: s.testDb.config,
        logLevel: "error",
      },
      createLogger("error", "restart", () => undefined),
      { scheduler: false },
    );
    await again.stop();
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1 });
  });
});
