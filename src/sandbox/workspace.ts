import { randomBytes } from "node:crypto";
import type { SubmissionOutcome } from "./api/views";
import { applySubmissionResponse, closeStack, popView } from "./api/views";
import { type ApiContext, type SandboxIdentity, apiMessage } from "./api/common";
import { FaultInjector, RateLimiter } from "./faults";
import { SandboxState } from "./state";
import type {
  ApiCallRecord,
  Block,
  FaultSpec,
  Json,
  RateLimitSpec,
  ResponseUrlContext,
  ResponseUrlRecord,
  SandboxEphemeral,
  SandboxFile,
  SandboxMessage,
  SandboxUser,
  SandboxUserSeed,
  SandboxView,
} from "./types";

export interface SandboxWorkspaceOptions {
  teamId: string;
  teamDomain?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Enterprise Grid: the organisation the workspace belongs to (in installs, auth.test and request payloads). */
  enterpriseId?: string;
  /** trigger_id lifetime (default 3000 ms, like Slack). Lower it only to test expiry quickly. */
  triggerTtlMs?: number;
  /** response_url lifetime (default 30 min). */
  responseUrlTtlMs?: number;
  /** Where message timestamps come from (default the real clock); the demo passes its own. */
  messageClock?: () => number;
}

/** A bot token the workspace accepts; rotating tokens expire. */
export type IssuedToken = { expiresAt?: number };

/**
 * One Slack workspace with the app installed in it: its people, messages, views and files, the
 * tokens it accepts, and its own faults and rate limits (Slack's limits are per workspace).
 */
export class SandboxWorkspace {
  readonly identity: SandboxIdentity;
  /** @internal used by the HTTP server */
  readonly state: SandboxState;
  /** @internal */
  readonly faults = new FaultInjector();
  /** @internal */
  readonly limiter = new RateLimiter();
  /** @internal */
  readonly triggerTtlMs: number;
  /** @internal */
  readonly responseUrlTtlMs: number;
  /** Bot tokens this workspace accepts (access token → expiry in ms, if it expires). */
  private readonly accessTokens = new Map<string, IssuedToken>();
  /** Tokens that were valid and were revoked (uninstall): Slack answers token_revoked. */
  private readonly revokedTokens = new Set<string>();

  constructor(
    opts: SandboxWorkspaceOptions,
    private readonly host?: { readonly url: string },
  ) {
    this.state = new SandboxState(opts.messageClock);
    const suffix = opts.teamId.slice(1);
    this.identity = {
      teamId: opts.teamId,
      teamDomain: opts.teamDomain ?? opts.teamId.toLowerCase(),
      teamName: opts.teamName ?? opts.teamId,
      botUserId: opts.botUserId ?? `U${suffix}BOT`,
      botUserName: "okr-bot",
      botId: opts.botId ?? `B${suffix}`,
      appId: opts.appId ?? "A0SANDBOX",
      ...(opts.enterpriseId !== undefined ? { enterpriseId: opts.enterpriseId } : {}),
    };
    this.triggerTtlMs = opts.triggerTtlMs ?? 3000;
    this.responseUrlTtlMs = opts.responseUrlTtlMs ?? 30 * 60 * 1000;
  }

  /** http://127.0.0.1:PORT of the sandbox serving this workspace. */
  get url(): string {
    if (!this.host) throw new Error("SandboxWorkspace has no server");
    return this.host.url;
  }

  // ---------------------------------------------------------------- tokens

  /** A new bot token for this workspace (what an install or a refresh hands out). */
  issueToken(opts: { prefix?: string; lifetimeSeconds?: number } = {}): string {
    const token = `${opts.prefix ?? "xoxb-"}${this.identity.teamId}-${randomBytes(12).toString("hex")}`;
    this.acceptToken(
      token,
      opts.lifetimeSeconds === undefined ? {} : { expiresAt: Date.now() + opts.lifetimeSeconds * 1000 },
    );
    return token;
  }

  /** @internal accept a given token (the default workspace's fixed token) */
  acceptToken(token: string, issued: IssuedToken = {}): void {
    this.accessTokens.set(token, issued);
  }

  /** Why a token is refused, or null when it is accepted. */
  checkToken(token: string, now = Date.now()): "invalid_auth" | "token_expired" | "token_revoked" | null {
    if (this.revokedTokens.has(token)) return "token_revoked";
    const issued = this.accessTokens.get(token);
    if (!issued) return "invalid_auth";
    if (issued.expiresAt !== undefined && issued.expiresAt <= now) return "token_expired";
    return null;
  }

