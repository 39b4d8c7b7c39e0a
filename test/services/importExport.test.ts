import type { Db } from "../../src/db/types";
import { ensureWorkspace } from "../../src/db/workspaces";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { ImportError, importOkrs } from "../../src/services/importOkrs";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const NOW = new Date("2026-11-22T12:00:00Z");

const FILE = `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER, U0LEAD]
    timezone: Europe/London
    checkin: { day: tuesday, time: "10:30", cadence: biweekly, grace_minutes: 120 }
    reminders: { after_hours: 48, escalate_after: 3 }
    digest: { chart_every_weeks: 2 }
    retro: { opens_days_before: 10 }
    objectives:
      - title: Make our platform reliable enough that customers trust us
        owner: U0LEAD
        why: Reduce churn
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 8
            target: 2
            unit: incidents/quarter
            measured_by: P1 count in the incident tracker
          - title: Improve checkout success rate
            owner: U0BOB
            baseline: 94
            target: 98
            unit: "%"
            measured_by: Payments dashboard
          - title: Ship the new deploy pipeline
            baseline: 0
            target: 1
            direction: increase
  - name: Data
    channel: C0DATA
    objectives:
      - title: Make data trustworthy and accessible
        key_results:
          - title: Reduce data quality incidents
            owner: U0DANA
            baseline: 6
            target: 1
            measured_by: Tracker
`;

async function counts(db: Db) {
  return {
    teams: await db.team.count(),
    managers: await db.teamManager.count(),
    people: await db.person.count(),
    objectives: await db.objective.count(),
    keyResults: await db.keyResult.count(),
  };
}

describe.each(PROVIDERS)("import and export on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0TEST")).id;
  });
  afterEach(async () => t.cleanup());

  it("imports teams, managers, objectives and key results, deriving directions", async () => {
    const report = await importOkrs(t.db, workspaceId, FILE, NOW);
    expect(report.cycle).toBe("2026-Q4");
    expect(report.teams).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(report.objectives).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(report.keyResults).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(report.warnings.map((w) => `${w.path} ${w.code}`)).toEqual(
      expect.arrayContaining([
        "teams[0].objectives[0].key_results[2].title output_verb",
        "teams[0].objectives[0].key_results[2].measured_by missing_measured_by",
        "teams[1].objectives[0].owner missing_owner",
        "teams[1].objectives[0].key_results too_few_key_results",
      ]),
    );
    const p1 = await t.db.keyResult.findFirstOrThrow({
      where: { title: "Reduce P1 incidents" },
      include: { owner: true },
    });
    expect(p1).toMatchObject({
      baseline: 8,
      target: 2,
      direction: "decrease",
      directionSet: false,
      unit: "incidents/quarter",
    });
    expect(p1.owner?.slackUserId).toBe("U0ALICE");
    const unowned = await t.db.keyResult.findFirstOrThrow({
      where: { title: "Ship the new deploy pipeline" },
      include: { owner: true },
    });
    expect(unowned.owner?.slackUserId).toBe("U0LEAD"); // inherited from its objective
    const team = await t.db.team.findFirstOrThrow({
      where: { name: "Platform" },
      include: { managers: { include: { person: true } } },
    });
    expect(team).toMatchObject({
      channelId: "C0PLATFORM",
      checkinDay: 2,
      checkinTime: "10:30",
      timezone: "Europe/London",
      cadence: "biweekly",
      graceMinutes: 120,
      reminderDelayHours: 48,
      escalateAfter: 3,
    });
    expect(team.managers.map((m) => m.person.slackUserId).sort()).toEqual(["U0LEAD", "U0MANAGER"]);
    const cycle = await t.db.cycle.findFirstOrThrow();
    expect([cycle.startsAt.toISOString(), cycle.endsAt.toISOString()]).toEqual([
      "2026-10-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("changes nothing when the same file is imported twice, and import → export → import is a no-op", async () => {
    await importOkrs(t.db, workspaceId, FILE, NOW);
    const before = await counts(t.db);
    const again = await importOkrs(t.db, workspaceId, FILE, NOW);
    expect([again.teams, again.objectives, again.keyResults]).toEqual([
      { created: 0, updated: 0, unchanged: 2 },
      { created: 0, updated: 0, unchanged: 2 },
      { created: 0, updated: 0, unchanged: 4 },
    ]);
    const exported = await exportOkrsYaml(t.db, workspaceId, "2026-Q4");
    const roundTrip = await importOkrs(t.db, workspaceId, exported, NOW);
    expect(roundTrip.keyResults).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(roundTrip.teams).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await counts(t.db)).toEqual(before);
    expect(await exportOkrsYaml(t.db, workspaceId, "2026-Q4")).toBe(exported);
    expect(exported).toContain("direction: increase");
    expect(exported).not.toContain("direction: decrease");
  });

  it("updates what changed and lists what the file no longer mentions without deleting it", async () => {
    await importOkrs(t.db, workspaceId, FILE, NOW);
    const edited = FILE.replace("target: 98", "target: 99").replace(
      / {10}- title: Ship the new deploy pipeline[\s\S]*?direction: increase\n/,
      "",
    );
    const report = await importOkrs(t.db, workspaceId, edited, NOW);
    expect(report.keyResults).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(report.notInFile).toEqual([
      "Platform › Make our platform reliable enough that customers trust us › Ship the new deploy pipeline",
    ]);
    expect(await t.db.keyResult.count()).toBe(4);
  });

  it("writes nothing when the file has an error, and says where", async () => {
    const broken = FILE.replace(
      "target: 1\n            measured_by: Tracker",
      "target: one\n            measured_by: Tracker",
    );
    const error = await importOkrs(t.db, workspaceId, broken, NOW).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problems[0]).toMatchObject({
      path: "teams[1].objectives[0].key_results[0].target",
      line: 40,
    });
    expect(await counts(t.db)).toEqual({ teams: 0, managers: 0, people: 0, objectives: 0, keyResults: 0 });
  });

  it("refuses baseline = target (no direction) and writes nothing", async () => {
    const error = await importOkrs(t.db, workspaceId, FILE.replace("target: 2\n", "target: 8\n"), NOW).catch((e) => e);
    expect((error as ImportError).problems[0]).toMatchObject({ path: "teams[0].objectives[0].key_results[0].target" });
    expect(await t.db.team.count()).toBe(0);
  });

  it("rolls back everything when the database fails half-way through", async () => {
    let creates = 0;
    // A client whose transaction fails on the third key result it creates.
    const failing = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(txTarget, txProp, txReceiver) {
                  const value = Reflect.get(txTarget, txProp, txReceiver);
                  if (txProp !== "keyResult") return value;
                  return new Proxy(value as object, {
                    get(kr, krProp, krReceiver) {
                      const fnValue = Reflect.get(kr, krProp, krReceiver);
                      if (krProp !== "create") return fnValue;
                      return (args: unknown) => {
                        if (++creates === 3) throw new Error("disk full");
                        return (fnValue as (a: unknown) => unknown).call(kr, args);
                      };
                    },
                  });
                },
              }),
            ),
          );
      },
    }) as Db;
    await expect(importOkrs(failing, workspaceId, FILE, NOW)).rejects.toThrow("disk full");
    expect(await counts(t.db)).toEqual({ teams: 0, managers: 0, people: 0, objectives: 0, keyResults: 0 });
    expect(await t.db.cycle.count()).toBe(0);
  });
});
