// Digest build: one team with N key results and 13 weeks of check-ins each; the time to build its
// digest from the database, and how many SQL statements that takes (the same for any N: no N+1).
import { ensureCycle } from "../db/cycles";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { ensurePerson } from "../db/people";
import { createCheckIns } from "../db/checkIns";
import { createKeyResult } from "../db/keyResults";
import { insertObjective } from "../db/objectives";
import { createTeam } from "../db/teams";
import { ensureWorkspace } from "../db/workspaces";
import { parseCycleKey } from "../domain/time";
import { teamDigest } from "../services/digest";
import { benchDatabase } from "./databases";
import { median } from "./report";

export type DigestBuildResult = { medianMs: number; queries: number };

export async function digestBuild(opts: {
  keyResults: number;
  runs: number;
  provider?: "sqlite" | "postgresql";
  postgresUrl?: string;
}): Promise<DigestBuildResult> {
  const bench = await benchDatabase(opts.provider ?? "sqlite", opts.postgresUrl);
  let queries = 0;
  let counting = false;
  await migrate(bench.config);
  const database = openDatabase(bench.config, {
    onQuery: () => {
      if (counting) queries += 1;
    },
  });
  try {
    const { db } = database;
    const workspace = await ensureWorkspace(db, "T0BENCH");
    const cycle = await ensureCycle(db, workspace.id, parseCycleKey("2026-Q4", "UTC"));
    const team = await createTeam(db, { workspaceId: workspace.id, name: "Bench", channelId: "C0BENCH" });
    const weeks = Array.from({ length: 13 }, (_, i) => `2026-W${String(40 + i).padStart(2, "0")}`);
    for (let o = 0; o * 5 < opts.keyResults; o++) {
      const objective = await insertObjective(db, {
        teamId: team.id,
        cycleId: cycle.id,
        title: `Objective ${o + 1}`,
        position: o,
      });
      for (let k = o * 5; k < Math.min(opts.keyResults, o * 5 + 5); k++) {
        const owner = await ensurePerson(db, workspace.id, `U0B${k}`);
        const kr = await createKeyResult(db, {
          objectiveId: objective.id,
          ownerId: owner.id,
          title: `KR ${k + 1}`,
          baseline: 100,
          target: 0,
          direction: "decrease",
          measuredBy: "Tracker",
        });
        await createCheckIns(
          db,
          weeks.map((week, w) => ({
            keyResultId: kr.id,
            authorId: owner.id,
            week,
            value: 100 - w * 5,
            confidence: w % 3 === 0 ? "at_risk" : "on_track",
            note: `Week ${w + 1}`,
          })),
        );
      }
    }
    const now = new Date("2026-12-29T16:30:00Z");
    const times: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      queries = 0;
      counting = true;
      const started = performance.now();
      await teamDigest(db, team, cycle, now);
      times.push(performance.now() - started);
      counting = false;
    }
    return { medianMs: median(times), queries };
  } finally {
    await database.close();
    await bench.drop();
  }
}