  ownsToken(token: string): boolean {
    return this.accessTokens.has(token) || this.revokedTokens.has(token);
  }

  /** The app is uninstalled (or its tokens revoked): every token stops working. */
  revokeTokens(): void {
    for (const t of this.accessTokens.keys()) this.revokedTokens.add(t);
    this.accessTokens.clear();
  }

  /** Every token handed out so far expires `inSeconds` from now (to test expiry without waiting 12 h). */
  expireTokens(inSeconds: number): void {
    for (const issued of this.accessTokens.values()) issued.expiresAt = Date.now() + inSeconds * 1000;
  }

  // ---------------------------------------------------------------- identity

  get teamId(): string {
    return this.identity.teamId;
  }

  get botUserId(): string {
    return this.identity.botUserId;
  }

  // ---------------------------------------------------------------- seeding & test hooks

  addUser(seed: SandboxUserSeed): SandboxUser {
    return { ...this.state.addUser(seed) };
  }

  /** Change a seeded user (status, tz, deactivation...). */
  updateUser(id: string, patch: Partial<Omit<SandboxUserSeed, "id">>): SandboxUser {
    const u = this.state.users.get(id);
    if (!u) throw new Error(`updateUser: unknown user ${id}`);
    const merged: SandboxUserSeed = {
      id,
      name: u.name,
      realName: u.realName,
      displayName: u.displayName,
      tz: u.tz,
      isAdmin: u.isAdmin,
      isBot: u.isBot,
      deleted: u.deleted,
      statusEmoji: u.statusEmoji,
      statusText: u.statusText,
      statusExpiration: u.statusExpiration,
      ...patch,
    };
    return this.addUser(merged);
  }

  /** Seeded users by id. */
  get users(): ReadonlyMap<string, SandboxUser> {
    return this.state.users;
  }

  /** Stable DM conversation id (`D…`) for a user, as conversations.open returns it. */
  dmChannelId(userId: string): string {
    return this.state.dmId(userId);
  }

  /** Seed a message written by a person (for reconciliation via conversations.history). */
  addMessage(m: { channel: string; user: string; text: string; threadTs?: string; blocks?: Block[] }): SandboxMessage {
    const r = this.state.resolveChannel(m.channel);
    if (!r.ok) throw new Error(`addMessage: ${r.error} (${m.channel})`);
    const msg: SandboxMessage = {
      channel: r.channel,
      conversationId: r.conversationId,
      ts: this.state.nextTs(),
      text: m.text,
      user: m.user,
      updates: 0,
      args: {},
      ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    };
    this.state.messages.push(msg);
    return msg;
  }

  /** A trigger_id as Slack puts in commands and interactions: single use, valid triggerTtlMs (3 s). */
  issueTriggerId(userId?: string): string {
    return this.state.issueTrigger(userId);
  }

