// Asking owners to accept key results someone else wrote for them: one DM per proposal, sent once.
import type { ProposalData } from "../blocks/proposal";
import { proposalMessage } from "../blocks/proposal";
import { checkInCount } from "../db/checkIns";
import { keyResultWithProposer, pendingKeyResult } from "../db/keyResults";
import { isComparator } from "../domain/targets";
import type { ServiceDeps } from "./deps";
import type { Proposal } from "./okrWriting";
import { sendOnce } from "./outbox";

export async function proposalData(
  deps: ServiceDeps,
  workspaceId: number,
  keyResultId: number,
): Promise<ProposalData | null> {
  const kr = await keyResultWithProposer(deps.db, workspaceId, keyResultId);
  if (!kr) return null;
  return {
    keyResultId: kr.id,
    title: kr.title,
    objectiveTitle: kr.objective.title,
    teamName: kr.objective.team.name,
    proposerSlackId: kr.proposedBy?.slackUserId ?? null,
    baseline: kr.baseline,
    target: kr.target,
    unit: kr.unit,
    measuredBy: kr.measuredBy,
    comparator: isComparator(kr.comparator) ? kr.comparator : null,
    targetText: kr.targetText,
    baselineFromCheckIn: kr.baselineFromCheckIn && (await checkInCount(deps.db, kr.id)) === 0,
  };
}

/** DMs each proposal's owner an "Accept" button. A failed DM is logged; the proposal stays pending and visible in the digest. */
export async function sendProposalRequests(
  deps: ServiceDeps,
  workspaceId: number,
  proposals: readonly Proposal[],
): Promise<void> {
  for (const { keyResultId } of proposals) {
    try {
      const kr = await pendingKeyResult(deps.db, keyResultId);
      const data = await proposalData(deps, workspaceId, keyResultId);
      if (!kr?.owner || !kr.pendingSince || !data) continue;
      const outcome = await sendOnce(
        deps,
        {
          workspaceId,
          key: `proposal:${kr.id}:${kr.owner.slackUserId}:${kr.pendingSince.getTime()}`,
          kind: "kr_proposal",
          channel: kr.owner.slackUserId,
          recipient: kr.owner.slackUserId,
        },
        () => proposalMessage(data),
      );
      if (outcome.status === "failed" || outcome.status === "deferred")
        deps.log.warn(`proposal DM for key result ${kr.id} failed: ${outcome.error ?? "unknown error"}`);
    } catch (err) {
      deps.log.error(`proposal DM for key result ${keyResultId} failed`, err);
    }
  }
}
