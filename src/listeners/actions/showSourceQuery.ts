import type { App } from "@slack/bolt";
import { sourceQueryModal } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { keyResultSourceText } from "../../services/measure";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";

/** The check-in modal's "Query" button: pushes a view with what the key result's value is read with. */
export function registerShowSourceQuery(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.showSourceQuery, async (args) => {
    const { ack, body, action } = args;
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const id = Number(action.value);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    const req = requestOf(deps, args);
    const source = await keyResultSourceText(req.db, req.ws, id);
    if (!source) return;
    await req.client.views.push({ trigger_id: body.trigger_id, view: sourceQueryModal(source) });
  });
}
