import { AfterAck, MAX_DEFER_MS } from "../../src/listeners/afterAck";
import { createLogger } from "../../src/logger";

describe("AfterAck", () => {
  it("runs tasks one at a time in order, after what is already running, and keeps going when one fails", async () => {
    const logs: string[] = [];
    const queue = new AfterAck(createLogger("error", "test", (l) => logs.push(l)));
    const order: string[] = [];
    queue.add("first", async () => {
      order.push("first start");
      await new Promise((r) => setTimeout(r, 20));
      order.push("first end");
    });
    queue.add("broken", async () => {
      throw new Error("boom");
    });
    queue.add("last", async () => void order.push("last"));
    order.push("caller goes on");
    await queue.idle();
    expect(order).toEqual(["caller goes on", "first start", "first end", "last"]);
    expect(logs.join("\n")).toContain("broken failed");
    await expect(queue.idle()).resolves.toBeUndefined(); // nothing queued: at once
  });

  it("queues a keyed task once while it waits, and again once it has started", async () => {
    const queue = new AfterAck(createLogger("error", "test", () => undefined));
    const runs: string[] = [];
    let release!: () => void;
    queue.add("blocker", () => new Promise<void>((r) => (release = r)));
    for (const n of [1, 2, 3]) queue.addOnce("home:U1", "home", async () => void runs.push(`U1 home ${n}`));
    queue.addOnce("home:U2", "home", async () => void runs.push("U2 home"));
    await new Promise((r) => setTimeout(r, 10));
    release();
    await queue.idle();
    expect(runs).toEqual(["U1 home 1", "U2 home"]);
    queue.addOnce("home:U1", "home", async () => void runs.push("U1 home again"));
    await queue.idle();
    expect(runs).toEqual(["U1 home 1", "U2 home", "U1 home again"]);
  });

  it("waits while a request waits for its answer, and not past MAX_DEFER_MS after it was queued", async () => {
    const queue = new AfterAck(createLogger("error", "test", () => undefined));
    const ran: string[] = [];
    const answered = queue.answeringStarted();
    queue.add("refresh", async () => void ran.push("refresh"));
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toEqual([]);
    answered();
    answered(); // a second call changes nothing
    await queue.idle();
    expect(ran).toEqual(["refresh"]);

    jest.useFakeTimers({ doNotFake: ["setImmediate", "nextTick"] });
    try {
      queue.answeringStarted(); // never answered
      queue.add("late refresh", async () => void ran.push("late refresh"));
      await jest.advanceTimersByTimeAsync(MAX_DEFER_MS - 100);
      expect(ran).toEqual(["refresh"]);
      await jest.advanceTimersByTimeAsync(200);
      expect(ran).toEqual(["refresh", "late refresh"]);
    } finally {
      jest.useRealTimers();
    }
  });
});
