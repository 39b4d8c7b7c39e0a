import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { loadingModal, messageModal } from "../../blocks/modals";
import { retroModal } from "../../blocks/retroAsk";
import { retroForm } from "../../services/retroAnswers";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";

/** "Reflect" on a retro DM: the retro modal for that key result, if the person may answer it. */
export function registerOpenRetro(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.openRetro, async ({ ack, body, action, client, context }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: loadingModal("Retro") });
    const id = Number(action.value);
    const ws = workspaceOf(context);
    const access =
      Number.isSafeInteger(id) && id > 0
        ? await retroForm(serviceDeps(deps, client), ws, body.user.id, id)
        : ({ status: "gone" } as const);
    const view =
      access.status === "ok"
        ? retroModal(access.form)
        : messageModal(
            "Retro",
            access.status === "refused" ? access.reason : "This key result no longer exists, or was archived.",
          );
    await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view });
  });
}
