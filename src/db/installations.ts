// Where the app is installed and with which bot token (multi-workspace mode). Tokens go in and
// come out in clear; in the database they are only ever ciphertext.
import type { TokenCipher } from "./tokenCipher";
import type { Db, Tx } from "./types";
import { ensureWorkspace, markUninstalled } from "./workspaces";

export type BotInstallation = {
  id: number;
  workspaceId: number;
  slackTeamId: string;
  enterpriseId: string | null;
  appId: string | null;
  botId: string | null;
  botUserId: string;
  scopes: string[];
  installerUserId: string | null;
  botToken: string;
  botRefreshToken: string | null;
  botTokenExpiresAt: Date | null;
  refreshClaimedUntil: Date | null;
  /** The refresh token as stored: a refresh claim is only taken if nobody has replaced it since. */
  storedRefreshToken: string | null;
};

export type NewInstallation = {
  slackTeamId: string;
  teamName?: string;
  enterpriseId?: string;
  appId?: string;
  botId?: string;
  botUserId: string;
  scopes: string[];
  installerUserId?: string;
  botToken: string;
  botRefreshToken?: string;
  botTokenExpiresAt?: Date;
};

const context = (slackTeamId: string, column: string) => `${slackTeamId}:${column}`;

/** Stores (or replaces, on a reinstall) a workspace's installation; the workspace's jobs run again. */
export async function saveInstallation(db: Db, cipher: TokenCipher, input: NewInstallation): Promise<void> {
  const t = input.slackTeamId;
  const data = {
    enterpriseId: input.enterpriseId ?? null,
    appId: input.appId ?? null,
    botId: input.botId ?? null,
    botUserId: input.botUserId,
    scopes: input.scopes.join(","),
    installerUserId: input.installerUserId ?? null,
    botToken: cipher.encrypt(input.botToken, context(t, "botToken")),
    botRefreshToken: input.botRefreshToken
      ? cipher.encrypt(input.botRefreshToken, context(t, "botRefreshToken"))
      : null,
    botTokenExpiresAt: input.botTokenExpiresAt ?? null,
    refreshClaimedUntil: null,
  };
  await db.$transaction(async (tx) => {
    const workspace = await ensureWorkspace(tx, t, input.teamName);
    await tx.installation.upsert({
      where: { workspaceId: workspace.id },
      create: { workspaceId: workspace.id, ...data },
      update: data,
    });
    await tx.workspace.update({ where: { id: workspace.id }, data: { uninstalledAt: null } });
  });
}

/** The installed workspaces of an Enterprise Grid organisation (at most `limit`). */
export async function installedTeamsOfEnterprise(db: Tx, enterpriseId: string, limit = 2): Promise<string[]> {
  const rows = await db.installation.findMany({
    where: { enterpriseId },
    select: { workspace: { select: { slackTeamId: true } } },
    take: limit,
  });
  return rows.map((r) => r.workspace.slackTeamId);
}

export async function findInstallation(
  db: Tx,
  cipher: TokenCipher,
  slackTeamId: string,
): Promise<BotInstallation | null> {
  const row = await db.installation.findFirst({ where: { workspace: { slackTeamId } } });
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    slackTeamId,
    enterpriseId: row.enterpriseId,
    appId: row.appId,
    botId: row.botId,
    botUserId: row.botUserId,
    scopes: row.scopes ? row.scopes.split(",") : [],
    installerUserId: row.installerUserId,
    botToken: cipher.decrypt(row.botToken, context(slackTeamId, "botToken")),
    botRefreshToken: row.botRefreshToken
      ? cipher.decrypt(row.botRefreshToken, context(slackTeamId, "botRefreshToken"))
      : null,
    botTokenExpiresAt: row.botTokenExpiresAt,
    refreshClaimedUntil: row.refreshClaimedUntil,
    storedRefreshToken: row.botRefreshToken,
  };
}

/** Uninstalled or revoked: the tokens are deleted (the workspace's data stays until `okr-bot forget`). */
export async function deleteInstallation(db: Tx, slackTeamId: string): Promise<number> {
  const { count } = await db.installation.deleteMany({ where: { workspace: { slackTeamId } } });
  return count;
}

/**
 * In one transaction: the workspace's tokens are deleted and it is marked uninstalled at `at`.
 * Returns how many rows that changed (0: it was already so).
 */
export async function uninstall(db: Db, slackTeamId: string, at: Date): Promise<number> {
  const [deleted, { count }] = await db.$transaction(
    async (tx) => [await deleteInstallation(tx, slackTeamId), await markUninstalled(tx, slackTeamId, at)] as const,
  );
  return deleted + count;
}

/**
 * Claims the right to refresh this installation's token until `until`. Only one replica gets it:
 * the row must still hold the refresh token the caller read, and no live claim.
 */
export async function claimRefresh(db: Tx, installation: BotInstallation, now: Date, until: Date): Promise<boolean> {
  const { count } = await db.installation.updateMany({
    where: {
      id: installation.id,
      botRefreshToken: installation.storedRefreshToken,
      OR: [{ refreshClaimedUntil: null }, { refreshClaimedUntil: { lt: now } }],
    },
    data: { refreshClaimedUntil: until },
  });
  return count === 1;
}

/** The refreshed tokens, stored, and the claim released. */
export async function storeRefreshedTokens(
  db: Tx,
  cipher: TokenCipher,
  installation: BotInstallation,
  tokens: { botToken: string; botRefreshToken: string; botTokenExpiresAt: Date },
): Promise<void> {
  const t = installation.slackTeamId;
  await db.installation.updateMany({
    where: { id: installation.id },
    data: {
      botToken: cipher.encrypt(tokens.botToken, context(t, "botToken")),
      botRefreshToken: cipher.encrypt(tokens.botRefreshToken, context(t, "botRefreshToken")),
      botTokenExpiresAt: tokens.botTokenExpiresAt,
      refreshClaimedUntil: null,
    },
  });
}

export async function releaseRefreshClaim(db: Tx, installation: BotInstallation): Promise<void> {
  await db.installation.updateMany({ where: { id: installation.id }, data: { refreshClaimedUntil: null } });
}

/** After a key rotation: rewrites every token under the current key. Returns how many rows changed. */
export async function reencryptTokens(db: Db, cipher: TokenCipher): Promise<number> {
  let changed = 0;
  const rows = await db.installation.findMany({ include: { workspace: { select: { slackTeamId: true } } } });
  for (const row of rows) {
    if (cipher.isCurrent(row.botToken) && (!row.botRefreshToken || cipher.isCurrent(row.botRefreshToken))) continue;
    const t = row.workspace.slackTeamId;
    const again = (value: string, column: string) =>
      cipher.encrypt(cipher.decrypt(value, context(t, column)), context(t, column));
    // Only if the row is unchanged since it was read (a refresh may have rewritten it meanwhile).
    const { count } = await db.installation.updateMany({
      where: { id: row.id, botToken: row.botToken, botRefreshToken: row.botRefreshToken },
      data: {
        botToken: again(row.botToken, "botToken"),
        botRefreshToken: row.botRefreshToken ? again(row.botRefreshToken, "botRefreshToken") : null,
      },
    });
    changed += count;
  }
  return changed;
}

/** How many workspaces have an installation stored. */
export function countInstallations(db: Tx): Promise<number> {
  return db.installation.count();
}