  /** A response_url on this server (5 uses, 30 min). `ctx` tells which user / channel / message it answers. */
  responseUrl(id: string, ctx: ResponseUrlContext = {}): string {
    if (!this.state.responseUrls.has(id)) this.state.responseUrls.set(id, { ctx, uses: 0, createdAt: Date.now() });
    return `${this.url}/response/${encodeURIComponent(id)}`;
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  /** Every matching call fails this way with `probability` (e.g. 5% of chat.postMessage answered 429). */
  injectRandomFaults(spec: FaultSpec, probability: number, seed?: number): void {
    this.faults.injectRandom(spec, probability, seed);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Rate-limit a method (token bucket; short bursts pass, then 429 with Retry-After). */
  setRateLimit(method: string, spec: RateLimitSpec): void {
    this.limiter.set(method, spec);
  }

  clearRateLimits(): void {
    this.limiter.clear();
  }

  /** Clear messages, views, files, calls, responses, triggers, faults and rate limits; keep users. */
  reset(): void {
    this.state.reset();
    this.faults.clear();
    this.limiter.clear();
  }

  /**
   * What the Slack client shows of a slash command's acknowledgement: a body with text or blocks
   * is a message to the person who typed it (or, `response_type: "in_channel"`, to the channel).
   * Returns whether anything was shown.
   */
  showCommandAck(args: { user: string; channel: string; status: number; body: string }): boolean {
    if (args.status !== 200 || args.body.trim() === "") return false;
    let json: Json;
    try {
      json = JSON.parse(args.body) as Json;
    } catch {
      json = { text: args.body };
    }
    const text = typeof json.text === "string" ? json.text : "";
    const blocks = Array.isArray(json.blocks) ? (json.blocks as Block[]) : undefined;
    if (text === "" && !blocks) return false;
    const r = this.state.resolveChannel(args.channel);
    const channel = r.ok ? r.channel : args.channel;
    if (json.response_type === "in_channel" && r.ok) {
      this.state.messages.push({
        channel,
        conversationId: r.conversationId,
        ts: this.state.nextTs(),
        text,
        user: this.identity.botUserId,
        updates: 0,
        args: json,
        ...(blocks ? { blocks } : {}),
      });
    } else {
      this.state.ephemerals.push({
        channel,
        user: args.user,
        ts: this.state.nextTs(),
        text,
        via: "ack",
        updates: 0,
        deleted: false,
        ...(blocks ? { blocks } : {}),
      });
    }
    return true;
  }

  /** Apply the bot's answer to a view_submission (used by SlackRequester). */
  applyViewSubmissionResponse(viewId: string, status: number, body: string, values?: Json): SubmissionOutcome {
    const v = this.state.views.get(viewId);
    if (v && values) v.view.state = { values };
    return applySubmissionResponse(this.ctx(), viewId, status, body);
  }

  /**
   * The user dismissed a modal: the close button of a pushed view goes back one view; on the root
   * view (or with `clear_on_close`) the whole stack closes.
   */
  closeView(viewId: string): void {
    const v = this.state.views.get(viewId);
    if (!v) return;
    const stack = this.state.stacks.get(v.user) ?? [];
    if (!stack.includes(viewId)) v.open = false;
    else if (v.view.clear_on_close === true || stack.length === 1) closeStack(v.user, this.ctx());
    else popView(v.user, this.ctx());
  }

  // ---------------------------------------------------------------- inspection

  /** Every API call in order (including faulted / rate-limited ones). */
  get calls(): readonly ApiCallRecord[] {
    return this.state.calls;
  }

  callsTo(method: string): ApiCallRecord[] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /**
   * Messages (thread replies included) in ts order; `channel` may be a channel id, a user id or a
   * `D…` id (DMs are stored under the user id).
   */
  messages(channel?: string): SandboxMessage[] {
    if (channel === undefined) return [...this.state.messages];
    const r = this.state.resolveChannel(channel);
    const key = r.ok ? r.channel : channel;
    return this.state.messages.filter((m) => m.channel === key);
  }

  /** Messages in the bot's DM with a user (sent to `U…` or its `D…` id). */
  dmsTo(userId: string): SandboxMessage[] {
    return this.state.messages.filter((m) => m.channel === userId);
  }

  /** A thread: parent then replies. */
  thread(channel: string, ts: string): SandboxMessage[] {
    return this.messages(channel).filter((m) => m.ts === ts || m.threadTs === ts);
  }

  ephemerals(userId?: string): SandboxEphemeral[] {
    return this.state.ephemerals.filter((e) => userId === undefined || e.user === userId);
  }

  /** Every view ever opened or published, in creation order. */
  views(): SandboxView[] {
    return [...this.state.views.values()];
  }

  view(id: string): SandboxView | undefined {
    return this.state.views.get(id);
  }

  /** The user's open modal stack, bottom → top. */
  openViews(userId: string): SandboxView[] {
    return (this.state.stacks.get(userId) ?? []).flatMap((id) => {
      const v = this.state.views.get(id);
      return v ? [v] : [];
    });
  }

  /** The user's published Home tab. */
  home(userId: string): SandboxView | undefined {
    const id = this.state.homes.get(userId);
    return id === undefined ? undefined : this.state.views.get(id);
  }

  /** A stored message in the shape the Web API / interaction payloads use. */
  apiMessage(m: SandboxMessage): Json {
    return apiMessage(m, this.ctx());
  }

  files(): SandboxFile[] {
    return [...this.state.files.values()];
  }

  /** POSTs received on response_urls (accepted and rejected). */
  responses(): ResponseUrlRecord[] {
    return [...this.state.responses];
  }

  /** @internal the context API handlers run in */
  ctx(): ApiContext {
    return { state: this.state, identity: this.identity, baseUrl: this.url, triggerTtlMs: this.triggerTtlMs };
  }
}
