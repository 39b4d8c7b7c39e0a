// Who manages a team and who co-owns a key result, replaced as a whole (import, forms).
import { ensurePerson } from "./people";
import type { Tx } from "./types";

export async function replaceManagers(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  slackUserIds: readonly string[],
): Promise<void> {
  await tx.teamManager.deleteMany({ where: { teamId } });
  for (const slackUserId of new Set(slackUserIds)) {
    await tx.teamManager.create({ data: { teamId, personId: (await ensurePerson(tx, workspaceId, slackUserId)).id } });
  }
}

export async function replaceCoOwners(
  tx: Tx,
  workspaceId: number,
  keyResultId: number,
  slackUserIds: readonly string[],
): Promise<void> {
  await tx.keyResultCoOwner.deleteMany({ where: { keyResultId } });
  for (const slackUserId of new Set(slackUserIds)) {
    await tx.keyResultCoOwner.create({
      data: { keyResultId, personId: (await ensurePerson(tx, workspaceId, slackUserId)).id },
    });
  }
}
