// Finding key results by what people type (`/okr show 12`, `/okr show incidents`), and changing them.
import type { KeyResultMatch } from "../domain/answers";
import { decide, type Actor, type Decision } from "../domain/permissions";
import { keyResultStatus } from "../domain/keyResultStatus";
import { cycleAt } from "../db/cycles";
import { ensurePerson } from "../db/people";
import { activeKeyResultCount, markArchived, keyResultsToFind } from "../db/keyResults";
import { unalignObjectivesFrom } from "../db/objectives";
import { toKeyResultFacts } from "../db/okrs";
import { inTransaction } from "../db/transaction";
import type { Db } from "../db/types";
import type { ServiceDeps } from "./deps";
import { refreshProfile } from "./people";

export type Lookup =
  | { status: "found"; match: KeyResultMatch }
  | { status: "none" }
  | { status: "ambiguous"; matches: KeyResultMatch[] }
  | { status: "no_cycle" };

/** `12` or `#12` is an id; anything else matches titles (case-insensitive), in the running cycle. */
export async function findKeyResult(db: Db, workspaceId: number, now: Date, ref: string): Promise<Lookup> {
  const cycle = await cycleAt(db, workspaceId, now);
  if (!cycle) return { status: "no_cycle" };
  const id = /^#?(\d{1,9})$/.exec(ref.trim())?.[1];
  // By number, any cycle's key result (e.g. one carried forward into the next); by words, this cycle's.
  const rows = await keyResultsToFind(db, workspaceId, id ? { id: Number(id) } : { cycleId: cycle.id });
  const wanted = ref.trim().toLowerCase();
  const matching = id ? rows : rows.filter((kr) => kr.title.toLowerCase().includes(wanted));
  // An exact title wins over titles that merely contain the words.
  const exact = matching.filter((kr) => kr.title.toLowerCase() === wanted);
  const chosen = exact.length === 1 ? exact : matching;
  const matches = chosen.map((kr) => ({
    status: keyResultStatus(toKeyResultFacts(kr), latestWeek(kr.checkIns)),
    objectiveTitle: kr.objective.title,
    teamName: kr.objective.team.name,
    coOwnerSlackIds: kr.coOwners.map((c) => c.person.slackUserId),
    managerSlackIds: kr.objective.team.managers.map((m) => m.person.slackUserId),
  }));
  if (matches.length === 0) return { status: "none" };
  if (matches.length === 1) return { status: "found", match: matches[0]! };
  return { status: "ambiguous", matches };
}

function latestWeek(checkIns: { week: string }[]): string {
  return checkIns.at(-1)?.week ?? "0000-W00";
}

/** The person acting, with their admin flag from Slack (refreshed daily). */
export async function actor(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<Actor> {
  const person = await refreshProfile(deps, await ensurePerson(deps.db, workspaceId, slackUserId));
  return { slackUserId, isAdmin: person.isAdmin };
}

/** Archives a key result if the person may: its history stays, it leaves prompts, digests and retros. */
export async function archiveKeyResult(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  match: KeyResultMatch,
): Promise<Decision> {
  const decision = decide(await actor(deps, workspaceId, slackUserId), "archive_key_result", {
    ownerSlackId: match.status.ownerSlackId,
    coOwnerSlackIds: match.coOwnerSlackIds,
    managerSlackIds: match.managerSlackIds,
  });
  if (decision.allowed) {
    await inTransaction(deps.db, async (tx) => {
      const archived = await markArchived(tx, match.status.id, deps.now);
      // Its objective's last key result: the objective is over, and those aligned to it no longer serve it.
      if ((await activeKeyResultCount(tx, archived.objectiveId)) > 0) return;
      const parent = archived.objective;
      await unalignObjectivesFrom(tx, parent.id, `${parent.team.name}: ${parent.title}`, deps.now);
    });
  }
  return decision;
}
