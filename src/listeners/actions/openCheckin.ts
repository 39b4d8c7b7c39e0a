import type { App } from "@slack/bolt";
import { checkinModal } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { NOTHING_TO_CHECK_IN } from "../../blocks/sentences";
import { checkinForm } from "../../services/checkins";
import type { ListenerDeps } from "../deps";
import { openThenFill } from "../openThenFill";
import { requestOf, type Request } from "../request";

/** The current period's check-in form, also when the button clicked belongs to an older prompt. */
export async function openCheckinModal(req: Request, triggerId: string) {
  await openThenFill(req, triggerId, "Weekly check-in", async () => {
    const form = await checkinForm(req.services, req.ws, req.userId);
    return form ? checkinModal(form) : messageModal("Weekly check-in", NOTHING_TO_CHECK_IN);
  });
}

export function registerOpenCheckin(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.openCheckin, async (args) => {
    const { ack, body } = args;
    await ack();
    if (body.type !== "block_actions") return;
    await openCheckinModal(requestOf(deps, args), body.trigger_id);
  });
}
