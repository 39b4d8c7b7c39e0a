// Work a listener does after answering Slack (turning the prompt DM into "Checked in ✓", refreshing
// the Home tab) runs here, one task at a time, so that under a burst the answers Slack waits for
// go first. Stopping waits for the queue to drain.
import type { Logger } from "../logger";

export class AfterAck {
  private readonly queue: Array<{ what: string; run: () => Promise<unknown> }> = [];
  private running = false;
  private drained: Array<() => void> = [];

  constructor(private readonly log: Logger) {}

  add(what: string, run: () => Promise<unknown>): void {
    this.queue.push({ what, run });
    if (!this.running) void this.pump();
  }

  /** Resolves once everything queued so far (and anything it queues) has run. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private async pump(): Promise<void> {
    this.running = true;
    // Let the requests already received run up to their answers first.
    await new Promise((r) => setImmediate(r));
    for (let task = this.queue.shift(); task; task = this.queue.shift()) {
      try {
        await task.run();
      } catch (err) {
        this.log.error(`${task.what} failed`, err);
      }
    }
    this.running = false;
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
