// Three replicas of the bot sharing one PostgreSQL: they boot together on a database with every
// migration pending (one migrates, the others wait; none crashes), then run the same jobs at the
// same moment: one DM per owner, one digest per team, one retro thread.
import fs from "node:fs";
import path from "node:path";
import { createLogger } from "../../src/logger";
import { runJob, type JobName } from "../../src/jobs";
import { SlackSandbox } from "../../src/sandbox";
import { startBot, type RunningBot } from "../../src/server";
import { ensureWorkspace } from "../../src/db/workspaces";
import { importOkrs } from "../../src/services/importOkrs";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases";
import { okrFileYaml } from "../helpers/okrFactory";

const OWNERS = Array.from({ length: 30 }, (_, i) => `U0OWNER${String(i).padStart(2, "0")}`);
const onPostgres = PROVIDERS.includes("postgresql") ? describe : describe.skip;

onPostgres("three replicas on one PostgreSQL", () => {
  let sandbox: SlackSandbox;
  let testDb: TestDatabase;
  let replicas: RunningBot[] = [];
  const clock = { now: new Date("2026-11-30T09:30:00Z") };

  beforeAll(async () => {
    sandbox = new SlackSandbox();
    await sandbox.start();
    for (const id of OWNERS) sandbox.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
    testDb = await createTestDatabase("postgresql");
    const config = {
      slack: {
        botToken: sandbox.token,
        signingSecret: "secret",
        apiUrl: sandbox.apiUrl,
        postsPerSecond: 1000,
        postsPerChannelPerSecond: 1000,
      },
      port: 0,
      database: testDb.config,
      logLevel: "error" as const,
    };
    // All three start at once on a database with every migration pending.
    replicas = await Promise.all(
      [1, 2, 3].map((n) =>
        startBot(
          config,
          createLogger("error", `replica-${n}`, () => undefined),
          { scheduler: false, clock: () => clock.now },
        ),
      ),
    );
    const db = replicas[0]!.database.db;
    const workspace = await ensureWorkspace(db, sandbox.teamId);
    await importOkrs(
      db,
      workspace.id,
      okrFileYaml({ objectivesEach: 6, krsEach: 5, channel: "C0BIG", owners: OWNERS }),
      clock.now,
    );
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await testDb.drop();
    await sandbox.stop();
  });

  const everyReplica = (name: JobName) =>
    Promise.all(
      replicas.map((r, i) =>
        runJob(name, {
          db: r.database.db,
          slack: r.clients,
          now: clock.now,
          log: createLogger("error", `job-${i}`, () => undefined),
        }),
      ),
    );

  it("booted all three, with the migrations applied once", async () => {
    expect(replicas).toHaveLength(3);
    const applied = await replicas[0]!.database.db.$queryRawUnsafe<Array<{ n: bigint | number }>>(
      `SELECT COUNT(*) AS n FROM "_prisma_migrations"`,
    );
    const names = await replicas[0]!.database.db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      `SELECT migration_name FROM "_prisma_migrations"`,
    );
    const onDisk = fs
      .readdirSync(path.join(__dirname, "..", "..", "prisma", "postgresql", "migrations"))
      .filter((d) => /^\d+_/.test(d));
    expect(Number(applied[0]!.n)).toBe(onDisk.length);
    expect(names.map((m) => m.migration_name).sort()).toEqual(onDisk.sort());
  });

  it("sends one DM per owner, one digest and one retro thread when all three run the jobs at once", async () => {
    // A third of the owners follow the team: its digest comes to each of them as a DM, once.
    const db = replicas[0]!.database.db;
    const team = await db.team.findFirstOrThrow({ where: { name: "Big" } });
    const followers = OWNERS.slice(0, 10);
    for (const person of await db.person.findMany({ where: { slackUserId: { in: followers } } }))
      await db.teamFollower.create({ data: { teamId: team.id, personId: person.id } });
    await everyReplica("checkins");
    for (const owner of OWNERS)
      expect(sandbox.dmsTo(owner).filter((m) => m.text.startsWith("Weekly check-in"))).toHaveLength(1);
    clock.now = new Date("2026-12-04T17:00:00Z");
    await everyReplica("digest");
    clock.now = new Date("2027-01-01T10:00:00Z");
    await everyReplica("retro");
    for (const owner of OWNERS)
      expect(sandbox.dmsTo(owner).filter((m) => m.text.startsWith("Big OKR digest for 2026-W49"))).toHaveLength(
        followers.includes(owner) ? 1 : 0,
      );
    const channel = sandbox.messages("C0BIG");
    expect(channel.filter((m) => m.text.includes("OKR digest") && m.threadTs === undefined)).toHaveLength(1);
    expect(channel.filter((m) => m.text.includes("retrospective"))).toHaveLength(1);
    expect(channel.filter((m) => m.files).length).toBeLessThanOrEqual(5); // the charts, once each
    const keys = await replicas[0]!.database.db.slackMessage.groupBy({ by: ["key"], _count: true });
    expect(keys.every((k) => k._count === 1)).toBe(true);
    const chartFiles = sandbox.files().map((f) => f.filename);
    expect(new Set(chartFiles).size).toBe(chartFiles.length);
  });
});
