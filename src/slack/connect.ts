// How okr-bot reaches Slack, decided once at start from the configuration: one workspace with
// SLACK_BOT_TOKEN (checked with auth.test), or every workspace it was installed in through OAuth.
import type { AuthTestResponse } from "@slack/web-api";
import { ConfigError, type Config } from "../config";
import { TokenCipher } from "../db/tokenCipher";
import type { Db, Workspace } from "../db/types";
import { ensureWorkspace, markReinstalled } from "../db/workspaces";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { BotTokens } from "./botTokens";
import { createJobsSlackClient, slackErrorCode } from "./client";
import { Pacer } from "./pacer";
import { slackUnreachable } from "./unreachable";
import { installedWorkspaces, singleWorkspace, type SlackClients } from "./workspaceClients";

export type SlackConnection =
  | { mode: "single"; clients: SlackClients; home: Workspace; authorization: HomeAuthorization; pacer: Pacer }
  | { mode: "oauth"; clients: SlackClients; tokens: BotTokens; cipher: TokenCipher };

/** With one bot token, every request is authorized as the token's workspace, as auth.test named it at start. */
export type HomeAuthorization = {
  botToken: string;
  botUserId: string;
  botId?: string;
  teamId: string;
  enterpriseId?: string;
};

export async function connectSlack(config: Config, db: Db, log: Logger, metrics?: Metrics): Promise<SlackConnection> {
  const pacing = { perSecond: config.slack.postsPerSecond, perChannelPerSecond: config.slack.postsPerChannelPerSecond };
  const { oauth, apiUrl } = config.slack;
  if (oauth) {
    const cipher = new TokenCipher(oauth.tokenKeys.current, oauth.tokenKeys.previous);
    const tokens = new BotTokens({
      db,
      cipher,
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      apiUrl,
      log: log.child("tokens"),
      metrics,
    });
    return { mode: "oauth", clients: installedWorkspaces(tokens, { apiUrl, log, pacing, metrics }), tokens, cipher };
  }
  const slack = createJobsSlackClient({ token: config.slack.botToken!, apiUrl, logger: log.child("web-api"), metrics });
  const { home, auth } = await homeWorkspace(db, slack, apiUrl);
  const pacer = new Pacer(pacing);
  const authorization: HomeAuthorization = {
    botToken: config.slack.botToken!,
    botUserId: auth.user_id!,
    teamId: home.slackTeamId,
    ...(auth.bot_id ? { botId: auth.bot_id } : {}),
    ...(auth.enterprise_id ? { enterpriseId: auth.enterprise_id } : {}),
  };
  return { mode: "single", clients: singleWorkspace(slack, pacer, home.slackTeamId), home, authorization, pacer };
}

/** The workspace the bot token belongs to; a refused token is a configuration error, an unreachable Slack says where it looked. */
async function homeWorkspace(
  db: Db,
  slack: ReturnType<typeof createJobsSlackClient>,
  apiUrl: string | undefined,
): Promise<{ home: Workspace; auth: AuthTestResponse }> {
  let auth: AuthTestResponse;
  try {
    auth = await slack.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code) throw new ConfigError([`SLACK_BOT_TOKEN was refused by Slack (${code}): check the Bot User OAuth Token`]);
    throw slackUnreachable(err, apiUrl, "check SLACK_BOT_TOKEN", "check SLACK_API_URL and the network") ?? err;
  }
  // Slack accepts the token: whatever was uninstalled before is installed again.
  const workspace = await ensureWorkspace(db, auth.team_id!, auth.team);
  if (workspace.uninstalledAt) return { home: await markReinstalled(db, workspace.id), auth };
  return { home: workspace, auth };
}
