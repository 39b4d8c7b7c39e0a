// Installing okr-bot in a workspace (multi-workspace mode): `/slack/install` sends the person to
// Slack's authorize page, Slack sends them back to `/slack/oauth_redirect` with a code, and the
// installation (its bot token encrypted) is stored. @slack/oauth's InstallProvider runs the flow:
// the state parameter is signed with SLACK_STATE_SECRET and checked against a browser cookie.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { InstallProvider, type Installation, type InstallationStore } from "@slack/oauth";
import type { OAuthConfig } from "../config";
import { findInstallation, saveInstallation } from "../db/installations";
import type { TokenCipher } from "../db/tokenCipher";
import type { Db } from "../db/types";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { webClientOptions } from "./client";
import { BOT_SCOPES } from "./scopes";

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

type Deps = { db: Db; cipher: TokenCipher; log: Logger; metrics?: Metrics };

/** Slack's authorize page sits next to its Web API (https://slack.com/api/ → https://slack.com/oauth/v2/authorize). */
export function authorizeUrl(apiUrl: string | undefined): string {
  return new URL("../oauth/v2/authorize", apiUrl ?? "https://slack.com/api/").toString();
}

export function installationStore({ db, cipher, log }: Deps): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      if (installation.isEnterpriseInstall || !installation.team) {
        throw new Error("an organisation-wide install is not supported: install okr-bot in each workspace");
      }
      if (!installation.bot) throw new Error("Slack's answer held no bot token (was the bot scope granted?)");
      const bot = installation.bot;
      await saveInstallation(db, cipher, {
        slackTeamId: installation.team.id,
        teamName: installation.team.name,
        enterpriseId: installation.enterprise?.id,
        appId: installation.appId,
        botId: bot.id,
        botUserId: bot.userId,
        scopes: bot.scopes,
        installerUserId: installation.user.id,
        botToken: bot.token,
        botRefreshToken: bot.refreshToken,
        botTokenExpiresAt: bot.expiresAt === undefined ? undefined : new Date(bot.expiresAt * 1000),
      });
      log.info(
        `installed in workspace ${installation.team.name ?? ""} (${installation.team.id}) by ${installation.user.id}`,
      );
    },
    fetchInstallation: async (query) => {
      const found = query.teamId ? await findInstallation(db, cipher, query.teamId) : null;
      if (!found) throw new Error(`no installation for workspace ${query.teamId ?? "(none given)"}`);
      const installation: Installation<"v2", false> = {
        team: { id: found.slackTeamId },
        enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
        user: { id: found.installerUserId ?? "", token: undefined, scopes: undefined },
        bot: {
          token: found.botToken,
          refreshToken: found.botRefreshToken ?? undefined,
          expiresAt: found.botTokenExpiresAt ? Math.floor(found.botTokenExpiresAt.getTime() / 1000) : undefined,
          scopes: found.scopes,
          id: found.botId ?? "",
          userId: found.botUserId,
        },
        appId: found.appId ?? undefined,
        isEnterpriseInstall: false,
        authVersion: "v2",
      };
      return installation;
    },
    // No deleteInstallation: uninstall events delete the tokens (listeners/events/uninstalled.ts).
  };
}

/** The two HTTP routes of the install flow, for Bolt's receiver. */
export function oauthRoutes(oauth: OAuthConfig, apiUrl: string | undefined, deps: Deps): CustomRoute[] {
  const installer = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: installationStore(deps),
    authorizationUrl: authorizeUrl(apiUrl),
    installUrlOptions: { scopes: [...BOT_SCOPES], ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}) },
    clientOptions: webClientOptions({ apiUrl, logger: deps.log.child("web-api"), metrics: deps.metrics }),
    logger: deps.log.child("oauth"),
    renderHtmlForInstallPath: (url) =>
      html(
        "Add okr-bot to Slack",
        `<a id="add-to-slack" href="${escapeHtml(url)}">Add okr-bot to Slack</a>: weekly check-ins, digests and retros for your team's OKRs.`,
      ),
  });
  const callback = {
    success: (installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) =>
      page(
        res,
        200,
        "okr-bot is installed",
        `okr-bot is now in ${escapeHtml(installation.team?.name ?? installation.team?.id ?? "your workspace")}. In Slack, invite it to your team's channel and type <code>/okr help</code>.`,
      ),
    failure: (error: Error, _options: unknown, _req: IncomingMessage, res: ServerResponse) =>
      page(
        res,
        400,
        "okr-bot was not installed",
        `The install did not finish: ${escapeHtml(error.message)}. <a href="${INSTALL_PATH}">Try again</a>.`,
      ),
  };
  return [
    { path: INSTALL_PATH, method: ["GET"], handler: (req, res) => void installer.handleInstallPath(req, res) },
    { path: REDIRECT_PATH, method: ["GET"], handler: (req, res) => void installer.handleCallback(req, res, callback) },
  ];
}

function page(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(html(title, body));
}

function html(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
