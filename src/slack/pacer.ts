// Paces chat.postMessage below Slack's limits: a workspace-wide rate, about one message per second
// per channel, and a pause for everyone after a 429 (Slack's Retry-After). Each caller reserves
// the next free slot synchronously, so concurrent senders never share one.

export type PacerOptions = { perSecond: number; perChannelPerSecond: number };

export class Pacer {
  private nextWorkspaceSlot = 0;
  private readonly nextChannelSlot = new Map<string, number>();
  private pausedUntil = 0;

  constructor(
    private readonly opts: PacerOptions,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message to `channel` may be sent. */
  async wait(channel: string): Promise<void> {
    const now = this.clock();
    const start = Math.max(now, this.pausedUntil, this.nextWorkspaceSlot, this.nextChannelSlot.get(channel) ?? 0);
    this.nextWorkspaceSlot = start + 1000 / this.opts.perSecond;
    this.nextChannelSlot.set(channel, start + 1000 / this.opts.perChannelPerSecond);
    if (this.nextChannelSlot.size > 10_000) this.forgetOldChannels(now);
    if (start > now) await this.sleep(start - now);
    // A 429 may have paused everyone while this sender slept on its slot.
    const paused = this.pausedUntil - this.clock();
    if (paused > 0) await this.sleep(paused);
  }

  /** Slack said 429: nobody sends before Retry-After has passed. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + seconds * 1000);
  }

  private forgetOldChannels(now: number) {
    for (const [channel, slot] of this.nextChannelSlot) if (slot < now) this.nextChannelSlot.delete(channel);
  }
}
