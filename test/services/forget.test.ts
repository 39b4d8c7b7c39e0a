import { ensureWorkspace } from "../../src/db/workspaces";
import { forgetPerson } from "../../src/services/forget";
import { importOkrs } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const NOW = new Date("2026-11-24T12:00:00Z");
const okrs = (cycle: string) => `cycle: ${cycle}
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0ALICE]
    objectives:
      - title: Reliable
        owner: U0LEAD
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            co_owners: [U0BOB]
            baseline: 8
            target: 2
`;

describe.each(PROVIDERS)("okr-bot forget on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0TEST")).id;
    await importOkrs(t.db, workspaceId, okrs("2026-Q3"), NOW);
    await importOkrs(t.db, workspaceId, okrs("2026-Q4"), NOW);
    const alice = await t.db.person.update({
      where: { workspaceId_slackUserId: { workspaceId, slackUserId: "U0ALICE" } },
      data: { name: "Alice Example", tz: "Europe/London" },
    });
    for (const kr of await t.db.keyResult.findMany()) {
      const checkIn = await t.db.checkIn.create({
        data: {
          keyResultId: kr.id,
          authorId: alice.id,
          week: "2026-W40",
          value: 6,
          confidence: "on_track",
          note: "Alice's private note",
          evidenceUrl: "https://example.com/alice",
        },
      });
      await t.db.checkInRevision.create({
        data: {
          checkInId: checkIn.id,
          authorId: alice.id,
          value: 7,
          confidence: "at_risk",
          note: "first draft",
          createdAt: NOW,
        },
      });
      await t.db.retroEntry.create({
        data: { keyResultId: kr.id, score: 0.5, worked: "pairing with Bob", didnt: "x", learned: "y" },
      });
    }
    await t.db.slackMessage.create({
      data: {
        workspaceId,
        key: "checkin:1:U0ALICE:2026-W48",
        kind: "checkin_prompt",
        channel: "U0ALICE",
        recipient: "U0ALICE",
        claimedAt: NOW,
      },
    });
  });
  afterEach(async () => t.cleanup());

  it("removes names, notes, links and retro answers, and keeps the numbers, anonymously", async () => {
    const report = await forgetPerson(t.db, workspaceId, "U0ALICE", NOW);
    expect(report).toEqual({
      found: true,
      checkIns: 2,
      revisions: 2,
      retroAnswers: 2,
      keyResultsLeftWithoutOwner: 1,
      messages: 1,
    });
    expect(await t.db.person.findFirst({ where: { slackUserId: "U0ALICE" } })).toBeNull();
    const anonymous = await t.db.person.findFirstOrThrow({ where: { slackUserId: { startsWith: "forgotten-" } } });
    expect(anonymous).toMatchObject({ name: null, tz: null });
    const checkIns = await t.db.checkIn.findMany();
    expect(checkIns.map((c) => [c.value, c.note, c.evidenceUrl, c.authorId])).toEqual([
      [6, null, null, anonymous.id],
      [6, null, null, anonymous.id],
    ]);
    expect((await t.db.checkInRevision.findMany()).every((r) => r.note === null && r.value === 7)).toBe(true);
    expect((await t.db.retroEntry.findMany()).every((r) => r.worked === null && r.score === 0.5)).toBe(true);
    const krs = await t.db.keyResult.findMany({
      include: { objective: { include: { cycle: true } } },
      orderBy: { id: "asc" },
    });
    expect(krs.map((kr) => [kr.objective.cycle.key, kr.ownerId])).toEqual([
      ["2026-Q3", anonymous.id], // an ended cycle keeps its (anonymous) owner
      ["2026-Q4", null],
    ]);
    expect(await t.db.teamManager.count()).toBe(0);
    expect(await t.db.keyResultCoOwner.count()).toBe(2); // Bob's
    expect(await t.db.slackMessage.findFirstOrThrow()).toMatchObject({ channel: "forgotten", recipient: null });
    const leftovers = JSON.stringify([
      await t.db.person.findMany(),
      checkIns,
      await t.db.retroEntry.findMany(),
      await t.db.slackMessage.findMany(),
    ]);
    expect(leftovers).not.toMatch(/U0ALICE|Alice|alice/);
  });

  it("says so when it does not know the person", async () => {
    expect((await forgetPerson(t.db, workspaceId, "U0NOBODY", NOW)).found).toBe(false);
  });
});
