// Work a listener does after answering Slack (turning the prompt DM into "Checked in ✓", refreshing
// the Home tab) runs here, one task at a time, so that under a burst the answers Slack waits for
// go first. Stopping waits for the queue to drain. Keyed tasks that read what to do when they run
// are queued once: a burst of check-ins by one person refreshes their Home tab once, not per check-in.
// What is queued while a batch runs forms the next batch; the tasks of a batch share a memo (what
// they all read, such as a team's digest, is read once for them).
import type { Logger } from "../logger";
import type { Memo } from "../services/memo";

type Task = (memo: Memo) => Promise<unknown>;

export class AfterAck {
  private readonly queue: Array<{ what: string; run: Task; key?: string }> = [];
  /** Keys of the tasks queued and not started yet. */
  private readonly waiting = new Set<string>();
  private running = false;
  private drained: Array<() => void> = [];

  constructor(private readonly log: Logger) {}

  add(what: string, run: Task): void {
    this.queue.push({ what, run });
    if (!this.running) void this.pump();
  }

  /** Like `add`, unless a task with the same key is waiting: that one will do (it has not read anything yet). */
  addOnce(key: string, what: string, run: Task): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.queue.push({ what, run, key });
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
    while (this.queue.length > 0) {
      const memo: Memo = new Map();
      for (const task of this.queue.splice(0)) {
        if (task.key) this.waiting.delete(task.key);
        try {
          await task.run(memo);
        } catch (err) {
          this.log.error(`${task.what} failed`, err);
        }
      }
    }
    this.running = false;
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
