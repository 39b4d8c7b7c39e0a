import { spawn } from "node:child_process";
import os from "node:os";
import { HOLDER_STALE_MS } from "../../src/domain/claims";
import { ensureWorkspace } from "../../src/db/workspaces";
import { createJobRunner, startLifeline } from "../../src/jobs/scheduler";
import type { JobDeps, JobName } from "../../src/jobs";
import { createLogger } from "../../src/logger";
import { observerFor, registerHolder, releaseDeadHolders } from "../../src/services/claimHolders";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const log = createLogger("error", "test", () => undefined);
const host = os.hostname();

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => child.on("exit", r));
  return child.pid!;
}

describe.each(PROVIDERS)("claim holders on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let workspaceId: number;
  beforeEach(async () => {
    t = await openTestDatabase(provider);
    workspaceId = (await ensureWorkspace(t.db, "T0TEST")).id;
  });
  afterEach(async () => t.cleanup());

  const claimed = (key: string, kind: string, holderId: string | null, attemptedAt: Date | null = null) =>
    t.db.slackMessage.create({
      data: { workspaceId, key, kind, channel: "C0TEAM", claimedAt: new Date(), attempts: 1, holderId, attemptedAt },
    });

  it("a holder heartbeats while it runs; stopping removes it and gives back what it still held", async () => {
    const registered = await registerHolder(t.db, log, { heartbeatMs: 20 });
    const first = await t.db.claimHolder.findUniqueOrThrow({ where: { id: registered.holder.id } });
    expect(first).toMatchObject({ host, pid: process.pid });
    await new Promise((r) => setTimeout(r, 150));
    const later = await t.db.claimHolder.findUniqueOrThrow({ where: { id: registered.holder.id } });
    expect(later.heartbeatAt.getTime()).toBeGreaterThan(first.heartbeatAt.getTime());
    await claimed("held", "checkin_prompt", registered.holder.id, new Date());
    await registered.stop();
    expect(await t.db.claimHolder.count()).toBe(0);
    expect(await t.db.slackMessage.findUniqueOrThrow({ where: { key: "held" } })).toMatchObject({
      holderId: null,
      claimedAt: new Date(0),
      attemptedAt: null,
    });
  });

  it("releases the claims of dead holders only, keeping when their posts were asked for", async () => {
    const now = Date.now();
    await t.db.claimHolder.createMany({
      data: [
        { id: "killed", host, pid: await deadPid(), heartbeatAt: new Date(now) },
        { id: "silent", host: "elsewhere", pid: 1, heartbeatAt: new Date(now - HOLDER_STALE_MS - 1_000) },
        { id: "alive", host, pid: process.pid, heartbeatAt: new Date(now) },
        { id: "far-alive", host: "elsewhere", pid: 1, heartbeatAt: new Date(now) },
      ],
    });
    const attempted = new Date(now - 500);
    await claimed("a", "checkin_prompt", "killed", attempted);
    await claimed("b", "digest", "silent");
    await claimed("c", "checkin_reminder", "alive");
    await claimed("d", "retro_parent", "far-alive");
    const kinds = await releaseDeadHolders(t.db, observerFor({ id: "me", host, pid: process.pid }));
    expect([...kinds].sort()).toEqual(["checkin_prompt", "digest"]);
    expect((await t.db.claimHolder.findMany({ orderBy: { id: "asc" } })).map((h) => h.id)).toEqual([
      "alive",
      "far-alive",
    ]);
    const rows = await t.db.slackMessage.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.holderId])).toEqual([
      ["a", null],
      ["b", null],
      ["c", "alive"],
      ["d", "far-alive"],
    ]);
    expect(rows[0]!.attemptedAt).toEqual(attempted);
    expect(await releaseDeadHolders(t.db, observerFor({ id: "me", host, pid: process.pid }))).toEqual(new Set());
  });

  it("the lifeline runs, at start, the jobs whose messages a dead process held, and only those", async () => {
    await t.db.claimHolder.create({ data: { id: "killed", host, pid: await deadPid(), heartbeatAt: new Date() } });
    await claimed("a", "checkin_prompt", "killed");
    await claimed("b", "digest_chart", "killed");
    const ran: JobName[] = [];
    const deps = { db: t.db, slack: {}, log, holder: { id: "me", host, pid: process.pid } } as unknown as Omit<
      JobDeps,
      "now"
    >;
    const runner = createJobRunner(
      deps,
      log,
      () => new Date(),
      async (name) => {
        ran.push(name);
        return {};
      },
    );
    const lifeline = startLifeline(deps, runner, log, 60_000);
    await lifeline.stop(); // waits for the check made at start
    await runner.close();
    expect(ran.sort()).toEqual(["checkins", "digest"]);
  });
});
