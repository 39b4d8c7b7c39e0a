// The installation store: tokens encrypted at rest, one refresh claim at a time, uninstall deletes.
import { randomBytes } from "node:crypto";
import { claimRefresh, deleteInstallation, findInstallation, saveInstallation } from "../../src/db/installations";
import { TokenCipher } from "../../src/db/tokenCipher";
import { markUninstalled } from "../../src/db/workspaces";
import { createLogger } from "../../src/logger";
import { installationStore } from "../../src/slack/oauthInstall";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const cipher = new TokenCipher(randomBytes(32));
const install = {
  slackTeamId: "T0ONE",
  teamName: "One",
  botUserId: "U0BOT",
  botId: "B0BOT",
  scopes: ["chat:write", "commands"],
  botToken: "xoxb-one",
  botRefreshToken: "xoxe-1-one",
  botTokenExpiresAt: new Date("2026-11-23T12:00:00Z"),
};

describe.each(PROVIDERS)("installations on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
  });
  afterEach(async () => t.cleanup());

  it("stores tokens encrypted, reads them back, and a reinstall replaces them and resumes the workspace", async () => {
    await saveInstallation(t.db, cipher, install);
    const raw = await t.db.installation.findFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain("xox");
    expect(await findInstallation(t.db, cipher, "T0ONE")).toMatchObject({
      botToken: "xoxb-one",
      botRefreshToken: "xoxe-1-one",
      scopes: ["chat:write", "commands"],
    });

    await markUninstalled(t.db, "T0ONE", new Date());
    await saveInstallation(t.db, cipher, {
      ...install,
      botToken: "xoxb-two",
      botRefreshToken: undefined,
      botTokenExpiresAt: undefined,
    });
    expect(await t.db.installation.count()).toBe(1);
    expect(await findInstallation(t.db, cipher, "T0ONE")).toMatchObject({
      botToken: "xoxb-two",
      botRefreshToken: null,
      botTokenExpiresAt: null,
    });
    expect((await t.db.workspace.findFirstOrThrow()).uninstalledAt).toBeNull();
  });

  it("gives the refresh claim to one caller at a time, until it lapses or the token changes", async () => {
    await saveInstallation(t.db, cipher, install);
    const read = (await findInstallation(t.db, cipher, "T0ONE"))!;
    const now = new Date("2026-11-23T10:00:00Z");
    const until = new Date(now.getTime() + 30_000);
    expect(await Promise.all([claimRefresh(t.db, read, now, until), claimRefresh(t.db, read, now, until)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await claimRefresh(t.db, read, new Date(now.getTime() + 10_000), until)).toBe(false);
    // The claim lapsed (its holder died): someone else may take it.
    expect(await claimRefresh(t.db, read, new Date(now.getTime() + 31_000), new Date(now.getTime() + 61_000))).toBe(
      true,
    );
    // Someone refreshed meanwhile (a new refresh token): a claim on the old one is refused.
    await saveInstallation(t.db, cipher, { ...install, botRefreshToken: "xoxe-1-newer" });
    expect(await claimRefresh(t.db, read, new Date(now.getTime() + 120_000), new Date(now.getTime() + 150_000))).toBe(
      false,
    );
  });

  it("answers Slack's installation-store interface, and deletes on uninstall", async () => {
    const store = installationStore({ db: t.db, cipher, log: createLogger("error", "t", () => undefined) });
    await saveInstallation(t.db, cipher, install);
    expect(
      await store.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false }),
    ).toMatchObject({
      team: { id: "T0ONE" },
      bot: {
        token: "xoxb-one",
        refreshToken: "xoxe-1-one",
        expiresAt: Date.parse("2026-11-23T12:00:00Z") / 1000,
        userId: "U0BOT",
        id: "B0BOT",
      },
    });
    await expect(
      store.storeInstallation({
        team: undefined,
        enterprise: { id: "E0ORG" },
        user: { id: "U1", token: undefined, scopes: undefined },
        isEnterpriseInstall: true,
        authVersion: "v2",
      }),
    ).rejects.toThrow(/organisation-wide install is not supported/);
    expect(await deleteInstallation(t.db, "T0ONE")).toBe(1);
    await expect(
      store.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/no installation/);
  });
});
