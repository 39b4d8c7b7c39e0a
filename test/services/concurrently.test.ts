import { forEachConcurrently } from "../../src/services/concurrently";

describe("forEachConcurrently", () => {
  it("runs every item once, at most `limit` at a time", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("lets the event loop turn between items, even when the work never waits on I/O", async () => {
    let finished = 0;
    let finishedWhenTheLoopTurned: number | undefined;
    setImmediate(() => {
      finishedWhenTheLoopTurned = finished;
    });
    await forEachConcurrently(
      Array.from({ length: 1000 }, (_, i) => i),
      4,
      async () => {
        finished += 1;
      },
    );
    expect(finishedWhenTheLoopTurned).toBeLessThan(100);
  });
});
