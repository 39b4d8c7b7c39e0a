import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { retroModal } from "../../blocks/retroAsk";
import { KEY_RESULT_GONE_OR_ARCHIVED } from "../../blocks/sentences";
import { retroForm } from "../../services/retroAnswers";
import type { ListenerDeps } from "../deps";
import { openThenFill } from "../openThenFill";
import { requestOf } from "../request";

/** "Reflect" on a retro DM: the retro modal for that key result, if the person may answer it. */
export function registerOpenRetro(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.openRetro, async (args) => {
    const { ack, body, action } = args;
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const req = requestOf(deps, args);
    await openThenFill(req, body.trigger_id, "Retro", async () => {
      const id = Number(action.value);
      const access =
        Number.isSafeInteger(id) && id > 0
          ? await retroForm(req.services, req.ws, req.userId, id)
          : ({ status: "gone" } as const);
      if (access.status === "ok") return retroModal(access.form);
      return messageModal("Retro", access.status === "refused" ? access.reason : KEY_RESULT_GONE_OR_ARCHIVED);
    });
  });
}
