// A shared key result: one team's key result co-owned by people of another team shows in that
// team's digest too, marked with the team that owns it, and counts only in the owning team's figures.
import { formatPercent, progress } from "../../src/domain/progress";
import { waitFor } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";

const OKRS = `cycle: 2026-Q4
teams:
  - name: Company
    channel: C0COMPANY
    objectives:
      - title: Grow revenue
        key_results:
          - { title: Revenue, owner: U0CEO, baseline: 0, target: 100, measured_by: Finance }
  - name: Platform
    parent: Company
    channel: C0PLATFORM
    objectives:
      - title: Fast checkout
        aligns_to: { team: Company, objective: Grow revenue }
        key_results:
          - title: Checkout p75 latency
            owner: U0ALICE
            co_owners: [U0BOB, U0PAYMGR]
            baseline: 900
            target: 400
            unit: ms
            measured_by: RUM p75 on /checkout
  - name: Payments
    parent: Company
    channel: C0PAYMENTS
    managers: [U0PAYMGR]
    objectives:
      - title: Reliable payments
        aligns_to: { team: Company, objective: Grow revenue }
        key_results:
          - { title: Payment success rate, owner: U0BOB, baseline: 90, target: 100, unit: "%", measured_by: PSP }
  - name: Data
    parent: Company
    channel: C0DATA
    objectives:
      - title: Trusted numbers
        key_results:
          - { title: Stale dashboards, owner: U0CAROL, baseline: 10, target: 0, measured_by: Catalog }
`;

/** This week's values (2026-W48): the shared key result is done, Payments' own half way. */
const VALUES: Record<string, number> = {
  Revenue: 40,
  "Checkout p75 latency": 400,
  "Payment success rate": 95,
  "Stale dashboards": 5,
};

describe.each(PROVIDERS)("a shared key result on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    for (const id of ["U0CEO", "U0ALICE", "U0BOB", "U0PAYMGR", "U0CAROL"])
      s.sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
    await s.importYaml(OKRS);
    for (const [title, value] of Object.entries(VALUES)) {
      const kr = await db().keyResult.findFirstOrThrow({ where: { title } });
      await db().checkIn.create({
        data: { keyResultId: kr.id, authorId: kr.ownerId!, week: "2026-W48", value, confidence: "on_track" },
      });
    }
    s.clock.now = new Date("2026-11-27T17:00:00Z");
  });
  afterEach(async () => s.close());

  const posted = (channel: string, kind = "OKR digest") =>
    JSON.stringify(s.sandbox.messages(channel).find((m) => m.text.includes(kind))!.blocks);

  it("shows in the digest of each team whose people co-own it, marked with the owning team, counted only there", async () => {
    expect(await s.runJob("digest")).toMatchObject({ failed: 0 });
    const payments = posted("C0PAYMENTS");
    expect(payments).toContain("Shared with other teams (1)");
    expect(payments).toContain("*Checkout p75 latency* · <@U0ALICE>");
    expect(payments).toContain("_Shared with Platform · Fast checkout_");
    // Payments' objective and counts are its own key result's alone (100% would be averaged in otherwise).
    const own = formatPercent(progress({ baseline: 90, target: 100, direction: "increase" }, 95));
    expect(own).toBe("50%");
    expect(payments).toContain(`*Reliable payments*\\n${"▰".repeat(5)}${"▱".repeat(5)} ${own}`);
    expect(payments).toContain("1/1 key results checked in");

    // The owning team shows it once, as its own; a team nobody of which co-owns it does not show it.
    const platform = posted("C0PLATFORM");
    expect(platform.match(/Checkout p75 latency/g)).toHaveLength(1);
    expect(platform).not.toContain("Shared with other teams");
    expect(posted("C0DATA")).not.toContain("Checkout p75 latency");

    // The company's leadership digest and roll-up count it once, under Platform.
    const leadership = posted("C0COMPANY", "leadership digest");
    expect(leadership).toContain(`${own} · +50 pts this week · :large_green_circle: · Reliable payments`);
    expect(leadership).toContain("100% · +100 pts this week · :large_green_circle: · Fast checkout");
    expect(posted("C0COMPANY")).toContain("40% · aligned: 75%");

    // /okr tree: Payments has one key result.
    const before = s.sandbox.responses().length;
    await s.requester.command({ user: "U0BOB", text: "tree" });
    const tree = JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    expect(tree).toContain(`${own} · :large_green_circle: · _no owner_ · 1 KR · *Reliable payments*`);
  });

  it("is shared through a manager of the team too, and no longer once nobody of the team co-owns it", async () => {
    const preview = async () => {
      const before = s.sandbox.responses().length;
      await s.requester.command({ user: "U0PAYMGR", text: "digest Payments" });
      return JSON.stringify((await waitFor(() => s.sandbox.responses()[before], { timeoutMs: 5000 })).body);
    };
    const kr = await db().keyResult.findFirstOrThrow({ where: { title: "Checkout p75 latency" } });
    const bob = await db().person.findFirstOrThrow({ where: { slackUserId: "U0BOB" } });
    await db().keyResultCoOwner.delete({ where: { keyResultId_personId: { keyResultId: kr.id, personId: bob.id } } });
    // U0PAYMGR manages Payments and still co-owns it.
    expect(await preview()).toContain("_Shared with Platform · Fast checkout_");
    await db().keyResultCoOwner.deleteMany({ where: { keyResultId: kr.id } });
    const alone = await preview();
    expect(alone).toContain("Reliable payments");
    expect(alone).not.toContain("Checkout p75 latency");
  });
});
