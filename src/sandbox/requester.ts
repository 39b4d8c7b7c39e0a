import { randomBytes } from "node:crypto";
import type { SubmissionOutcome } from "./api/views";
import { findElement } from "./normalize";
import type { SandboxSocketMode } from "./socketMode";
import {
  type DeliverOptions,
  type EnvelopeType,
  HttpTransport,
  type RequestTransport,
  type SendOptions,
  type SlackRequestResult,
  SocketModeTransport,
} from "./transport";
import type { SandboxWorkspace } from "./workspace";
import type { Block, Json } from "./types";
import { type SimpleValue, type SimpleValues, buildStateValues, stateValueFor } from "./viewState";

export type { SendOptions, SlackRequestResult } from "./transport";

export type SlackRequesterOptions = {
  /** The workspace the requests come from (the sandbox itself, or one it hosts). */
  sandbox: SandboxWorkspace;
  /** Defaults to the sandbox's team id. */
  teamId?: string;
  /**
   * Slack Connect: the person's own workspace, another organisation's (their user.team_id, the
   * `team` of views they submit, an event's team_id). Defaults to teamId.
   */
  userTeamId?: string;
  /**
   * Enterprise Grid org-level payloads: `team` is null and is_enterprise_install true. The
   * organisation's id comes from the workspace (its enterpriseId option).
   */
  orgLevel?: boolean;
  /** Give up waiting for the bot after this long (default 10 s; Slack itself waits 3 s — check durationMs). */
  timeoutMs?: number;
} & (
  | {
      /** The bot's endpoint, e.g. http://127.0.0.1:3000/slack/events */
      url: string;
      signingSecret: string;
      socketMode?: undefined;
    }
  | {
      /** Deliver over the bot's Socket Mode connection to this sandbox instead of HTTP. */
      socketMode: SandboxSocketMode;
      url?: undefined;
      signingSecret?: undefined;
    }
);

export interface CommandResult extends SlackRequestResult {
  triggerId: string;
  responseUrl: string;
}

export interface BlockActionResult extends SlackRequestResult {
  triggerId: string;
  responseUrl?: string;
}

export interface ViewSubmissionResult extends SlackRequestResult {
  /** What the Slack client did with the answer (closed, updated, errors shown...). */
  outcome: SubmissionOutcome;
}

export type ActionContainer =
  | { type: "message"; channel_id: string; message_ts: string; is_ephemeral?: boolean; thread_ts?: string }
  | { type: "view"; view_id: string };

/** Sends requests to the bot the way Slack does: signed HTTP, or envelopes over Socket Mode. */
export class SlackRequester {
  private readonly transport: RequestTransport;
  private readonly http: HttpTransport | undefined;
  private readonly sandbox: SandboxWorkspace;
  private readonly teamId: string;
  private readonly userTeamId: string;
  private readonly orgLevel: boolean;
  /** Slack's (deprecated) verification token, sent in every payload. */
  readonly verificationToken = "sandbox-verification-token";

  constructor(opts: SlackRequesterOptions) {
    const timeoutMs = opts.timeoutMs ?? 10_000;
    if (opts.socketMode) {
      this.transport = new SocketModeTransport({ socketMode: opts.socketMode, timeoutMs });
    } else {
      this.http = new HttpTransport({ url: opts.url, signingSecret: opts.signingSecret, timeoutMs });
      this.transport = this.http;
    }
    this.sandbox = opts.sandbox;
    this.teamId = opts.teamId ?? opts.sandbox.teamId;
    this.userTeamId = opts.userTeamId ?? this.teamId;
    this.orgLevel = opts.orgLevel ?? false;
  }

  /** `v0=<hex HMAC-SHA256(secret, "v0:" + ts + ":" + body)>` */
  static sign(signingSecret: string, timestamp: number, rawBody: string): string {
    return HttpTransport.sign(signingSecret, timestamp, rawBody);
  }

  /** POST a raw body, signed (HTTP only). Content type is sent exactly as given. */
  send(rawBody: string, contentType: string, opts: SendOptions = {}): Promise<SlackRequestResult> {
    if (!this.http) throw new Error("SlackRequester.send: a raw HTTP request, but this requester speaks Socket Mode");
    return this.http.send(rawBody, contentType, opts);
  }

  /** A request of any kind, over whichever transport this requester uses. */
  deliver(type: EnvelopeType, payload: Json, opts?: DeliverOptions): Promise<SlackRequestResult> {
    return this.transport.deliver(type, payload, opts);
  }

  private userName(user: string): string {
    return this.sandbox.users.get(user)?.name ?? user.toLowerCase();
  }

  private userObj(user: string): Json {
    const name = this.userName(user);
    return { id: user, username: name, name, team_id: this.userTeamId };
  }

