import { Pacer } from "../../src/slack/pacer";

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => (now += ms),
  };
}

describe("Pacer", () => {
  it("spaces messages at the workspace rate, whatever the channels", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 50, perChannelPerSecond: 1 }, t.clock, t.sleep);
    for (let i = 0; i < 100; i++) await pacer.wait(`D${i}`);
    expect(t.clock()).toBeCloseTo(99 * 20, 5); // 100 messages at 50/s: the last one 1.98 s after the first
  });

  it("sends at most one message per second to the same channel", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 50, perChannelPerSecond: 1 }, t.clock, t.sleep);
    await pacer.wait("C1");
    await pacer.wait("C2");
    await pacer.wait("C1");
    expect(t.clock()).toBe(1000);
  });

  it("gives concurrent callers distinct slots", async () => {
    const slept: number[] = [];
    const pacer = new Pacer(
      { perSecond: 10, perChannelPerSecond: 100 },
      () => 0,
      async (ms) => void slept.push(ms),
    );
    await Promise.all([pacer.wait("A"), pacer.wait("B"), pacer.wait("C")]);
    expect(slept).toEqual([100, 200]);
  });

  it("holds everyone back after a 429 for Retry-After", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 100, perChannelPerSecond: 100 }, t.clock, t.sleep);
    pacer.pause(3);
    await pacer.wait("D1");
    expect(t.clock()).toBe(3000);
  });
});

describe("Pacer after a 429", () => {
  it("holds back only the channel that got it, for Retry-After; the others keep their pace", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 50, perChannelPerSecond: 1 }, t.clock, t.sleep);
    await pacer.wait("D1");
    pacer.rateLimited("D1", 2);
    await pacer.wait("D2");
    await pacer.wait("D3");
    expect(t.clock()).toBe(40); // not held up by D1's 429
    await pacer.wait("D1");
    expect(t.clock()).toBe(2000); // D1 itself waits its Retry-After
  });

  it("retries a refused message in the slot it left unused, not in a new one", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 50, perChannelPerSecond: 1 }, t.clock, t.sleep);
    await pacer.wait("D1");
    pacer.rateLimited("D1", 1);
    for (let i = 2; i <= 50; i++) await pacer.wait(`D${i}`);
    expect(t.clock()).toBe(49 * 20);
    await pacer.wait("D1"); // Slack counted nothing for the refused call: only Retry-After holds it
    expect(t.clock()).toBe(1000);
    await pacer.wait("D51");
    expect(t.clock()).toBe(1000); // the next one's slot is where it would be without the 429
  });

  it("pauses everyone when 429s stop being the exception (a quarter of the recent sends)", async () => {
    const t = fakeTime();
    const pacer = new Pacer({ perSecond: 50, perChannelPerSecond: 1 }, t.clock, t.sleep);
    for (let i = 0; i < 30; i++) pacer.delivered();
    for (let i = 0; i < 9; i++) pacer.rateLimited(`D${i}`, 3);
    await pacer.wait("OTHER1");
    expect(t.clock()).toBe(0); // 9 of the last 39: still the exception
    pacer.rateLimited("D9", 3);
    await pacer.wait("OTHER2");
    expect(t.clock()).toBe(3000);
  });
});
