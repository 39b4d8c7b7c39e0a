import { randomBytes } from "node:crypto";
import type {
  ApiCallRecord,
  ResponseUrlContext,
  ResponseUrlRecord,
  SandboxEphemeral,
  SandboxFile,
  SandboxMessage,
  SandboxUser,
  SandboxUserSeed,
  SandboxView,
} from "./types";

export const DEFAULT_TZ = "America/Los_Angeles";

export interface TriggerRecord {
  user?: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlEntry {
  ctx: ResponseUrlContext;
  uses: number;
  createdAt: number;
}

export type ResolvedChannel =
  | { ok: true; channel: string; conversationId: string; dmUser?: string }
  | { ok: false; error: string };

/** All mutable sandbox state, plus id / ts generators. */
export class SandboxState {
  readonly users = new Map<string, SandboxUser>();
  messages: SandboxMessage[] = [];
  ephemerals: SandboxEphemeral[] = [];
  views = new Map<string, SandboxView>();
  /** Open modal stacks per user (bottom → top view ids). */
  stacks = new Map<string, string[]>();
  homes = new Map<string, string>();
  files = new Map<string, SandboxFile>();
  triggers = new Map<string, TriggerRecord>();
  responseUrls = new Map<string, ResponseUrlEntry>();
  responses: ResponseUrlRecord[] = [];
  calls: ApiCallRecord[] = [];

  private lastTsMicros = 0;
  private counter = 0;

  constructor(private readonly messageClock: () => number = Date.now) {}

  reset(): void {
    this.messages = [];
    this.ephemerals = [];
    this.views = new Map();
    this.stacks = new Map();
    this.homes = new Map();
    this.files = new Map();
    this.triggers = new Map();
    this.responseUrls = new Map();
    this.responses = [];
    this.calls = [];
  }

  addUser(seed: SandboxUserSeed): SandboxUser {
    if (!/^[UW][A-Z0-9]+$/.test(seed.id)) throw new Error(`addUser: user ids look like "U0123ABC", got ${seed.id}`);
    const name = seed.name ?? seed.id.toLowerCase();
    const user: SandboxUser = {
      id: seed.id,
      name,
      realName: seed.realName ?? name,
      displayName: seed.displayName ?? name,
      tz: seed.tz === undefined ? DEFAULT_TZ : seed.tz,
      isAdmin: seed.isAdmin ?? false,
      isBot: seed.isBot ?? false,
      deleted: seed.deleted ?? false,
      statusEmoji: seed.statusEmoji ?? "",
      statusText: seed.statusText ?? "",
      statusExpiration: seed.statusExpiration ?? 0,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Message ts: current Unix time in microseconds, strictly increasing ("1700000000.000100"). */
  nextTs(): string {
    const micros = Math.max(this.messageClock() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    const s = Math.floor(micros / 1e6);
    return `${s}.${String(micros % 1e6).padStart(6, "0")}`;
  }

  /** Unique ids like "V0000001ABC". */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(7, "0")}${randomBytes(2).toString("hex").toUpperCase()}`;
  }

  /** The stable DM conversation id for a user. */
  dmId(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** The user a `D…` id belongs to, if any. */
  dmUser(conversationId: string): string | undefined {
    const rest = conversationId.slice(1);
    for (const prefix of ["U", "W"]) {
      if (this.users.has(prefix + rest)) return prefix + rest;
    }
    return undefined;
  }

  /**
   * Map a `channel` argument to where messages are stored. User ids (`U…`/`W…`) and their `D…` ids
   * are the same DM, stored under the user id. Channel names ("#general") are not accepted.
   */
  resolveChannel(channel: unknown): ResolvedChannel {
    if (typeof channel !== "string" || channel === "") return { ok: false, error: "channel_not_found" };
    if (/^[UW][A-Z0-9]+$/.test(channel)) {
      const user = this.users.get(channel);
      if (!user || user.deleted) return { ok: false, error: "channel_not_found" };
      return { ok: true, channel: user.id, conversationId: this.dmId(user.id), dmUser: user.id };
    }
    if (/^D[A-Z0-9]+$/.test(channel)) {
      const userId = this.dmUser(channel);
      const user = userId ? this.users.get(userId) : undefined;
      if (!user || user.deleted) return { ok: false, error: "channel_not_found" };
      return { ok: true, channel: user.id, conversationId: channel, dmUser: user.id };
    }
    if (/^[CG][A-Z0-9]+$/.test(channel)) return { ok: true, channel, conversationId: channel };
    return { ok: false, error: "channel_not_found" };
  }

  findMessage(channel: string, ts: string): SandboxMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  issueTrigger(user?: string): string {
    const id = `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
    this.triggers.set(id, { ...(user !== undefined ? { user } : {}), issuedAt: Date.now(), used: false });
    return id;
  }

  newHash(): string {
    return `${(Date.now() / 1000).toFixed(6)}.${randomBytes(4).toString("hex")}`;
  }
}
