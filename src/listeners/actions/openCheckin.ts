import type { App } from "@slack/bolt";
import { checkinModal } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { loadingModal, messageModal } from "../../blocks/modals";
import { checkinForm } from "../../services/checkins";
import type { SlackClient } from "../../slack/client";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { TRY_AGAIN } from "../trouble";

/**
 * Opens a loading modal before anything else (the trigger_id is valid for ~3 s), then fills it
 * with the current period's form — also when the button clicked belongs to an older prompt.
 */
export async function openCheckinModal(
  deps: ListenerDeps,
  client: SlackClient,
  ws: number,
  userId: string,
  triggerId: string,
) {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal("Weekly check-in") });
  let view: ReturnType<typeof checkinModal>;
  try {
    const form = await checkinForm(serviceDeps(deps, client), ws, userId);
    view = form
      ? checkinModal(form)
      : messageModal(
          "Weekly check-in",
          "You own no key results in the current cycle, so there is nothing to check in.",
        );
  } catch (err) {
    deps.log.error("opening the check-in form failed", err);
    view = messageModal("Weekly check-in", TRY_AGAIN);
  }
  await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view });
}

export function registerOpenCheckin(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.openCheckin, async ({ ack, body, client, context }) => {
    await ack();
    if (body.type !== "block_actions") return;
    await openCheckinModal(deps, client, workspaceOf(context), body.user.id, body.trigger_id);
  });
}
