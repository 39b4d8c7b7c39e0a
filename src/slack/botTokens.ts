// The bot token of each workspace in multi-workspace mode, read from the installation store and,
// with Slack's token rotation, refreshed before it expires. A refresh token works once, so two
// replicas refreshing together would leave one of them with a dead token: a refresh is claimed in
// the database first, and whoever does not hold the claim keeps using the current token (valid
// until it expires) or waits for the new one.
import { WebClient } from "@slack/web-api";
import {
  claimRefresh,
  findInstallation,
  installedTeamsOfEnterprise,
  releaseRefreshClaim,
  storeRefreshedTokens,
  type BotInstallation,
} from "../db/installations";
import type { TokenCipher } from "../db/tokenCipher";
import type { Db } from "../db/types";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { slackErrorCode, webClientOptions } from "./client";

/** Refresh this long before expiry (Bolt's default too), so a token never expires mid-job. */
export const REFRESH_MARGIN_MS = 2 * 60 * 60 * 1000;
/** How long a replica may hold the refresh claim before another may take over. */
const CLAIM_MS = 30_000;
const WAIT_STEP_MS = 200;

/** A workspace's bot token and identity; `workspaceId` is its row in okr-bot's database. */
export type BotAuthorization = {
  botToken: string;
  botId?: string;
  botUserId: string;
  teamId: string;
  enterpriseId?: string;
  workspaceId: number;
};

export class NotInstalledError extends Error {
  override name = "NotInstalledError";
  constructor(readonly slackTeamId: string) {
    super(
      `okr-bot is not installed in workspace ${slackTeamId} (no installation stored): install it at /slack/install`,
    );
  }
}

export type BotTokensOptions = {
  db: Db;
  cipher: TokenCipher;
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
  log: Logger;
  clock?: () => Date;
  metrics?: Metrics;
};

export class BotTokens {
  private readonly oauthClient: WebClient;
  /** Requests of one process for the same workspace share one lookup while a refresh is due. */
  private readonly refreshing = new Map<string, Promise<BotAuthorization>>();
  private readonly clock: () => Date;

  constructor(private readonly opts: BotTokensOptions) {
    this.oauthClient = new WebClient(
      undefined,
      webClientOptions({ apiUrl: opts.apiUrl, logger: opts.log.child("web-api"), retries: 2, metrics: opts.metrics }),
    );
    this.clock = opts.clock ?? (() => new Date());
  }

  /** The workspace's bot token, refreshed first if it expires within the margin. */
  async forTeam(slackTeamId: string): Promise<BotAuthorization> {
    const installation = await findInstallation(this.opts.db, this.opts.cipher, slackTeamId);
    if (!installation) throw new NotInstalledError(slackTeamId);
    if (!this.dueForRefresh(installation)) return authorization(installation);
    let shared = this.refreshing.get(slackTeamId);
    if (!shared) {
      shared = this.refresh(slackTeamId).finally(() => this.refreshing.delete(slackTeamId));
      this.refreshing.set(slackTeamId, shared);
    }
    return shared;
  }

  /**
   * The installation a request is for, as Bolt found it in the payload: its workspace, else (an
   * Enterprise Grid payload naming no installed workspace, e.g. `team: null` on org-level payloads)
   * the one installed workspace of its organisation.
   */
  async forRequest(source: { teamId?: string; enterpriseId?: string }): Promise<BotAuthorization> {
    if (source.teamId) {
      try {
        return await this.forTeam(source.teamId);
      } catch (err) {
        if (!(err instanceof NotInstalledError) || !source.enterpriseId) throw err;
      }
    }
    if (source.enterpriseId) {
      const teams = await installedTeamsOfEnterprise(this.opts.db, source.enterpriseId);
      if (teams.length === 1) return this.forTeam(teams[0]!);
    }
    throw new NotInstalledError(source.teamId ?? source.enterpriseId ?? "(none named)");
  }

  private dueForRefresh(i: BotInstallation): boolean {
    return (
      i.botRefreshToken !== null &&
      i.botTokenExpiresAt !== null &&
      i.botTokenExpiresAt.getTime() - this.clock().getTime() < REFRESH_MARGIN_MS
    );
  }

  private async refresh(slackTeamId: string): Promise<BotAuthorization> {
    const { db, cipher, log } = this.opts;
    for (;;) {
      const installation = await findInstallation(db, cipher, slackTeamId);
      if (!installation) throw new NotInstalledError(slackTeamId);
      if (!this.dueForRefresh(installation)) return authorization(installation);
      const now = this.clock();
      if (await claimRefresh(db, installation, now, new Date(now.getTime() + CLAIM_MS))) {
        return this.refreshClaimed(installation);
      }
      // Another replica is refreshing: the current token still works until it expires.
      if (installation.botTokenExpiresAt!.getTime() > now.getTime() + 5_000) return authorization(installation);
      log.debug(`workspace ${slackTeamId}: waiting for another replica to refresh the bot token`);
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }

  private async refreshClaimed(installation: BotInstallation): Promise<BotAuthorization> {
    const { db, cipher, log } = this.opts;
    try {
      const res = await this.oauthClient.oauth.v2.access({
        client_id: this.opts.clientId,
        client_secret: this.opts.clientSecret,
        grant_type: "refresh_token",
        refresh_token: installation.botRefreshToken!,
      });
      if (!res.access_token || !res.refresh_token || !res.expires_in)
        throw new Error("Slack's refresh answer had no token");
      const tokens = {
        botToken: res.access_token,
        botRefreshToken: res.refresh_token,
        botTokenExpiresAt: new Date(this.clock().getTime() + res.expires_in * 1000),
      };
      await storeRefreshedTokens(db, cipher, installation, tokens);
      log.info(
        `workspace ${installation.slackTeamId}: bot token refreshed (expires ${tokens.botTokenExpiresAt.toISOString()})`,
      );
      return authorization({ ...installation, ...tokens });
    } catch (err) {
      await releaseRefreshClaim(db, installation).catch(() => undefined);
      // The error code only: Slack's answer to a refresh carries tokens.
      log.error(
        `workspace ${installation.slackTeamId}: refreshing the bot token failed (${slackErrorCode(err) ?? (err as Error).message})`,
      );
      if (installation.botTokenExpiresAt!.getTime() > this.clock().getTime()) return authorization(installation);
      throw new Error(`the bot token of workspace ${installation.slackTeamId} expired and could not be refreshed`);
    }
  }
}

function authorization(
  i: Pick<BotInstallation, "botToken" | "botId" | "botUserId" | "slackTeamId" | "enterpriseId" | "workspaceId">,
): BotAuthorization {
  return {
    workspaceId: i.workspaceId,
    botToken: i.botToken,
    botUserId: i.botUserId,
    teamId: i.slackTeamId,
    ...(i.botId ? { botId: i.botId } : {}),
    ...(i.enterpriseId ? { enterpriseId: i.enterpriseId } : {}),
  };
}
