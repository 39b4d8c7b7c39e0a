// Work a listener does after answering Slack (turning the prompt DM into "Checked in ✓", refreshing
// the Home tab) runs here, one task at a time, so that under a burst the answers Slack waits for
// go first. Stopping waits for the queue to drain. Keyed tasks that read what to do when they run
// are queued once: a burst of check-ins by one person refreshes their Home tab once, not per check-in.
// What is queued while a batch runs forms the next batch; the tasks of a batch share a memo (what
// they all read, such as a team's digest, is read once for them).
// A task waits while requests are waiting for their answer (each statement it runs would delay
// them), but not longer than MAX_DEFER_MS after it was queued, so a steady stream cannot starve it.
import type { Logger } from "../logger";
import type { Memo } from "../services/memo";

type Task = (memo: Memo) => Promise<unknown>;

/** Long enough for a burst of a thousand check-ins to be answered first; the DMs and Homes follow. */
export const MAX_DEFER_MS = 10_000;

export class AfterAck {
  private readonly queue: Array<{ what: string; run: Task; key?: string; queuedAt: number }> = [];
  /** Keys of the tasks queued and not started yet. */
  private readonly waiting = new Set<string>();
  private running = false;
  private drained: Array<() => void> = [];
  /** Requests received and not answered yet. */
  private answering = 0;
  private quiet: Array<() => void> = [];

  constructor(private readonly log: Logger) {}

  /** A request Slack waits on has come in; call what this returns once it is answered (again: no effect). */
  answeringStarted(): () => void {
    this.answering += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.answering -= 1;
      if (this.answering === 0) for (const wake of this.quiet.splice(0)) wake();
    };
  }

  add(what: string, run: Task): void {
    this.queue.push({ what, run, queuedAt: performance.now() });
    if (!this.running) void this.pump();
  }

  /** Like `add`, unless a task with the same key is waiting: that one will do (it has not read anything yet). */
  addOnce(key: string, what: string, run: Task): void {
    if (this.waiting.has(key)) return;
    this.waiting.add(key);
    this.queue.push({ what, run, key, queuedAt: performance.now() });
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
      await this.untilQuiet(this.queue[0]!.queuedAt + MAX_DEFER_MS);
      for (const task of this.queue.splice(0)) {
        await this.untilQuiet(task.queuedAt + MAX_DEFER_MS);
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

  /** Resolves when no request is waiting for its answer, or at `deadline` (performance.now()). */
  private untilQuiet(deadline: number): Promise<void> {
    const wait = deadline - performance.now();
    if (this.answering === 0 || wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.quiet = this.quiet.filter((w) => w !== wake);
        resolve();
      }, wait);
      this.quiet.push(wake);
    });
  }
}