  /** The payload's `team`: null on Enterprise Grid org-level payloads. */
  private team(teamId = this.teamId): Json | null {
    if (this.orgLevel) return null;
    const enterpriseId = this.sandbox.identity.enterpriseId;
    return {
      id: teamId,
      domain: teamId === this.teamId ? this.sandbox.identity.teamDomain : teamId.toLowerCase(),
      ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    };
  }

  private enterprise(): Json | null {
    const id = this.sandbox.identity.enterpriseId;
    return id ? { id, name: id } : null;
  }

  private channelName(channel: string): string {
    if (channel.startsWith("D")) return "directmessage";
    if (channel === "C0GENERAL") return "general";
    return channel.toLowerCase();
  }

  private newId(): string {
    return randomBytes(8).toString("hex");
  }

  /** A slash command, with every form field Slack sends. */
  async command(
    args: { user: string; text: string; command?: string; channel?: string; channelName?: string },
    opts?: SendOptions,
  ): Promise<CommandResult> {
    const channel = args.channel ?? "C0GENERAL";
    const triggerId = this.sandbox.issueTriggerId(args.user);
    const responseUrl = this.sandbox.responseUrl(`cmd-${this.newId()}`, { user: args.user, channel });
    const fields: Record<string, string> = {
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.sandbox.identity.teamDomain,
      channel_id: channel,
      channel_name: args.channelName ?? this.channelName(channel),
      user_id: args.user,
      user_name: this.userName(args.user),
      command: args.command ?? "/okr",
      text: args.text,
      api_app_id: this.sandbox.identity.appId,
      ...(this.sandbox.identity.enterpriseId
        ? { enterprise_id: this.sandbox.identity.enterpriseId, enterprise_name: this.sandbox.identity.enterpriseId }
        : {}),
      is_enterprise_install: String(this.orgLevel),
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const result = await this.deliver("slash_commands", fields, opts);
    return { ...result, triggerId, responseUrl };
  }

  /**
   * A `block_actions` interaction: the user clicked / picked `actionId` in a message or view the
   * sandbox holds. The element must exist there (else this throws: Slack could not have sent it);
   * its type, block_id and (for buttons) value come from the stored blocks. For selects, `value`
   * is the picked option value (list for multi-selects / checkboxes).
   */
  async blockAction(
    args: {
      user: string;
      actionId: string;
      value?: SimpleValue;
      blockId?: string;
      container?: ActionContainer;
      /** Override the message payload (otherwise taken from the sandbox). */
      message?: Json;
      /** Override the view payload (otherwise taken from the sandbox). */
      view?: Json;
      /** For an action in a view: what the user has typed so far (becomes view.state, as in Slack). */
      values?: SimpleValues;
    },
    opts?: SendOptions,
  ): Promise<BlockActionResult> {
    const container = args.container;
    let blocks: unknown;
    let message: Json | undefined = args.message;
    let view: Json | undefined = args.view;
    let channel: string | undefined;
    let isEphemeral = false;
    let builtState: { values: Record<string, Record<string, Json>> } | undefined;
    if (container?.type === "message") {
      channel = container.channel_id;
      const stored = this.sandbox.messages(channel).find((m) => m.ts === container.message_ts);
      const eph = this.sandbox.ephemerals(args.user).find((e) => e.ts === container.message_ts && !e.deleted);
      if (!message && stored) message = this.sandbox.apiMessage(stored);
      if (!stored && eph) isEphemeral = true;
      blocks = message?.blocks ?? eph?.blocks;
      if (!message && !eph) throw new Error(`Slack sandbox: no message ${container.message_ts} in ${channel}`);
    } else if (container?.type === "view") {
      const stored = this.sandbox.view(container.view_id);
      if (!view && stored) {
        if (!stored.open) throw new Error(`Slack sandbox: view ${container.view_id} is not open`);
        // Slack sends the view with everything typed so far, submitted or not.
        builtState = { values: buildStateValues(stored.view.blocks, args.values ?? {}, { requireFilled: false }) };
        view = { ...stored.view, state: builtState };
      }
      if (!view) throw new Error(`Slack sandbox: no view ${container.view_id}`);
      blocks = view.blocks;
    } else {
      blocks = message?.blocks ?? view?.blocks;
    }

    const found = blocks === undefined ? undefined : findElement(blocks, args.actionId, args.blockId);
    if (blocks !== undefined && !found) {
      throw new Error(
        `Slack sandbox: no element with action_id ${JSON.stringify(args.actionId)} in the ${container?.type ?? "payload"}`,
      );
    }
    const actionTs = (Date.now() / 1000).toFixed(6);
    let action: Json;
    if (found) {
      const el = found.element;
      if (el.type === "button") {
        if (args.value !== undefined && el.value !== undefined && args.value !== el.value) {
          throw new Error(
            `Slack sandbox: button ${args.actionId} carries value ${JSON.stringify(el.value)}, not ${JSON.stringify(args.value)}`,
          );
        }
        action = {
          type: "button",
          action_id: args.actionId,
          block_id: found.blockId,
          text: el.text,
          action_ts: actionTs,
        };
        if (el.value !== undefined) action.value = el.value;
        if (el.style !== undefined) action.style = el.style;
        if (el.url !== undefined) action.url = el.url;
      } else {
        // An element of an input block sends block_actions only when the block dispatches its actions.
        if (found.block.type === "input" && found.block.dispatch_action !== true) {
          throw new Error(
            `Slack sandbox: ${args.actionId} is in an input block without dispatch_action: true; Slack sends no block_actions for it`,
          );
        }
        const v = stateValueFor(el, args.value === undefined ? null : args.value);
        action = { ...v, action_id: args.actionId, block_id: found.blockId, action_ts: actionTs };
        if (el.placeholder !== undefined) action.placeholder = el.placeholder;
        // The view's state already holds the value just picked.
        const values = builtState?.values;
        if (found.block.type === "input" && values)
          values[found.blockId] = { ...values[found.blockId], [args.actionId]: v };
      }
    } else {
      action = {
        type: "button",
        action_id: args.actionId,
        block_id: args.blockId ?? "block",
        action_ts: actionTs,
        ...(args.value !== undefined ? { value: args.value } : {}),
      };
    }

    const triggerId = this.sandbox.issueTriggerId(args.user);
    const payload: Json = {
      type: "block_actions",
      user: this.userObj(args.user),
      api_app_id: this.sandbox.identity.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      team: this.team(),
      enterprise: this.enterprise(),
      is_enterprise_install: this.orgLevel,
      state: { values: {} },
      actions: [action],
    };
    let responseUrl: string | undefined;
    if (container?.type === "message") {
      payload.container = { ...container, is_ephemeral: isEphemeral };
      payload.channel = { id: channel, name: this.channelName(channel ?? "") };
      if (message && !isEphemeral) payload.message = message;
      const threadTs = typeof message?.thread_ts === "string" ? message.thread_ts : undefined;
      responseUrl = this.sandbox.responseUrl(`act-${this.newId()}`, {
        user: args.user,
        ...(channel !== undefined ? { channel } : {}),
        messageTs: container.message_ts,
        ...(threadTs !== undefined ? { threadTs } : {}),
      });
      payload.response_url = responseUrl;
    } else if (container?.type === "view") {
      payload.container = container;
      payload.view = view;
    } else {
      if (message) payload.message = message;
      if (view) payload.view = view;
    }
    const result = await this.deliver("interactive", payload, opts);
    return { ...result, triggerId, ...(responseUrl !== undefined ? { responseUrl } : {}) };
  }

  /**
   * A `view_submission`. The view must be the user's open top modal in the sandbox. Give the
   * entered values either as `view.state.values` (verbatim) or as `values` (block_id → value, or
   * block_id → {action_id → value}); untouched inputs keep their initial values. After the bot
   * answers, the sandbox applies it (close / update / push / errors) and `outcome` tells what
   * the user saw.
   */
  async viewSubmission(
    args: {
      user: string;
      view: { id: string; callback_id?: string; private_metadata?: string; state?: { values: Json }; hash?: string };
      values?: SimpleValues;
    },
    opts?: SendOptions,
  ): Promise<ViewSubmissionResult> {
    const stored = this.sandbox.view(args.view.id);
    if (!stored) throw new Error(`Slack sandbox: no view ${args.view.id}`);
    const stack = this.sandbox.openViews(stored.user);
    if (stack[stack.length - 1]?.id !== stored.id) {
      throw new Error(
        `Slack sandbox: view ${stored.id} is not the open top modal of ${stored.user}; it cannot be submitted`,
      );
    }
    const values = args.view.state?.values ?? buildStateValues(stored.view.blocks, args.values);
    const view: Json = {
      ...stored.view,
      callback_id: args.view.callback_id ?? stored.callbackId,
      private_metadata: args.view.private_metadata ?? stored.privateMetadata,
      hash: args.view.hash ?? stored.hash,
      state: { values },
      team_id: this.teamId,
      app_installed_team_id: this.teamId,
    };
    const payload: Json = {
      type: "view_submission",
      // Slack Connect: the person's workspace; the installation is view.app_installed_team_id.
      team: this.team(this.userTeamId),
      user: this.userObj(args.user),
      api_app_id: this.sandbox.identity.appId,
      token: this.verificationToken,
      trigger_id: this.sandbox.issueTriggerId(args.user),
      view,
      response_urls: [],
      is_enterprise_install: this.orgLevel,
      enterprise: this.enterprise(),
    };
    const result = await this.deliver("interactive", payload, opts);
    const outcome = this.sandbox.applyViewSubmissionResponse(stored.id, result.status, result.body, values as Json);
    return { ...result, outcome };
  }

  /**
   * The user dismissed a modal. The sandbox closes it; Slack sends `view_closed` only when the
   * view has notify_on_close: otherwise nothing is sent and status is 0.
   */
  async viewClosed(args: { user: string; viewId: string }, opts?: SendOptions): Promise<SlackRequestResult> {
    const stored = this.sandbox.view(args.viewId);
    if (!stored) throw new Error(`Slack sandbox: no view ${args.viewId}`);
    const stackBefore = this.sandbox.openViews(stored.user).length;
    this.sandbox.closeView(args.viewId);
    if (stored.view.notify_on_close !== true) return { status: 0, body: "", durationMs: 0 };
    const payload: Json = {
      type: "view_closed",
      team: this.team(this.userTeamId),
      user: this.userObj(args.user),
      api_app_id: this.sandbox.identity.appId,
      token: this.verificationToken,
      view: { ...stored.view, team_id: this.teamId, app_installed_team_id: this.teamId },
      is_cleared: stackBefore > 1 && this.sandbox.openViews(stored.user).length === 0,
      is_enterprise_install: this.orgLevel,
      enterprise: this.enterprise(),
    };
    return this.deliver("interactive", payload, opts);
  }

  /** An Events API `event_callback` envelope around `event` (JSON body). */
  event(
    args: { event: Json; eventId?: string; retryNum?: number; retryReason?: string; eventTime?: number },
    opts: SendOptions = {},
  ): Promise<SlackRequestResult> {
    const eventTime = args.eventTime ?? Math.floor(Date.now() / 1000);
    const event: Json = { event_ts: `${eventTime}.000100`, ...args.event };
    const enterpriseId = this.sandbox.identity.enterpriseId ?? null;
    const envelope: Json = {
      token: this.verificationToken,
      // Slack Connect: the person's workspace; the installation is in authorizations.
      team_id: this.userTeamId,
      ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
      context_team_id: this.orgLevel ? null : this.teamId,
      context_enterprise_id: enterpriseId,
      api_app_id: this.sandbox.identity.appId,
      event,
      type: "event_callback",
      event_id: args.eventId ?? `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: enterpriseId,
          team_id: this.orgLevel ? null : this.teamId,
          user_id: this.sandbox.botUserId,
          is_bot: true,
          is_enterprise_install: this.orgLevel,
        },
      ],
      is_ext_shared_channel: this.userTeamId !== this.teamId,
      event_context: `4-${randomBytes(12).toString("base64url")}`,
    };
    return this.deliver("events_api", envelope, {
      ...opts,
      ...(args.retryNum !== undefined ? { retryNum: args.retryNum } : {}),
      ...(args.retryReason !== undefined ? { retryReason: args.retryReason } : {}),
    });
  }

  /** `app_home_opened` for a user (with the current Home view when one is published). */
  appHomeOpened(
    args: { user: string; tab?: "home" | "messages"; eventId?: string },
    opts?: SendOptions,
  ): Promise<SlackRequestResult> {
    const home = this.sandbox.home(args.user);
    const event: Json = {
      type: "app_home_opened",
      user: args.user,
      channel: this.sandbox.dmChannelId(args.user),
      tab: args.tab ?? "home",
      ...(home && (args.tab ?? "home") === "home" ? { view: home.view } : {}),
    };
    return this.event({ event, ...(args.eventId !== undefined ? { eventId: args.eventId } : {}) }, opts);
  }

  /**
   * A person posts a message: it is stored in the sandbox (so conversations.history sees it) and
   * delivered as a `message` event (channel_type "im" for DMs).
   */
  userMessage(
    args: { user: string; channel: string; text: string; threadTs?: string; blocks?: Block[]; eventId?: string },
    opts?: SendOptions,
  ): Promise<SlackRequestResult> {
    const m = this.sandbox.addMessage(args);
    const isDm = m.conversationId.startsWith("D");
    const event: Json = {
      type: "message",
      user: args.user,
      text: args.text,
      ts: m.ts,
      channel: m.conversationId,
      channel_type: isDm ? "im" : "channel",
      team: this.userTeamId,
      event_ts: m.ts,
      ...(args.threadTs !== undefined ? { thread_ts: args.threadTs } : {}),
      ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
    };
    return this.event({ event, ...(args.eventId !== undefined ? { eventId: args.eventId } : {}) }, opts);
  }

  /** The `url_verification` handshake (HTTP only: Socket Mode has none). */
  urlVerification(challenge: string, opts?: SendOptions): Promise<SlackRequestResult> {
    return this.send(
      JSON.stringify({ token: this.verificationToken, challenge, type: "url_verification" }),
      "application/json",
      opts,
    );
  }
}
