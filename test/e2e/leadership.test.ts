// Leadership digests and followers against the real bot: a team with child teams gets its
// leadership digest in its channel; followers get it as a DM, once per week, however many runs.
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";
import { companyTreeSpec, okrTreeYaml } from "../helpers/okrFactory";
import { waitFor } from "../../src/sandbox";

describe.each(PROVIDERS)("leadership digests and followers on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    for (const id of ["U0BOARD", "U0PLATFORM1", "U0PLATFORM2"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
    await s.importYaml(okrTreeYaml(companyTreeSpec(14)));
  });
  afterEach(async () => s.close());

  async function ask(user: string, text: string): Promise<string> {
    const before = s.sandbox.responses().length;
    const res = await s.requester.command({ user, text });
    expect(res.status).toBe(200);
    if (res.body) return res.body;
    const response = await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 });
    return JSON.stringify(response.body);
  }
  async function checkIn(title: string, week: string, value: number, confidence: string) {
    const kr = await db().keyResult.findFirstOrThrow({ where: { title } });
    await db().checkIn.create({ data: { keyResultId: kr.id, authorId: kr.ownerId!, week, value, confidence } });
  }
  const textOf = (m: { text: string; blocks?: unknown }) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

  it("follow, unfollow and following", async () => {
    expect(await ask("U0BOARD", "following")).toContain("You follow no team");
    expect(await ask("U0BOARD", "follow company")).toContain("You now follow *Company*");
    expect(await ask("U0BOARD", "follow Company")).toContain("You already follow *Company*");
    expect(await ask("U0BOARD", "follow Platform")).toContain("You now follow *Platform*");
    expect(await ask("U0BOARD", "following")).toContain("*Company*, *Platform*");
    expect(await ask("U0BOARD", "unfollow Platform")).toContain("You no longer follow *Platform*");
    expect(await ask("U0BOARD", "unfollow Platform")).toContain("You don't follow *Platform*");
    expect(await ask("U0BOARD", "follow Nope")).toContain('There is no team called \\"Nope\\"');
    expect(await ask("U0BOARD", "following")).toContain("You get the weekly digest of: *Company*.");
  });

  it("posts the leadership digest of a team with child teams: child objectives with change and confidence, attention bubbled up, counts not names", async () => {
    await checkIn("Engineering result 1", "2026-W47", 10, "on_track");
    await checkIn("Engineering result 1", "2026-W48", 30, "at_risk");
    await checkIn("Sales result 1", "2026-W48", 5, "off_track");
    s.clock.now = new Date("2026-11-27T17:00:00Z");
    const run = await s.runJob("digest");
    expect(run).toMatchObject({ leadership: 3, followerDms: 0, failed: 0 }); // Company, Engineering, Sales
    const [leadership, ...rest] = s.sandbox.messages("C0COMPANY").filter((m) => m.text.includes("leadership digest"));
    expect(rest).toEqual([]);
    const text = textOf(leadership!);
    expect(text).toContain("Company · leadership digest");
    expect(text).toContain("▰▰▰▱▱▱▱▱▱▱ 30% · +20 pts this week · :large_yellow_circle: · Engineering objective 1");
    expect(text).toContain("*Engineering* · 1/1 key results checked in · everyone checked in");
    expect(text).toContain("*Sales* · 1/1 key results checked in");
    expect(text).toContain(":red_circle: Sales: *Sales result 1* — off track");
    expect(text).not.toMatch(/<@U0/); // counts, not names
    // Engineering has teams below, so it gets one too; the leaf teams do not.
    expect(s.sandbox.messages("C0ENGINEERING").some((m) => m.text.includes("leadership digest"))).toBe(true);
    expect(s.sandbox.messages("C0PLATFORM").some((m) => m.text.includes("leadership digest"))).toBe(false);
    expect(s.sandbox.messages("C0PLATFORM").find((m) => m.text.includes("OKR digest"))!.text).toContain(
      "Platform OKR digest",
    );
    // Platform's owners did not check in: counted per team in Engineering's.
    expect(textOf(s.sandbox.messages("C0ENGINEERING").find((m) => m.text.includes("leadership digest"))!)).toContain(
      "*Platform* · 0/3 key results checked in · 2 owners not checked in yet",
    );
  });

  it("archiving an objective's last key result leaves the objectives aligned to it unaligned, said once in their team's next digest", async () => {
    s.sandbox.addUser({ id: "U0ENGINEERING2", name: "eng", tz: "UTC" });
    const kr = await db().keyResult.findFirstOrThrow({ where: { title: "Engineering result 1" } });
    expect(await ask("U0ENGINEERING2", `archive ${kr.id}`)).toContain("Archived");
    const platform = await db().objective.findMany({ where: { team: { name: "Platform" } } });
    expect(platform.map((o) => [o.alignsToId, o.unalignedFrom])).toEqual(
      platform.map(() => [null, "Engineering: Engineering objective 1"]),
    );
    s.clock.now = new Date("2026-11-27T17:00:00Z");
    await s.runJob("digest");
    const note = "No longer aligned: Engineering: Engineering objective 1 was archived";
    expect(JSON.stringify(s.sandbox.messages("C0PLATFORM").map((m) => m.blocks))).toContain(note);
    s.clock.now = new Date("2026-12-04T17:00:00Z");
    await s.runJob("digest");
    const later = s.sandbox.messages("C0PLATFORM").filter((m) => m.text.includes("2026-W49"));
    expect(later.length).toBeGreaterThan(0);
    expect(JSON.stringify(later.map((m) => m.blocks))).not.toContain(note);
    // The tree shows the archived objective as such, out of its parent's roll-up.
    expect(await ask("U0BOARD", "tree Engineering")).toContain("_archived_");
  });

  it("DMs each follower their team's digest once a week, however many runs and replicas", async () => {
    await ask("U0BOARD", "follow Company");
    await ask("U0BOARD", "follow Platform");
    await ask("U0PLATFORM1", "follow Platform");
    s.clock.now = new Date("2026-11-27T17:00:00Z");
    const runs = (await Promise.all([s.runJob("digest"), s.runJob("digest")])) as Array<{ followerDms: number }>;
    expect(runs[0]!.followerDms + runs[1]!.followerDms).toBe(3);
    await s.runJob("digest");
    const board = s.sandbox.dmsTo("U0BOARD");
    expect(board.map((m) => m.text).sort()).toEqual(
      ["Company leadership digest for 2026-W48", expect.stringMatching(/^Platform OKR digest for 2026-W48/)].sort(),
    );
    expect(s.sandbox.dmsTo("U0PLATFORM1").filter((m) => m.text.startsWith("Platform OKR digest"))).toHaveLength(1);

    // Next week: one more each; unfollowing stops it.
    await ask("U0BOARD", "unfollow Platform");
    s.clock.now = new Date("2026-12-04T17:00:00Z");
    await Promise.all([s.runJob("digest"), s.runJob("digest")]);
    expect(
      s.sandbox
        .dmsTo("U0BOARD")
        .map((m) => m.text)
        .filter((t) => t.includes("2026-W49")),
    ).toEqual(["Company leadership digest for 2026-W49"]);
    const outbox = await db().slackMessage.findMany({ where: { key: { startsWith: "follow:" } } });
    expect(outbox.every((m) => m.status === "sent")).toBe(true);
    expect(outbox).toHaveLength(5); // W48: board × 2, platform1; W49: board, platform1
  });
});
