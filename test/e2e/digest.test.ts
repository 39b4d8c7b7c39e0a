// The weekly digest a manager reads: the attention list catching each warning sign, the progress
// chart uploaded into the thread (decoded and checked), and the same digest from /okr digest.
import { PNG } from "pngjs";
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const okrs = (chartEveryWeeks: number) => `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    digest: { chart_every_weeks: ${chartEveryWeeks} }
    objectives:
      - title: Make our platform reliable
        owner: U0LEAD
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 10
            target: 0
            measured_by: Incident tracker
          - title: Cut MTTR
            owner: U0BOB
            baseline: 100
            target: 0
            measured_by: Incident tracker
          - title: Raise checkout success
            owner: U0CAROL
            baseline: 90
            target: 100
            measured_by: Payments dashboard
      - title: Ship faster
        owner: U0LEAD
        key_results:
          - title: Cut lead time
            owner: U0DAVE
            baseline: 10
            target: 2
            measured_by: DORA dashboard
          - title: Raise deploy frequency
            owner: U0ERIN
            baseline: 5
            target: 25
            measured_by: Deploy log
`;

describe.each(PROVIDERS)("the digest on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  const checkIn = async (
    title: string,
    week: string,
    value: number,
    confidence: string,
    note: string | null = null,
  ) => {
    const kr = await db().keyResult.findFirstOrThrow({ where: { title }, include: { owner: true } });
    await db().checkIn.create({ data: { keyResultId: kr.id, authorId: kr.ownerId!, week, value, confidence, note } });
  };

  async function setUp(chartEveryWeeks = 1) {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    for (const id of ["U0ALICE", "U0BOB", "U0CAROL", "U0DAVE", "U0ERIN", "U0LEAD", "U0MANAGER"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
    await s.importYaml(okrs(chartEveryWeeks));
    await checkIn("Reduce P1 incidents", "2026-W44", 8, "on_track");
    await checkIn("Reduce P1 incidents", "2026-W48", 9, "on_track", "Quiet week"); // 10% done at 63%: "on track"?
    await checkIn("Cut MTTR", "2026-W48", 90, "off_track"); // off track
    await checkIn("Raise checkout success", "2026-W48", 99, "off_track"); // 90% done, yet "off track"
    await checkIn("Cut lead time", "2026-W45", 6, "at_risk"); // quiet since W45
    await checkIn("Raise deploy frequency", "2026-W48", 20, "on_track");
    // The manager moves a target mid-cycle.
    const kr = await db().keyResult.findFirstOrThrow({ where: { title: "Raise deploy frequency" } });
    await s.requester.command({ user: "U0MANAGER", text: `edit ${kr.id}` });
    const form = await waitFor(
      () => s.sandbox.openViews("U0MANAGER").find((v) => v.callbackId === IDS.views.editKeyResult),
      { timeoutMs: 5000 },
    );
    // "Deploy frequency" gets the guides' vanity-metric hint first; the second submit saves anyway.
    const hinted = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { kr_target_0: "22" },
    });
    expect(hinted.outcome.action).toBe("updated");
    const saved = await s.requester.viewSubmission({
      user: "U0MANAGER",
      view: { id: form.id },
      values: { kr_target_0: "22" },
    });
    expect(saved.outcome.action).toBe("closed");
    s.clock.now = new Date("2026-11-27T16:30:00Z");
  }
  afterEach(async () => s.close());

  it("lists what needs attention first: confidence against pace, off track, quiet owners, moved targets", async () => {
    await setUp();
    expect(await s.runJob("digest")).toMatchObject({ posted: 1, failed: 0 });
    const [main] = s.sandbox.messages("C0PLATFORM").filter((m) => !m.threadTs || m.threadTs === m.ts);
    const section = (main!.blocks as Array<{ text?: { text: string } }>)
      .map((b) => b.text?.text ?? "")
      .find((t) => t.startsWith("*Needs attention"))!;
    expect(section.split("\n")).toEqual([
      "*Needs attention (5)*",
      ":red_circle: *Cut MTTR* · <@U0BOB> — off track: 10% done at 63% of the quarter",
      ":warning: *Reduce P1 incidents* · <@U0ALICE> — says on track, but 10% done at 63% of the quarter",
      ":thinking_face: *Raise checkout success* · <@U0CAROL> — says off track, but is on pace: 90% done at 63% of the quarter",
      ":zipper_mouth_face: *Cut lead time* · <@U0DAVE> — no check-in for 2 weeks (last: 2026-W45)",
      ":triangular_flag_on_post: *Raise deploy frequency* · <@U0ERIN> — target moved 25 → 22 on 2026-11-24 by <@U0MANAGER>",
    ]);
    const text = JSON.stringify(main!.blocks);
    expect(text).toContain("2026-Q4 · week 9 of 14 · 63% of the quarter gone");
    expect(text).toContain("`▁▁▁▁▂▂▂▂▂` · ▲ +1 (worse) since last week"); // Reduce P1 incidents: 20% from W44, 10% in W48

    // /okr digest shows the same digest, only to the caller.
    await s.requester.command({ user: "U0LEAD", text: "digest Platform" });
    const preview = await waitFor(
      () => s.sandbox.responses().find((r) => JSON.stringify(r.body).includes("Needs attention")),
      { timeoutMs: 5000 },
    );
    expect(preview.effect).toBe("ephemeral");
    // Slack gives posted blocks a block_id; apart from that they are the same.
    const withoutIds = (blocks: unknown) => JSON.stringify(blocks).replace(/,"block_id":"[^"]*"/g, "");
    expect(withoutIds((preview.body as { blocks: unknown }).blocks)).toBe(withoutIds(main!.blocks));
  });

  it("uploads one progress chart per objective into the digest thread, once", async () => {
    await setUp();
    expect(await s.runJob("digest")).toMatchObject({ posted: 1, charts: 2 });
    expect(await s.runJob("digest")).toMatchObject({ posted: 0, charts: 0 });
    const [main] = s.sandbox.messages("C0PLATFORM").filter((m) => !m.threadTs);
    const files = s.sandbox.files();
    expect(files).toHaveLength(2);
    expect(s.sandbox.callsTo("files.getUploadURLExternal")).toHaveLength(2);
    for (const file of files) {
      expect(file).toMatchObject({ completed: true, channel: "C0PLATFORM", threadTs: main!.ts });
      expect(file.filename).toMatch(/^okr-progress-2026-W48-objective-\d+\.png$/);
      const png = PNG.sync.read(file.bytes!);
      expect([png.width, png.height]).toEqual([960, 540]);
      // Not blank: besides the white background there are many coloured pixels (the lines).
      let coloured = 0;
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
        colours.add((r << 16) | (g << 8) | b);
      }
      expect(coloured).toBeGreaterThan(1000);
      expect(colours.size).toBeGreaterThan(20);
      // The title is drawn (fonts found): dark pixels in the band above the plot, where only text goes.
      let ink = 0;
      for (let y = 8; y < 62; y++)
        for (let x = 0; x < png.width; x++) if (png.data[(y * png.width + x) * 4]! < 128) ink += 1;
      expect(ink).toBeGreaterThan(500);
    }
    expect(files.map((f) => f.title)).toEqual([
      "Platform · Make our platform reliable · 2026-Q4",
      "Platform · Ship faster · 2026-Q4",
    ]);
    const shared = s.sandbox.thread("C0PLATFORM", main!.ts).filter((m) => m.files);
    expect(shared).toHaveLength(2);
  });

  it("posts no chart in weeks the team's setting skips", async () => {
    await setUp(2); // week 9 of the cycle is odd
    expect(await s.runJob("digest")).toMatchObject({ posted: 1, charts: 0 });
    expect(s.sandbox.files()).toHaveLength(0);
  });
});
