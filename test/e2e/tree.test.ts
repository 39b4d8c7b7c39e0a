// `/okr tree [team]` against the real bot: the tree from a team down, within Slack's limits however large.
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";
import { companyTreeSpec, okrTreeYaml } from "../helpers/okrFactory";
import { waitFor } from "../../src/sandbox";

describe.each(PROVIDERS)("/okr tree on %s", (provider) => {
  let s: TestStack;
  afterEach(async () => s.close());

  async function start(total: number) {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    await s.importYaml(okrTreeYaml(companyTreeSpec(total)));
  }

  /** The blocks of what the command answered (the sandbox refuses what Slack would refuse). */
  async function ask(
    user: string,
    text: string,
  ): Promise<Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>> {
    const before = s.sandbox.responses().length;
    const res = await s.requester.command({ user, text });
    expect(res.status).toBe(200);
    const response = await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 10_000 });
    expect(response.effect).toBe("ephemeral");
    return (response.body as { blocks: [] }).blocks;
  }
  const textOf = (blocks: Awaited<ReturnType<typeof ask>>) =>
    blocks.map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text).join(" ")).join("\n");

  async function checkIn(title: string, value: number, confidence: string) {
    const kr = await s.bot.database.db.keyResult.findFirstOrThrow({ where: { title }, include: { owner: true } });
    await s.bot.database.db.checkIn.create({
      data: { keyResultId: kr.id, authorId: kr.ownerId!, week: "2026-W48", value, confidence },
    });
  }

  it("shows every level of a small tree: progress, confidence, owner, key results and the aligned roll-up", async () => {
    await start(14);
    await checkIn("Platform result 1", 40, "at_risk");
    await checkIn("Search result 1", 80, "on_track");
    const text = textOf(await ask("U0PLATFORM1", "tree"));
    expect(text).toContain("OKR tree: Company");
    for (const team of ["Company", "Engineering", "Sales", "Platform", "Search", "Payments", "Support"])
      expect(text).toContain(`*${team}*`);
    expect(text).toMatch(
      /▰▰▰▰▱▱▱▱▱▱ 40% · :large_yellow_circle: · <@U0PLATFORMLEAD> · 1 KR · \*Platform objective 1\*/,
    );
    // Engineering objective 1 is served by Platform's and Search's six objectives (40%, 80% and four at 0%).
    expect(text).toMatch(/\*Engineering objective 1\* · aligned 6 objectives: 20%/);
    expect(text).not.toContain("folded");
  });

  it("fits 300 objectives in one message by folding deeper levels, each folded team named with how to open it", async () => {
    await start(300);
    expect(await s.bot.database.db.objective.count()).toBe(300);
    const blocks = await ask("U0PLATFORM1", "tree");
    const text = textOf(blocks);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(text).toContain("300 objectives");
    expect(text).toContain("folded to fit");
    for (const team of ["Company", "Engineering", "Sales"]) expect(text).toContain(`*${team}*`);
    expect(text).toContain("2 teams below (120 objectives): `/okr tree Engineering`");
    expect(text).toContain("2 teams below (120 objectives): `/okr tree Sales`");

    const platform = textOf(await ask("U0PLATFORM1", "tree Platform"));
    expect(platform).toContain("OKR tree: Platform");
    expect(platform).toContain("Platform objective 59");
    expect(s.logs.filter((l) => /error/i.test(l))).toEqual([]);
  });

  it("App Home shows, under each of the person's key results, the line it serves up the tree", async () => {
    await start(14);
    s.sandbox.addUser({ id: "U0PLATFORM1", name: "pat", tz: "Europe/London" });
    await s.requester.appHomeOpened({ user: "U0PLATFORM1" });
    const home = await waitFor(() => s.sandbox.home("U0PLATFORM1"), { timeoutMs: 10_000 });
    const text = JSON.stringify(home.view);
    expect(text).toContain(
      "_→ Platform: Platform objective 2 → Engineering: Engineering objective 1 → Company: Company objective 1_",
    );
  });

  it("says which teams exist when the team is unknown", async () => {
    await start(14);
    const before = s.sandbox.responses().length;
    await s.requester.command({ user: "U0PLATFORM1", text: "tree Nope" });
    const answer = await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 10_000 });
    expect((answer.body as { text: string }).text).toBe(
      'There is no team called "Nope". Teams: `Company`, `Engineering`, `Payments`, `Platform`, `Sales`, `Search`, `Support`.',
    );
  });
});
