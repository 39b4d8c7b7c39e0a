// Two workspaces in one database, holding the same team name, the same people's ids and the same
// titles: every use case is scoped to its workspace, so neither can read or change the other's data,
// even with the other's ids in hand (as a forged button or private_metadata would carry them).
import { ensureWorkspace } from "../../src/db/workspaces";
import { createLogger } from "../../src/logger";
import { SlackSandbox } from "../../src/sandbox";
import { recordCheckins, NotAllowedError } from "../../src/services/checkins";
import { findKeyResult, archiveKeyResult } from "../../src/services/keyResults";
import { importOkrs } from "../../src/services/importOkrs";
import { exportOkrs } from "../../src/services/exportOkrs";
import { acceptKeyResult, openKeyResultEdit, saveKeyResultEdit } from "../../src/services/okrWriting";
import { myOkrs, teamOverview } from "../../src/services/overview";
import { retroForm } from "../../src/services/retroAnswers";
import type { ServiceDeps } from "../../src/services/deps";
import { saveTeamSettings } from "../../src/services/teams";
import { createJobsSlackClient } from "../../src/slack/client";
import { openTestDatabase, PROVIDERS } from "../helpers/databases";

const NOW = new Date("2026-11-24T10:00:00Z");
const okrs = (title: string) => `cycle: 2026-Q4
teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MANAGER]
    objectives:
      - title: ${title}
        owner: U0ALICE
        key_results:
          - title: Reduce P1 incidents
            baseline: 8
            target: 2
`;

describe.each(PROVIDERS)("two workspaces in one database on %s", (provider) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let sandbox: SlackSandbox;
  let deps: ServiceDeps;
  let a: number;
  let b: number;
  beforeAll(async () => {
    t = await openTestDatabase(provider);
    sandbox = new SlackSandbox();
    await sandbox.start();
    for (const id of ["U0ALICE", "U0MANAGER"]) sandbox.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
    deps = {
      db: t.db,
      slack: createJobsSlackClient({ token: sandbox.token, apiUrl: sandbox.apiUrl }),
      now: NOW,
      log: createLogger("error", "test", () => undefined),
    };
    a = (await ensureWorkspace(t.db, "T0AAAA")).id;
    b = (await ensureWorkspace(t.db, "T0BBBB")).id;
    await importOkrs(t.db, a, okrs("Workspace A objective"), NOW);
    await importOkrs(t.db, b, okrs("Workspace B objective"), NOW);
  });
  afterAll(async () => {
    await t.cleanup();
    await sandbox.stop();
  });

  const krOf = async (ws: number) =>
    t.db.keyResult.findFirstOrThrow({ where: { objective: { team: { workspaceId: ws } } } });
  const teamOf = async (ws: number) => t.db.team.findFirstOrThrow({ where: { workspaceId: ws } });

  it("reads only its own: lookups, overviews, a person's key results, the export", async () => {
    const theirs = await krOf(b);
    expect((await findKeyResult(t.db, a, NOW, String(theirs.id))).status).toBe("none");
    const found = await findKeyResult(t.db, a, NOW, "Reduce P1 incidents");
    expect(found.status === "found" && found.match.objectiveTitle).toBe("Workspace A objective");
    const overview = await teamOverview(deps, a, "Platform");
    expect(JSON.stringify(overview)).not.toContain("Workspace B");
    expect(JSON.stringify(await myOkrs(deps, a, "U0ALICE"))).not.toContain("Workspace B");
    expect(JSON.stringify(await exportOkrs(t.db, a, "2026-Q4"))).not.toContain("Workspace B");
  });

  it("changes only its own, even given the other's ids", async () => {
    const theirs = await krOf(b);
    const theirTeam = await teamOf(b);
    expect(await openKeyResultEdit(deps, a, "U0ALICE", theirs.id)).toEqual({ status: "gone" });
    const input = {
      title: "Hijacked",
      ownerSlackId: "U0ALICE",
      coOwnerSlackIds: [],
      baseline: 1,
      target: 2,
      unit: null,
      measuredBy: null,
      direction: "increase" as const,
      comparator: null,
      targetText: null,
      baselineFromCheckIn: false,
    };
    expect(await saveKeyResultEdit(deps, a, "U0ALICE", theirs.id, input)).toEqual({ status: "gone" });
    expect(await acceptKeyResult(deps, a, "U0ALICE", theirs.id)).toEqual({ status: "gone" });
    expect(await retroForm(deps, a, "U0ALICE", theirs.id)).toEqual({ status: "gone" });
    const settings = {
      channelId: "C0HIJACK",
      managers: ["U0MANAGER"],
      checkinDay: 3,
      checkinTime: "10:00",
      cadence: "weekly" as const,
      graceMinutes: null,
      parentId: null,
    };
    expect((await saveTeamSettings(deps, a, "U0MANAGER", theirTeam.id, settings)).allowed).toBe(false);
    // Nor may its team be put under the other workspace's.
    const ownTeam = await teamOf(a);
    const underTheirs = await saveTeamSettings(deps, a, "U0MANAGER", ownTeam.id, {
      ...settings,
      channelId: ownTeam.channelId,
      parentId: theirTeam.id,
    });
    expect(underTheirs).toEqual({ allowed: false, reason: expect.stringContaining("cannot be the parent") });
    expect((await t.db.team.findUniqueOrThrow({ where: { id: ownTeam.id } })).parentId).toBeNull();
    await expect(
      recordCheckins(deps, a, "U0ALICE", [{ keyResultId: theirs.id, value: 5, confidence: "on_track", note: null }]),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const mine = await findKeyResult(t.db, a, NOW, "Reduce P1 incidents");
    if (mine.status !== "found") throw new Error("expected A's key result");
    expect((await archiveKeyResult(deps, a, "U0ALICE", mine.match)).allowed).toBe(true);

    const after = await t.db.keyResult.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(after).toMatchObject({ title: "Reduce P1 incidents", archivedAt: null });
    expect(await t.db.checkIn.count({ where: { keyResultId: theirs.id } })).toBe(0);
    expect((await t.db.team.findUniqueOrThrow({ where: { id: theirTeam.id } })).channelId).toBe("C0PLATFORM");
  });
});
