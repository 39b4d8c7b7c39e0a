// Retro "carry forward: yes": the key result is drafted into the next cycle (same title, owner,
// unit and source; its final value as the new baseline; the target to confirm), under an
// objective of the same title. History is not copied. The owner confirms it like a proposal.
import { carryForwardMessage } from "../blocks/retroAsk";
import { keyResultStatus } from "../domain/keyResultStatus";
import { carriedForwardShape } from "../domain/retroAnswers";
import { quarterOf } from "../domain/time";
import { ensureCycle } from "../db/cycles";
import {
  carriedFrom,
  createKeyResult,
  deleteUnconfirmedCarry,
  keyResultByTitle,
  keyResultToCarry,
  pendingCarry,
  updateKeyResult,
} from "../db/keyResults";
import { insertObjective, objectiveByTitle } from "../db/objectives";
import { toKeyResultFacts } from "../db/okrs";
import { inTransaction } from "../db/transaction";
import { isUniqueViolation } from "../db/types";
import type { ServiceDeps } from "./deps";
import { CYCLE_TIME_ZONE } from "./importOkrs";
import { sendOnce } from "./outbox";
import { finalWeekOf } from "./retro";

export type Carried = { keyResultId: number; created: boolean; toCycle: string };

export async function carryForward(
  deps: ServiceDeps,
  workspaceId: number,
  keyResultId: number,
  byPersonId: number,
): Promise<Carried | null> {
  const kr = await keyResultToCarry(deps.db, workspaceId, keyResultId);
  if (!kr) return null;
  if (kr.carriedTo) return { keyResultId: kr.carriedTo.id, created: false, toCycle: kr.carriedTo.objective.cycle.key };
  const { objective } = kr;
  const next = quarterOf(objective.cycle.endsAt, CYCLE_TIME_ZONE);
  const status = keyResultStatus(toKeyResultFacts(kr), finalWeekOf(objective.team, objective.cycle, deps.now));
  const draft = carriedForwardShape(
    {
      baseline: kr.baseline,
      target: kr.target,
      direction: kr.direction as "increase" | "decrease",
      comparator: status.comparator ?? null,
      targetText: kr.targetText,
      baselineFromCheckIn: kr.baselineFromCheckIn,
    },
    status.latest ? status.current : kr.baselineFromCheckIn ? null : status.current,
  );
  try {
    return await inTransaction(deps.db, async (tx) => {
      const cycle = await ensureCycle(tx, workspaceId, next);
      const nextObjective =
        (await objectiveByTitle(tx, objective.teamId, cycle.id, objective.title)) ??
        (await insertObjective(tx, {
          teamId: objective.teamId,
          cycleId: cycle.id,
          title: objective.title,
          why: objective.why,
          ownerId: objective.ownerId,
          position: objective.position,
        }));
      const sameTitle = await keyResultByTitle(tx, nextObjective.id, kr.title);
      if (sameTitle) {
        // Someone wrote it into the next cycle already: link it rather than draft a second one.
        if (sameTitle.carriedFromId === null) await updateKeyResult(tx, sameTitle.id, { carriedFromId: kr.id });
        return { keyResultId: sameTitle.id, created: false, toCycle: next.key };
      }
      const created = await createKeyResult(tx, {
        objectiveId: nextObjective.id,
        title: kr.title,
        ownerId: kr.ownerId,
        baseline: draft.baseline,
        target: draft.target,
        direction: draft.direction,
        comparator: draft.comparator,
        targetText: draft.targetText,
        baselineFromCheckIn: draft.baselineFromCheckIn,
        unit: kr.unit,
        measuredBy: kr.measuredBy,
        sourceName: kr.sourceName,
        sourceSpec: kr.sourceSpec,
        auto: kr.auto,
        position: kr.position,
        proposedById: byPersonId,
        pendingSince: kr.ownerId === null ? null : deps.now,
        carriedFromId: kr.id,
      });
      return { keyResultId: created.id, created: true, toCycle: next.key };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await carriedFrom(deps.db, kr.id);
    return { keyResultId: existing.id, created: false, toCycle: existing.objective.cycle.key };
  }
}

/** "Carry forward: no" after a "yes": the draft goes, unless its owner confirmed it or checked in on it already. */
export async function withdrawCarry(deps: ServiceDeps, keyResultId: number): Promise<number> {
  return deleteUnconfirmedCarry(deps.db, keyResultId);
}

/** Asks the owner to confirm a drafted key result (once per draft). */
export async function askToConfirmCarried(
  deps: ServiceDeps,
  workspaceId: number,
  carriedKeyResultId: number,
): Promise<void> {
  const kr = await pendingCarry(deps.db, carriedKeyResultId);
  if (!kr?.owner || !kr.carriedFrom) return;
  const data = {
    keyResultId: kr.id,
    title: kr.title,
    fromCycle: kr.carriedFrom.objective.cycle.key,
    toCycle: kr.objective.cycle.key,
    baseline: kr.baseline,
    target: kr.target,
    unit: kr.unit,
    comparator: kr.comparator,
    targetText: kr.targetText,
    baselineFromCheckIn: kr.baselineFromCheckIn,
  };
  await sendOnce(
    deps,
    {
      workspaceId,
      key: `carry:${kr.id}`,
      kind: "kr_proposal",
      channel: kr.owner.slackUserId,
      recipient: kr.owner.slackUserId,
    },
    () => carryForwardMessage(data),
  );
}
