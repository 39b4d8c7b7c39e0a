// The key results the guides write and the bot could not take before: a threshold to hold, a
// baseline measured by the first check-in, a target relative to the baseline. Each goes through
// import → check-in → digest → retro score → carry forward → export and import again.
import { parse } from "yaml";
import { IDS } from "../../src/blocks/ids";
import { waitFor } from "../../src/sandbox";
import type { SandboxView } from "../../src/sandbox/types";
import { formatRecord } from "../../src/domain/records";
import { cycleRecord } from "../../src/services/cycleRecords";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { importOkrs, type ImportReport } from "../../src/services/importOkrs";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    objectives:
      - title: Make the platform fast and reliable at scale
        owner: U0LEAD
        key_results:
          - title: Achieve autoscaling response time < 60s
            owner: U0ALICE
            target: "< 60"
            unit: s
            measured_by: Autoscaler metrics
          - title: Reduce P99 latency of payment processing by 30%
            owner: U0BOB
            target: "-30%"
            unit: ms
            measured_by: APM p99 on /payments
          - title: Increase NPS by 5 points
            owner: U0ALICE
            co_owners: [U0BOB]
            baseline: 30
            target: "+5"
            measured_by: Quarterly NPS survey
`;

const AUTOSCALING = "Achieve autoscaling response time < 60s";
const P99 = "Reduce P99 latency of payment processing by 30%";
const NPS = "Increase NPS by 5 points";

describe.each(PROVIDERS)("threshold, measure-first and relative key results on %s", (provider) => {
  let s: TestStack;
  let report: ImportReport;
  const db = () => s.bot.database.db;
  const kr = (title: string, cycle = "2026-Q4") =>
    db().keyResult.findFirstOrThrow({ where: { title, objective: { cycle: { key: cycle } } } });
  const values = (entries: Record<string, string>) => async (id: (t: string) => Promise<number>) => {
    const out: Record<string, string> = {};
    for (const [title, value] of Object.entries(entries)) {
      out[`${IDS.checkinBlocks.value}${await id(title)}`] = value;
      out[`${IDS.checkinBlocks.confidence}${await id(title)}`] = "on_track";
    }
    return out;
  };
  const week = async (mondayIso: string, alice: Record<string, string>, bob: Record<string, string>) => {
    s.clock.now = new Date(mondayIso);
    await s.runJob("checkins");
    expect((await s.checkIn("U0ALICE", values(alice))).outcome.action).toBe("closed");
    expect((await s.checkIn("U0BOB", values(bob))).outcome.action).toBe("closed");
  };
  const digestAt = async (iso: string) => {
    s.clock.now = new Date(iso);
    expect(await s.runJob("digest")).toMatchObject({ posted: 1, failed: 0 });
    return JSON.stringify(s.sandbox.messages("C0PLATFORM").findLast((m) => m.text.includes("Platform"))!.blocks);
  };

  beforeAll(async () => {
    s = await startTestStack(provider, new Date("2026-10-05T08:00:00Z"));
    for (const id of ["U0ALICE", "U0BOB", "U0LEAD", "U0MANAGER"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
    report = await importOkrs(db(), s.workspaceId, OKRS, s.clock.now);
  });
  afterAll(async () => s.close());

  it("imports them: the threshold and the relative target stored as numbers, the text kept, no warnings", async () => {
    expect(report.warnings.filter((w) => w.severity !== "hint")).toEqual([]);
    expect(report.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      "missing_baseline teams[0].objectives[0].key_results[1].baseline",
    ]);
    expect(await kr(AUTOSCALING)).toMatchObject({
      target: 60,
      comparator: "<",
      targetText: "< 60",
      direction: "decrease",
      baselineFromCheckIn: true,
    });
    expect(await kr(P99)).toMatchObject({
      target: 0,
      comparator: null,
      targetText: "-30%",
      direction: "decrease",
      baselineFromCheckIn: true,
    });
    expect(await kr(NPS)).toMatchObject({
      baseline: 30,
      target: 35,
      comparator: null,
      targetText: "+5",
      direction: "increase",
      baselineFromCheckIn: false,
    });
  });

  it("shows — and the baseline to come before the first check-in", async () => {
    const digest = await digestAt("2026-10-02T16:30:00Z");
    expect(digest).toContain("▱▱▱▱▱▱▱▱▱▱ — · now — (baseline to be set by the first check-in → -30%)");
    expect(digest).toContain("target &lt; 60 · no check-in yet");
    expect(digest).toContain("30 → 35 (+5)");
  });

  it("the first check-in sets the baseline and resolves the relative target; the digest shows met / not met and a breach", async () => {
    await week("2026-10-05T09:30:00Z", { [AUTOSCALING]: "70", [NPS]: "31" }, { [P99]: "500" });
    expect(await kr(P99)).toMatchObject({ baseline: 500, target: 350, baselineFromCheckIn: true });
    // A typo in that first check-in, corrected the same week, corrects the baseline.
    expect((await s.checkIn("U0BOB", values({ [P99]: "400" }), { via: "command" })).outcome.action).toBe("closed");
    expect(await kr(P99)).toMatchObject({ baseline: 400, target: 280, baselineFromCheckIn: true });
    const received = s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Checked in ✓"))!;
    expect(JSON.stringify(received.blocks)).toContain(
      "*Achieve autoscaling response time &lt; 60s*: 70 s · *not met* (target &lt; 60)",
    );
    expect(await kr(AUTOSCALING)).toMatchObject({ baseline: 70, target: 60, comparator: "<" });
    const digest = await digestAt("2026-10-09T16:30:00Z");
    expect(digest).toContain("target &lt; 60 · *not met* · 0 of 1 week met");
    expect(digest).toContain("400 (baseline set by the first check-in) → 280 (-30%)");
    expect(digest).toContain("breached: 70 s, target &lt; 60 (0 of 1 weeks met)");
  });

  it("counts the weeks met, and scores the retro as the share of check-ins met", async () => {
    await week("2026-10-12T09:30:00Z", { [AUTOSCALING]: "50", [NPS]: "33" }, { [P99]: "340" });
    const digest = await digestAt("2026-10-16T16:30:00Z");
    expect(digest).toContain("target &lt; 60 · met · 1 of 2 weeks met");
    expect(digest).not.toContain("breached");
    // /okr show lists each check-in of a threshold as met or not.
    const before = s.sandbox.responses().length;
    const res = await s.requester.command({ user: "U0LEAD", text: `show ${(await kr(AUTOSCALING)).id}` });
    const shown =
      res.body || JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    expect(shown).toContain("2026-W42: 50 · met ·");
    expect(shown).toContain("2026-W41: 70 · *not met* ·");

    s.clock.now = new Date("2026-12-25T10:00:00Z");
    expect(await s.runJob("retro")).toMatchObject({ asked: 2 });
    const retroOf = async (user: string, title: string): Promise<SandboxView> => {
      const dm = s.sandbox.dmsTo(user).find((m) => m.text.startsWith("Retro time"))!;
      const before = new Set(s.sandbox.views().map((v) => v.id));
      const id = String((await kr(title)).id);
      // One button per key result, all with the same action id: the block tells them apart.
      const blockId = (dm.blocks as Array<{ block_id?: string }>).find((b) =>
        JSON.stringify(b).includes(`"value":"${id}"`),
      )!.block_id;
      await s.requester.blockAction({
        user,
        actionId: IDS.actions.openRetro,
        value: id,
        blockId,
        container: { type: "message", channel_id: dm.channel, message_ts: dm.ts },
      });
      return waitFor(
        () =>
          s.sandbox
            .openViews(user)
            .find((v) => !before.has(v.id) && !JSON.stringify(v.view.blocks).includes("Loading")),
        { timeoutMs: 5000 },
      );
    };
    for (const [user, title, score] of [
      ["U0ALICE", AUTOSCALING, "0.5"],
      ["U0BOB", P99, "0.5"],
      ["U0ALICE", NPS, "0.6"],
    ] as const) {
      const modal = await retroOf(user, title);
      expect(JSON.stringify(modal.view)).toContain(`"initial_value":"${score}"`);
      if (title === AUTOSCALING)
        expect(JSON.stringify(modal.view)).toContain(
          "a score of *0.5* from the share of check-ins that met the target",
        );
      await s.requester.viewSubmission({
        user,
        view: { id: modal.id },
        values: { retro_score: score, retro_carry_forward: "yes" },
      });
    }
  });

  it("carries each shape forward: the same threshold, the same relative change from the final value", async () => {
    await waitFor(
      async () => (await db().keyResult.count({ where: { objective: { cycle: { key: "2027-Q1" } } } })) === 3,
      { timeoutMs: 5000 },
    );
    expect(await kr(AUTOSCALING, "2027-Q1")).toMatchObject({
      baseline: 50,
      target: 60,
      comparator: "<",
      targetText: "< 60",
      baselineFromCheckIn: false,
    });
    expect(await kr(P99, "2027-Q1")).toMatchObject({
      baseline: 340,
      target: 238,
      targetText: "-30%",
      direction: "decrease",
      baselineFromCheckIn: false,
    });
    expect(await kr(NPS, "2027-Q1")).toMatchObject({ baseline: 33, target: 38, targetText: "+5" });
    const confirm = await waitFor(
      () =>
        s.sandbox.dmsTo("U0ALICE").find((m) => m.text.startsWith("Carried forward") && m.text.includes("autoscaling")),
      { timeoutMs: 5000 },
    );
    expect(JSON.stringify(confirm.blocks)).toContain("the same threshold, target &lt; 60 s");
  });

  it("exports the three shapes as written, and importing the export changes nothing", async () => {
    const yaml = await exportOkrsYaml(db(), s.workspaceId, "2026-Q4");
    const written = parse(yaml).teams[0].objectives[0].key_results as Array<{ baseline?: number; target: unknown }>;
    expect(written.map((k) => [k.baseline, k.target])).toEqual([
      [undefined, "< 60"],
      [undefined, "-30%"],
      [30, "+5"],
    ]);
    const again = await importOkrs(db(), s.workspaceId, yaml, s.clock.now);
    // The cycle's record (okr-bot export --format md|csv|json) says the same.
    const record = (await cycleRecord(db(), s.workspaceId, "2026-Q4", s.clock.now))!;
    const md = formatRecord(record, "md");
    expect(md).toContain("- target \\< 60 s, met 1 of 2 weeks");
    expect(md).toContain("- 400 (baseline set by the first check-in) → 280 ms (-30%)");
    expect(formatRecord(record, "csv")).toContain(",< 60,first_check_in,1/2,true");
    expect(JSON.parse(formatRecord(record, "json")).teams[0].objectives[0].keyResults[1]).toMatchObject({
      targetAsWritten: "-30%",
      baselineFrom: "first_check_in",
      progress: 0.5,
    });
    expect(again.keyResults).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await kr(P99)).toMatchObject({ baseline: 400, target: 280 });
  });
});
