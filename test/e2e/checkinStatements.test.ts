// How many SQL statements one check-in costs, before Slack gets its answer and after it (the DM
// turning into "Checked in ✓", the Home tab). Counted, not timed: each Prisma call costs about the
// same CPU whatever it asks, so the count is what keeps the hot path near its floor (issue 15).
import { IDS } from "../../src/blocks/ids";
import { ownerId, seed } from "../../src/bench/fixtures";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

describe.each(PROVIDERS)("SQL statements per check-in on %s", (provider) => {
  let s: TestStack;
  let counting = false;
  let statements: string[] = [];
  beforeAll(async () => {
    s = await startTestStack(provider, new Date("2026-11-23T09:30:00Z"), {
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
    await seed(s, 3);
    await s.runJob("checkins");
  });
  afterAll(async () => s.close());

  it("stores a check-in in 4 statements before the ack, and refreshes the DM and Home in at most 33 after", async () => {
    const user = ownerId(0);
    const krId = (await s.bot.database.db.keyResult.findFirstOrThrow({ where: { owner: { slackUserId: user } } })).id;
    const prompt = s.sandbox.dmsTo(user).findLast((m) => JSON.stringify(m.blocks).includes(IDS.actions.openCheckin))!;
    await s.requester.blockAction({
      user,
      actionId: IDS.actions.openCheckin,
      container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
    });
    const view = await waitFor(() => s.sandbox.openViews(user).find((v) => v.callbackId === IDS.views.checkin));
    const publishedBefore = s.sandbox.calls.filter((c) => c.method === "views.publish").length;
    // The work after the ack waits behind this until the ack is counted.
    let release!: () => void;
    s.bot.afterAck.add("holding the work after the ack", () => new Promise<void>((r) => (release = r)));
    statements = [];
    counting = true;
    const res = await s.requester.viewSubmission({
      user,
      view: { id: view.id },
      values: { [`${IDS.checkinBlocks.value}${krId}`]: "5", [`${IDS.checkinBlocks.confidence}${krId}`]: "on_track" },
    });
    const beforeAck = statements.length;
    expect(res.outcome.action).toBe("closed");
    release();
    await waitFor(
      () => s.sandbox.calls.filter((c) => c.method === "views.publish").length > publishedBefore || undefined,
    );
    await waitFor(() => JSON.stringify(s.sandbox.dmsTo(user).at(-1)?.blocks).includes("Checked in") || undefined);
    await s.bot.afterAck.idle();
    counting = false;
    const afterAck = statements.length - beforeAck;
    // Before: the key results with their check-ins and measurements, the insert (the cycle, the
    // person, their schedule and that the workspace is installed come from when the form was opened).
    // It was 17.
    expect(beforeAck).toBeLessThanOrEqual(4);
    // After: the "Checked in ✓" DM and the Home tab, which read the person and their key results
    // once between them; the team's digest is shared by the Homes refreshed in the same batch.
    expect(afterAck).toBeLessThanOrEqual(33);
  });
});
