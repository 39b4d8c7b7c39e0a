// A team with 40 objectives × 3 key results: the digest goes out in parts Slack accepts.
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { okrFileYaml } from "../helpers/okrFactory";
import { startTestStack, type TestStack } from "../helpers/stack";

describe.each(PROVIDERS)("a big team on %s", (provider) => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack(provider, new Date("2026-11-27T17:00:00Z"));
    s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "Europe/London" });
    s.sandbox.addUser({ id: "U0BOB", name: "bob", tz: "America/New_York" });
    await s.importYaml(okrFileYaml({ objectivesEach: 40, krsEach: 3, owners: ["U0ALICE", "U0BOB"] }));
  });
  afterAll(async () => s.close());

  it("gets its whole digest, split into messages within Slack's limits, the rest in the thread", async () => {
    expect(await s.runJob("digest")).toMatchObject({ posted: 1, failed: 0 });
    const posts = s.sandbox.callsTo("chat.postMessage");
    expect(posts.every((c) => c.status === 200 && (c.response as { ok: boolean }).ok)).toBe(true);
    const [parent, ...rest] = s.sandbox.messages("C0BIG");
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((m) => m.threadTs === parent!.ts)).toBe(true);
    const all = JSON.stringify(s.sandbox.messages("C0BIG").map((m) => m.blocks));
    for (let o = 1; o <= 40; o++)
      for (let k = 1; k <= 3; k++) expect(all).toContain(`Reduce incidents of kind ${o}.${k}*`);

    // Running again posts nothing, not even a continuation part.
    const count = s.sandbox.messages("C0BIG").length;
    expect(await s.runJob("digest")).toMatchObject({ posted: 0, alreadyPosted: 1 });
    expect(s.sandbox.messages("C0BIG")).toHaveLength(count);
  });

  it("publishes an App Home within Slack's limits for an owner of 60 key results", async () => {
    await s.requester.appHomeOpened({ user: "U0ALICE" });
    const home = await waitFor(() => s.sandbox.home("U0ALICE"), { timeoutMs: 5000 });
    expect(s.sandbox.callsTo("views.publish").every((c) => (c.response as { ok: boolean }).ok)).toBe(true);
    expect(JSON.stringify(home.view)).toContain("/okr` lists them all");
  });

  it("sends each owner one prompt listing all of their key results, within the limits", async () => {
    s.clock.now = new Date("2026-11-30T15:00:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 2, failed: 0 });
    for (const user of ["U0ALICE", "U0BOB"]) {
      const [prompt] = s.sandbox.dmsTo(user);
      expect(prompt!.text).toBe("Weekly check-in for 2026-W49: please update 60 key results");
    }
  });

  it("asks each owner of 60 key results for their retro, and posts a retro thread of 120 replies, within the limits", async () => {
    s.clock.now = new Date("2026-12-28T10:00:00Z");
    expect(await s.runJob("retro")).toMatchObject({ asked: 2, failed: 0 });
    const ask = s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Retro time"))!;
    expect(ask.text).toBe("Retro time for 2026-Q4: 60 key results");
    s.clock.now = new Date("2027-01-01T10:00:00Z");
    expect(await s.runJob("retro")).toMatchObject({ threads: 1, replies: 120, failed: 0 });
    expect(
      s.sandbox.callsTo("chat.postMessage").every((c) => c.status === 200 && (c.response as { ok: boolean }).ok),
    ).toBe(true);
  });
});
