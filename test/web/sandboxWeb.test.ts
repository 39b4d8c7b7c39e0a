// `okr-bot sandbox --web`: the sandbox and its page on their own, the bot started separately with
// the environment the command prints (here in Socket Mode), a slash command typed on the page.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { databaseConfig, type Config } from "../../src/config";
import { startStandaloneSandbox, type StandaloneSandbox } from "../../src/demo/sandboxWeb";
import { createLogger } from "../../src/logger";
import { waitFor } from "../../src/sandbox";
import { startBot, type RunningBot } from "../../src/server";

const JSON_TYPE = { "content-type": "application/json" };

describe("okr-bot sandbox --web", () => {
  let standalone: StandaloneSandbox;
  let bot: RunningBot;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-sandbox-web-"));
    standalone = await startStandaloneSandbox({ web: true });
    const env = standalone.botEnv;
    const config: Config = {
      slack: {
        botToken: env.SLACK_BOT_TOKEN,
        appToken: env.SLACK_APP_TOKEN,
        signingSecret: undefined,
        apiUrl: env.SLACK_API_URL,
        postsPerSecond: 1000,
        postsPerChannelPerSecond: 1000,
      },
      port: 0,
      database: databaseConfig(`file:${path.join(dir, "okr.db")}`),
      logLevel: "warn",
    };
    bot = await startBot(config, createLogger("warn"), { scheduler: false });
  });
  afterAll(async () => {
    await bot?.stop();
    await standalone?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints what the bot needs, and the page sends what a person types to it", async () => {
    expect(Object.keys(standalone.botEnv).sort()).toEqual(["SLACK_API_URL", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN"]);
    const page = standalone.pageUrl!;
    const html = await (await fetch(page)).text();
    expect(html).toContain('<label for="as">You are</label>');
    await waitFor(() => standalone.sandbox.socketMode.connections > 0, {
      timeoutMs: 10_000,
      message: "the bot's Socket Mode connection",
    });

    const sent = (await (
      await fetch(new URL("command", page), {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify({ as: "U0ALICE", at: "dm", text: "/okr help" }),
      })
    ).json()) as { ok: boolean };
    expect(sent).toEqual({ ok: true });
    await waitFor(() => standalone.sandbox.ephemerals("U0ALICE").length > 0, { timeoutMs: 5000 });
    const state = (await (await fetch(new URL("state?as=U0ALICE&at=dm", page))).json()) as {
      main: string;
      clock: unknown;
    };
    expect(state.main).toContain("Only visible to you");
    expect(state.main).toContain("/okr checkin");
    expect(state.clock).toBeNull();

    const refused = (await (
      await fetch(new URL("command", page), {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify({ as: "U0ALICE", at: "dm", text: "hello" }),
      })
    ).json()) as { ok: boolean; error: string };
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/slash commands/);

    // Another site open in the same browser cannot drive the bot: no JSON without a preflight, no other host name.
    const form = await fetch(new URL("command", page), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ as: "U0ALICE", text: "/okr help" }),
    });
    expect(form.status).toBe(415);
    const rebound = await new Promise<number>((resolve, reject) => {
      http
        .get(new URL("state?as=U0ALICE", page), { headers: { host: "evil.example" } }, (res) =>
          resolve(res.statusCode ?? 0),
        )
        .on("error", reject);
    });
    expect(rebound).toBe(421);
  });
});
