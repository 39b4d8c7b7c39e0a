import { randomBytes } from "node:crypto";
import { str } from "./api/common";
import type { Json } from "./types";
import type { SandboxWorkspace } from "./workspace";

/** The app as registered with Slack: its credentials, and whether its tokens rotate. */
export type SandboxOAuthApp = {
  clientId: string;
  clientSecret: string;
  /** Token rotation on: access tokens expire and come with a single-use refresh token. */
  tokenRotation?: boolean;
  /** Lifetime of a rotating access token (Slack: 12 hours). */
  tokenLifetimeSeconds?: number;
  /** The app's configured redirect URL, used when the authorize link names none (as Slack does). */
  redirectUri?: string;
};

type Grant = { teamId: string; user: string; scope: string; redirectUri: string; expiresAt: number; used: boolean };

/** How long an authorization code may be exchanged (Slack: 10 minutes). */
const CODE_TTL_MS = 10 * 60 * 1000;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * Slack's side of OAuth v2: the authorize page (here it approves at once, for the workspace and
 * user named in the query) and `oauth.v2.access`, which exchanges a code, or a refresh token when
 * tokens rotate. A refresh token works once: refreshing twice with it fails, as in Slack.
 */
export class SandboxOAuth {
  private readonly grants = new Map<string, Grant>();
  /** Refresh tokens not used yet → the workspace they belong to. */
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    private app: SandboxOAuthApp | undefined,
    private readonly find: (teamId: string) => SandboxWorkspace | undefined,
    /** The workspace the browser is signed in to unless the authorize link says `team`. */
    private readonly defaultTeamId: string,
  ) {}

  /** Register the app, or change it (e.g. the token lifetime) between steps of a test. */
  configure(app: Partial<SandboxOAuthApp>): void {
    const next = { ...this.app, ...app };
    if (!next.clientId || !next.clientSecret)
      throw new Error("oauth.configure: clientId and clientSecret are required");
    this.app = next as SandboxOAuthApp;
  }

  /**
   * `GET /oauth/v2/authorize`: the person approves the install. Sandbox extensions to the query:
   * `team` (the workspace the browser is signed in to; default the sandbox's own), `user` (who
   * installs; default U0INSTALLER) and `deny=1` (the person presses Cancel).
   */
  authorize(params: URLSearchParams): { redirect?: string; error: string } {
    if (!this.app) return { error: "this sandbox has no OAuth app (pass `oauth` to SlackSandbox)" };
    if (params.get("client_id") !== this.app.clientId) return { error: "invalid_client_id" };
    const redirectUri = params.get("redirect_uri") ?? this.app.redirectUri;
    if (!redirectUri) return { error: "bad_redirect_uri: no redirect_uri, and the app has no redirect URL configured" };
    const state = params.get("state") ?? "";
    const back = new URL(redirectUri);
    if (params.get("deny") === "1") {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("state", state);
      return { redirect: back.toString(), error: "" };
    }
    const teamId = params.get("team") ?? this.defaultTeamId;
    if (!this.find(teamId)) return { error: `no workspace ${teamId} in this sandbox` };
    const code = `${Date.now()}.${randomBytes(12).toString("hex")}`;
    this.grants.set(code, {
      teamId,
      user: params.get("user") ?? "U0INSTALLER",
      scope: params.get("scope") ?? "",
      redirectUri,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    back.searchParams.set("code", code);
    back.searchParams.set("state", state);
    return { redirect: back.toString(), error: "" };
  }

  /** `oauth.v2.access`: a code (install) or a refresh token (rotation) for a bot token. */
  access(args: Json, authorization: string | undefined): Json {
    if (!this.app) return { ok: false, error: "invalid_client_id" };
    const [basicId, basicSecret] = basicCredentials(authorization);
    const clientId = str(args, "client_id") ?? basicId;
    const clientSecret = str(args, "client_secret") ?? basicSecret;
    if (clientId !== this.app.clientId) return { ok: false, error: "invalid_client_id" };
    if (clientSecret !== this.app.clientSecret) return { ok: false, error: "bad_client_secret" };
    if (str(args, "grant_type") === "refresh_token") return this.refresh(str(args, "refresh_token"));

    const code = str(args, "code");
    const grant = code === undefined ? undefined : this.grants.get(code);
    if (!grant || grant.used || grant.expiresAt < Date.now()) return { ok: false, error: "invalid_code" };
    const redirectUri = str(args, "redirect_uri");
    // Slack checks it only when the authorize link named one; then it must be the same.
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) return { ok: false, error: "bad_redirect_uri" };
    grant.used = true;
    const ws = this.find(grant.teamId)!;
    return { ...this.tokens(ws), scope: grant.scope, authed_user: { id: grant.user } };
  }

  /** The app is uninstalled from a workspace: its refresh tokens stop working (with its access tokens). */
  revoke(teamId: string): void {
    for (const [token, owner] of this.refreshTokens) if (owner === teamId) this.refreshTokens.delete(token);
  }

  private refresh(refreshToken: string | undefined): Json {
    const teamId = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
    const ws = teamId === undefined ? undefined : this.find(teamId);
    if (!ws || refreshToken === undefined) return { ok: false, error: "invalid_refresh_token" };
    this.refreshTokens.delete(refreshToken);
    return { ...this.tokens(ws), scope: "" };
  }

  private tokens(ws: SandboxWorkspace): Json {
    const identity = ws.identity;
    const base = {
      ok: true,
      token_type: "bot",
      bot_user_id: identity.botUserId,
      app_id: identity.appId,
      team: { id: identity.teamId, name: identity.teamName },
      enterprise:
        identity.enterpriseId !== undefined ? { id: identity.enterpriseId, name: identity.enterpriseId } : null,
      is_enterprise_install: false,
    };
    if (!this.app?.tokenRotation) return { ...base, access_token: ws.issueToken() };
    const lifetime = this.app.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    const refreshToken = `xoxe-1-${randomBytes(16).toString("hex")}`;
    this.refreshTokens.set(refreshToken, identity.teamId);
    return {
      ...base,
      access_token: ws.issueToken({ prefix: "xoxe.xoxb-1-", lifetimeSeconds: lifetime }),
      refresh_token: refreshToken,
      expires_in: lifetime,
    };
  }
}

function basicCredentials(authorization: string | undefined): [string | undefined, string | undefined] {
  if (!authorization?.startsWith("Basic ")) return [undefined, undefined];
  const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
  const at = decoded.indexOf(":");
  return at < 0
    ? [undefined, undefined]
    : [decodeURIComponent(decoded.slice(0, at)), decodeURIComponent(decoded.slice(at + 1))];
}
