// okr-bot in multi-workspace mode (OAuth) against a sandbox hosting several workspaces: the real
// install flow over HTTP (install page, Slack's authorize page, the redirect with its cookie).
import { randomBytes } from "node:crypto";
import type { Config, DatabaseConfig, LogFormat } from "../../src/config";
import { runJob, type JobName } from "../../src/jobs";
import { createLogger, loggerFor, type Logger } from "../../src/logger";
import { SlackRequester, type SlackSandbox, type SandboxWorkspace } from "../../src/sandbox";
import { startBot, type RunningBot } from "../../src/server";

export const OAUTH_APP = { clientId: "1111.2222", clientSecret: "client-secret-for-tests-0123456789" };
export const STATE_SECRET = "state-secret-for-tests";
export const KEY = randomBytes(32);

export function oauthConfig(
  sandbox: SlackSandbox,
  database: DatabaseConfig,
  signingSecret: string,
  keys: { current: Buffer; previous?: Buffer[] } = { current: KEY },
): Config {
  return {
    slack: {
      oauth: {
        ...OAUTH_APP,
        stateSecret: STATE_SECRET,
        tokenKeys: { current: keys.current, previous: keys.previous ?? [] },
      },
      signingSecret,
      apiUrl: sandbox.apiUrl,
      postsPerSecond: 1000,
      postsPerChannelPerSecond: 1000,
    },
    port: 0,
    database,
    logLevel: "debug",
  };
}

export type OAuthBot = {
  bot: RunningBot;
  logs: string[];
  log: Logger;
  signingSecret: string;
  /** Requests from a workspace of the sandbox, to this bot. */
  requester(ws: SandboxWorkspace): SlackRequester;
  runJob(name: JobName, now: Date): Promise<Record<string, number>>;
};

export async function startOAuthBot(
  sandbox: SlackSandbox,
  database: DatabaseConfig,
  opts: { signingSecret?: string; keys?: { current: Buffer; previous?: Buffer[] }; logFormat?: LogFormat } = {},
): Promise<OAuthBot> {
  const signingSecret = opts.signingSecret ?? randomBytes(16).toString("hex");
  const logs: string[] = [];
  const config = oauthConfig(sandbox, database, signingSecret, opts.keys);
  // With a format: the logger `okr-bot start` makes from the configuration.
  const log = opts.logFormat
    ? loggerFor({ ...config, logFormat: opts.logFormat }, (l) => logs.push(l))
    : createLogger("debug", "okr-bot", (l) => logs.push(l));
  const bot = await startBot(config, log, { scheduler: false });
  return {
    bot,
    logs,
    log,
    signingSecret,
    requester: (ws) =>
      new SlackRequester({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret, sandbox: ws }),
    runJob: (name, now) => runJob(name, { db: bot.database.db, slack: bot.clients, now, log, retryBaseMs: 5 }),
  };
}

/**
 * A person installs the app from the bot's install page into workspace `teamId`: the page links to
 * Slack's authorize URL and sets the state cookie; Slack redirects back with a code; the bot
 * exchanges it. Returns the final page's status and text, and the redirect and cookie (to replay them).
 */
export async function install(
  bot: RunningBot,
  sandbox: SlackSandbox,
  teamId: string,
  user = "U0INSTALLER",
): Promise<{ status: number; text: string; redirect: string; cookie: string }> {
  const base = `http://127.0.0.1:${bot.port}`;
  const page = await fetch(`${base}/slack/install`);
  const cookie = page.headers.get("set-cookie")?.split(";")[0];
  const href = /id="add-to-slack" href="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll("&#38;", "&");
  if (!cookie || !href?.startsWith(sandbox.authorizeUrl))
    throw new Error(`the install page did not link to Slack's authorize page (${href})`);
  const approve = new URL(href);
  approve.searchParams.set("team", teamId);
  approve.searchParams.set("user", user);
  // Slack uses the app's configured redirect URL when the install link names none.
  if (!approve.searchParams.has("redirect_uri"))
    sandbox.oauth.configure({ redirectUri: `${base}/slack/oauth_redirect` });
  const slack = await fetch(approve, { redirect: "manual" });
  const back = slack.headers.get("location");
  if (slack.status !== 302 || !back)
    throw new Error(`Slack's authorize page answered ${slack.status}: ${await slack.text()}`);
  const done = await fetch(back, { headers: { cookie } });
  return { status: done.status, text: await done.text(), redirect: back, cookie };
}
