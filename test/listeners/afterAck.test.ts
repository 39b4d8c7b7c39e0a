import { AfterAck } from "../../src/listeners/afterAck";
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
});
