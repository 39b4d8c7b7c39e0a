// 50 people submit their check-in at the same moment, on SQLite (one writer at a time): every one
// is stored and acknowledged, and nobody sees a lock error (WAL and a busy timeout). How fast the
// acks come is a benchmark figure (npm run bench), not asserted here.
import { IDS } from "../../src/blocks/ids";
import { ownerId, seed } from "../../src/bench/fixtures";
import { waitFor } from "../../src/sandbox";
import { startTestStack, type TestStack } from "../helpers/stack";

const PEOPLE = 50;

describe("50 concurrent check-ins on sqlite", () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack("sqlite", new Date("2026-11-24T10:00:00Z"));
    await seed(s, PEOPLE);
  });
  afterAll(async () => s.close());

  it("stores all of them, each acknowledged, with no lock error anywhere", async () => {
    const users = Array.from({ length: PEOPLE }, (_, i) => ownerId(i));
    const krs = new Map(
      (await s.bot.database.db.keyResult.findMany({ include: { owner: true } })).map((kr) => [
        kr.owner!.slackUserId,
        kr.id,
      ]),
    );
    const views = new Map<string, string>();
    for (const user of users) {
      await s.requester.command({ user, text: "checkin" });
      views.set(
        user,
        (
          await waitFor(() => s.sandbox.openViews(user).find((v) => v.callbackId === IDS.views.checkin), {
            timeoutMs: 5000,
          })
        ).id,
      );
    }
    const results = await Promise.all(
      users.map((user) =>
        s.requester.viewSubmission({
          user,
          view: { id: views.get(user)! },
          values: {
            [`${IDS.checkinBlocks.value}${krs.get(user)}`]: "5",
            [`${IDS.checkinBlocks.confidence}${krs.get(user)}`]: "on_track",
          },
        }),
      ),
    );
    expect(results.map((r) => r.outcome.action)).toEqual(users.map(() => "closed"));
    expect(await s.bot.database.db.checkIn.count()).toBe(PEOPLE);
    expect(s.logs.join("\n")).not.toMatch(/locked|SQLITE_BUSY/i);
  });
});
