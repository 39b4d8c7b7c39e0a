/** Public record types of the Slack sandbox (what tests inspect). */

export type Json = Record<string, unknown>;
export type Block = Record<string, unknown>;

export interface SandboxUserSeed {
  id: string;
  name?: string;
  realName?: string;
  displayName?: string;
  /** IANA zone; `null` like Slack for users without a zone. Default "America/Los_Angeles". */
  tz?: string | null;
  isAdmin?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  statusEmoji?: string;
  statusText?: string;
  /** Unix seconds; 0 = never. */
  statusExpiration?: number;
}

export interface SandboxUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string | null;
  isAdmin: boolean;
  isBot: boolean;
  deleted: boolean;
  statusEmoji: string;
  statusText: string;
  statusExpiration: number;
}

export interface SandboxFileRef {
  id: string;
  name: string;
  title: string;
}

export interface SandboxMessage {
  /** Channel id; for DMs the user id the DM is with (whether posted to `U…` or `D…`). */
  channel: string;
  /** The conversation id Slack would report (`D…` for DMs, otherwise the channel id). */
  conversationId: string;
  ts: string;
  /** Parent ts for thread replies. */
  threadTs?: string;
  text: string;
  blocks?: Block[];
  /** Poster: the bot user id for messages sent through the API. */
  user: string;
  /** Number of successful chat.update calls on this message. */
  updates: number;
  files?: SandboxFileRef[];
  /** Raw arguments of the last post/update (attachments, metadata, unfurl flags...). */
  args: Json;
}

export interface SandboxEphemeral {
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: Block[];
  /** "api" = chat.postEphemeral, "response_url" = a response_url POST, "ack" = a slash command's acknowledgement body. */
  via: "api" | "response_url" | "ack";
  /** Replaced through response_url `replace_original` this many times. */
  updates: number;
  /** Removed through `delete_original`. */
  deleted: boolean;
}

export interface SandboxView {
  id: string;
  type: "modal" | "home";
  /** The user the view was shown to. */
  user: string;
  callbackId: string;
  externalId?: string;
  privateMetadata: string;
  hash: string;
  rootViewId: string;
  previousViewId?: string;
  /** The view as Slack would return it (blocks, title, submit, close, state...). */
  view: Json;
  /** Open modal on the user's stack (home views: true while published). */
  open: boolean;
  /** Number of successful views.update calls (or response_action: update). */
  updates: number;
  /** Field errors from the last `response_action: errors` answer. */
  errors?: Record<string, string>;
}

export interface SandboxFile {
  id: string;
  filename: string;
  title?: string;
  /** Length announced to files.getUploadURLExternal. */
  length: number;
  bytes?: Buffer;
  uploaded: boolean;
  completed: boolean;
  channel?: string;
  threadTs?: string;
  initialComment?: string;
  /** ts of the file-share message. */
  messageTs?: string;
}

export interface ApiCallRecord {
  method: string;
  /** Parsed arguments (JSON fields decoded), without the token. */
  args: Json;
  /** HTTP status answered (0 if the socket was dropped before answering). */
  status: number;
  /** JSON body answered, or the text body for HTTP errors. */
  response: unknown;
  /** Date.now() when the call arrived. */
  at: number;
  /** The injected fault or "rate_limit" when one shaped this answer. */
  fault?: FaultKind | "rate_limit";
}

export interface ResponseUrlRecord {
  id: string;
  url: string;
  body: Json;
  status: number;
  at: number;
  /** What Slack did with it. */
  effect: "ephemeral" | "in_channel" | "replace_original" | "delete_original" | "rejected";
  error?: string;
  user?: string;
  channel?: string;
}

export interface ResponseUrlContext {
  user?: string;
  channel?: string;
  /** Message the response_url belongs to (block_actions): enables replace/delete_original. */
  messageTs?: string;
  threadTs?: string;
}

export type FaultKind = "ratelimited" | "http" | "error" | "accept_then_drop" | "delay";

interface FaultBase {
  /** API method name, "*" for every API method. Pseudo-methods: "response_url", "file_upload". */
  method: string;
  /** Number of calls affected; default 1. */
  times?: number;
}

export type FaultSpec =
  | (FaultBase & { kind: "ratelimited"; retryAfter: number })
  | (FaultBase & { kind: "http"; status: number })
  | (FaultBase & { kind: "error"; error: string })
  | (FaultBase & { kind: "accept_then_drop" })
  | (FaultBase & { kind: "delay"; ms: number });

export interface RateLimitSpec {
  /** Sustained rate for the whole method. */
  perSecond: number;
  /** Sustained rate per channel (chat.postMessage: ~1/s). */
  perChannelPerSecond?: number;
  /** Bucket size; default max(2, ceil(rate)): a short burst passes, then calls are paced. */
  burst?: number;
}
