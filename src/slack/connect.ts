// How okr-bot reaches Slack, decided once at start from the configuration: one workspace with
// SLACK_BOT_TOKEN (checked with auth.test), or every workspace it was installed in through OAuth.
import { ConfigError, type Config } from "../config";
import { TokenCipher } from "../db/tokenCipher";
import type { Db, Workspace } from "../db/types";
import { ensureWorkspace } from "../db/workspaces";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { BotTokens } from "./botTokens";
import { createJobsSlackClient, slackErrorCode } from "./client";
import { Pacer } from "./pacer";
import { installedWorkspaces, singleWorkspace, type SlackClients } from "./workspaceClients";

export type SlackConnection =
  | { mode: "single"; clients: SlackClients; home: Workspace; pacer: Pacer }
  | { mode: "oauth"; clients: SlackClients; tokens: BotTokens; cipher: TokenCipher };

export async function connectSlack(config: Config, db: Db, log: Logger, metrics?: Metrics): Promise<SlackConnection> {
  const pacing = { perSecond: config.slack.postsPerSecond, perChannelPerSecond: config.slack.postsPerChannelPerSecond };
  const { oauth, apiUrl } = config.slack;
  if (oauth) {
    const cipher = new TokenCipher(oauth.tokenKeys.current, oauth.tokenKeys.previous);
    const tokens = new BotTokens({ db, cipher, clientId: oauth.clientId, clientSecret: oauth.clientSecret, apiUrl, log: log.child("tokens"), metrics });
    return { mode: "oauth", clients: installedWorkspaces(tokens, { apiUrl, log, pacing, metrics }), tokens, cipher };
  }
  const slack = createJobsSlackClient({ token: config.slack.botToken!, apiUrl, logger: log.child("web-api"), metrics });
  const home = await homeWorkspace(db, slack, apiUrl);
  const pacer = new Pacer(pacing);
  return { mode: "single", clients: singleWorkspace(slack, pacer, home.slackTeamId), home, pacer };
}

/** The workspace the bot token belongs to; a refused token or an unreachable Slack is a configuration error. */
async function homeWorkspace(db: Db, slack: ReturnType<typeof createJobsSlackClient>, apiUrl: string | undefined): Promise<Workspace> {
  let auth;
  try {
    auth = await slack.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    throw new ConfigError([
      code
        ? `SLACK_BOT_TOKEN was refused by Slack (${code}): check the Bot User OAuth Token`
        : `Slack could not be reached at ${apiUrl ?? "https://slack.com/api/"} (${(err as Error).message})`,
    ]);
  }
  // Slack accepts the token: whatever was uninstalled before is installed again.
  const workspace = await ensureWorkspace(db, auth.team_id!, auth.team);
  if (workspace.uninstalledAt) return db.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt: null } });
  return workspace;
}
