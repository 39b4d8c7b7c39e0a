import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { proposalAccepted } from "../../blocks/proposal";
import { BUTTON_OUT_OF_DATE, cannotAccept, KEY_RESULT_GONE_OR_ARCHIVED } from "../../blocks/sentences";
import { acceptKeyResult } from "../../services/okrWriting";
import { proposalData } from "../../services/proposals";
import { refuse } from "../answers";
import type { ListenerDeps } from "../deps";
import { publishHome } from "../events/appHomeOpened";
import { requestOf } from "../request";

/** "Accept" on a proposal DM. The key result id in the button is checked against the database and the person clicking. */
export function registerAcceptKeyResult(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.acceptKeyResult, async (args) => {
    const { ack, body, action, respond } = args;
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const id = Number(action.value);
    if (!Number.isSafeInteger(id) || id <= 0) return refuse(respond, BUTTON_OUT_OF_DATE);
    const req = requestOf(deps, args);
    const result = await acceptKeyResult(req.services, req.ws, req.userId, id);
    if (result.status === "gone") return refuse(respond, KEY_RESULT_GONE_OR_ARCHIVED);
    if (result.status === "refused") return refuse(respond, cannotAccept(id, result.reason));
    const data = await proposalData(req.services, req.ws, id);
    if (data) await respond({ replace_original: true, ...proposalAccepted(data) });
    await publishHome(req);
  });
}
