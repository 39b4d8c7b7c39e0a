// LOG_FORMAT=json through a whole week at debug level (the most the bot ever writes): every line
// Bolt, the Web API client and okr-bot write is one JSON object with time, level, name and msg,
// and none holds a token or a secret, over HTTP, over Socket Mode, and installed through OAuth.
import { SlackSandbox } from "../../src/sandbox";
import { createTestDatabase } from "../helpers/databases";
import { install, KEY, OAUTH_APP, startOAuthBot, STATE_SECRET } from "../helpers/oauthStack";
import { startTestStack } from "../helpers/stack";
import { MONDAY, runWeek, setUpWeek } from "../helpers/week";

type Line = { time: string; level: string; name: string; msg: string; [field: string]: unknown };

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** A Slack token that escaped redaction (a redacted one reads xoxb-***). */
const TOKEN = /\b(xox[a-z]|xapp)-(?!\*\*\*)[A-Za-z0-9]/;

/** Every line parses to an object with the four keys; returns them parsed. */
function parseAll(lines: string[]): Line[] {
  const bad = lines.filter((l) => {
    try {
      const o = JSON.parse(l) as Partial<Line>;
      return !(
        ISO.test(o.time ?? "") &&
        ["debug", "info", "warn", "error"].includes(o.level ?? "") &&
        o.name?.startsWith("okr-bot") &&
        typeof o.msg === "string"
      );
    } catch {
      return true;
    }
  });
  expect(bad).toEqual([]);
  return lines.map((l) => JSON.parse(l) as Line);
}

/** No line holds any of the secrets, nor any Slack token. */
function expectNoSecret(lines: string[], secrets: Record<string, string | undefined>) {
  for (const [what, secret] of Object.entries(secrets)) {
    expect(secret).toBeTruthy();
    expect({ what, lines: lines.filter((l) => l.includes(secret!)) }).toEqual({ what, lines: [] });
  }
  expect(lines.filter((l) => TOKEN.test(l))).toEqual([]);
}

describe("JSON logs of a week", () => {
  it.each([["HTTP", false] as const, ["Socket Mode", true] as const])(
    "over %s: every line is JSON, Bolt's and the Web API client's too, and none holds a secret",
    async (_mode, socketMode) => {
      const s = await startTestStack("sqlite", MONDAY, { socketMode, logging: { format: "json", level: "debug" } });
      try {
        await setUpWeek(s);
        // A lost answer to the first prompt: the outbox says so (with the job and workspace) and posts it after looking.
        s.sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503 });
        await runWeek(s);
      } finally {
        await s.close();
      }
      const lines = parseAll(s.logs);
      const names = new Set(lines.map((l) => l.name));
      for (const name of ["okr-bot", "okr-bot:bolt", "okr-bot:web-api"]) expect(names).toContain(name);
      // Bolt's own client opened the check-in modals; the jobs' client posted the prompts.
      expect(lines.some((l) => l.name === "okr-bot:bolt" && l.msg.includes("apiCall('views.open')"))).toBe(true);
      expect(lines.some((l) => l.name === "okr-bot:web-api" && l.msg.includes("chat.postMessage"))).toBe(true);
      // okr-bot's own lines carry what they are about as fields.
      expect(lines.find((l) => l.msg.includes("attempt 1 failed"))).toMatchObject({
        level: "warn",
        name: "okr-bot",
        job: "checkins",
        workspace: s.sandbox.teamId,
      });
      expectNoSecret(s.logs, {
        "the bot token": s.config.slack.botToken,
        ...(socketMode
          ? { "the app token": s.config.slack.appToken }
          : { "the signing secret": s.config.slack.signingSecret }),
      });
    },
  );

  it("installed through OAuth: no client secret, state secret, encryption key or installed token", async () => {
    const sandbox = new SlackSandbox({ oauth: OAUTH_APP });
    await sandbox.start();
    const testDb = await createTestDatabase("sqlite");
    const okr = await startOAuthBot(sandbox, testDb.config, { logFormat: "json" });
    let botToken: string;
    try {
      sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
      expect((await install(okr.bot, sandbox, sandbox.teamId)).status).toBe(200);
      const { connection } = okr.bot;
      if (connection.mode !== "oauth") throw new Error("the bot is not in OAuth mode");
      botToken = (await connection.tokens.forTeam(sandbox.teamId)).botToken;
      await okr.runJob("checkins", MONDAY);
      await okr.requester(sandbox).command({ user: "U0ALICE", text: "help" });
    } finally {
      await okr.bot.stop();
      await sandbox.stop();
      await testDb.drop();
    }
    const lines = parseAll(okr.logs);
    // The code exchange went through the Web API client, which logs its request body at debug.
    expect(lines.some((l) => l.name.endsWith("web-api") && l.msg.includes("oauth.v2.access"))).toBe(true);
    expectNoSecret(okr.logs, {
      "the client secret": OAUTH_APP.clientSecret,
      "the state secret": STATE_SECRET,
      "the encryption key (base64)": KEY.toString("base64"),
      "the encryption key (hex)": KEY.toString("hex"),
      "the installed bot token": botToken,
    });
  });
});
