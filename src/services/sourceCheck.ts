// `okr-bot sources check`: every active key result of the current cycle that names a source, read once.
import { cycleAt } from "../db/cycles";
import { sourcedKeyResultsIn } from "../db/keyResults";
import type { Db } from "../db/types";
import { storedKeyResultSource } from "../domain/sources";
import type { Reading, SourceReader } from "../sources/reader";
import { forEachConcurrently } from "./concurrently";
import { READS_AT_ONCE } from "./measure";

export type SourceCheck = { team: string; objective: string; keyResult: string; reading: Reading };

export async function checkSources(
  db: Db,
  workspaceId: number,
  reader: SourceReader,
  now: Date,
  team?: string,
): Promise<SourceCheck[]> {
  const cycle = await cycleAt(db, workspaceId, now);
  if (!cycle) return [];
  const krs = await sourcedKeyResultsIn(db, workspaceId, cycle.id, team);
  const checks: SourceCheck[] = new Array(krs.length);
  await forEachConcurrently(
    krs.map((kr, i) => ({ kr, i })),
    READS_AT_ONCE,
    async ({ kr, i }) => {
      const spec = storedKeyResultSource(kr.sourceName, kr.sourceSpec);
      const reading: Reading = spec
        ? await reader.read(spec)
        : {
            ok: false,
            source: kr.sourceName!,
            error: `couldn't read ${kr.sourceName}: its stored query is unreadable`,
          };
      checks[i] = { team: kr.objective.team.name, objective: kr.objective.title, keyResult: kr.title, reading };
    },
  );
  return checks;
}
