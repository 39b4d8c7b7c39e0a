// Paces chat.postMessage below Slack's limits: a workspace-wide rate and about one message per
// second per channel. Each caller reserves the next free slot synchronously, so concurrent senders
// never share one.
//
// A 429 (Slack's Retry-After) holds back the message it answered, in its channel, not the whole
// fan-out: the pacing already keeps the workspace under its limit, and stalling every send on one
// 429 is how bulk DMs crawl. When 429s stop being the exception (a quarter of the recent sends), the
// limit itself is being hit (say, more replicas than the pace allows for): then everyone pauses.
// Slack counts nothing for a call it answered 429, so the retry of that message does not take a
// new workspace slot: it reuses the one the refused call left unused, and retries never stretch
// the fan-out beyond the rate (only the channel's own Retry-After holds the message back).

export type PacerOptions = { perSecond: number; perChannelPerSecond: number };

/** How many recent sends are looked at, and how many 429s among them mean "the limit is hit". */
const WINDOW = 40;
const STORM = 10;

export class Pacer {
  private nextWorkspaceSlot = 0;
  private readonly nextChannelSlot = new Map<string, number>();
  private pausedUntil = 0;
  /** The last WINDOW outcomes: true for a 429. */
  private readonly recent: boolean[] = [];
  /** Channels whose last call was refused with a 429: their next send reuses its unused slot. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly opts: PacerOptions,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message to `channel` may be sent. */
  async wait(channel: string): Promise<void> {
    const channelInterval = 1000 / this.opts.perChannelPerSecond;
    // The channel's own turn first (longer after a 429 on it), holding no other channel up.
    const channelAt = this.nextChannelSlot.get(channel) ?? 0;
    this.nextChannelSlot.set(channel, Math.max(this.clock(), channelAt) + channelInterval);
    if (channelAt > this.clock()) await this.sleep(channelAt - this.clock());
    if (this.refused.delete(channel) && this.pausedUntil <= this.clock()) return;
    // Then a workspace-wide slot.
    const now = this.clock();
    const start = Math.max(now, this.pausedUntil, this.nextWorkspaceSlot);
    this.nextWorkspaceSlot = start + 1000 / this.opts.perSecond;
    this.nextChannelSlot.set(channel, Math.max(this.nextChannelSlot.get(channel) ?? 0, start + channelInterval));
    if (this.nextChannelSlot.size > 10_000) this.forgetOldChannels(now);
    if (start > now) await this.sleep(start - now);
    // A 429 storm may have paused everyone while this sender slept on its slot.
    const paused = this.pausedUntil - this.clock();
    if (paused > 0) await this.sleep(paused);
  }

  /** A send got an answer other than 429. */
  delivered(): void {
    this.record(false);
  }

  /** Slack answered 429 to a message for `channel`: it waits Retry-After; a storm of them pauses everyone. */
  rateLimited(channel: string, seconds: number): void {
    const until = this.clock() + seconds * 1000;
    this.nextChannelSlot.set(channel, Math.max(this.nextChannelSlot.get(channel) ?? 0, until));
    this.refused.add(channel);
    this.record(true);
    if (this.recent.filter(Boolean).length >= STORM) this.pause(seconds);
  }

  /** Nobody sends before `seconds` have passed. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + seconds * 1000);
  }

  private record(limited: boolean) {
    this.recent.push(limited);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  private forgetOldChannels(now: number) {
    for (const [channel, slot] of this.nextChannelSlot) if (slot < now) this.nextChannelSlot.delete(channel);
  }
}
