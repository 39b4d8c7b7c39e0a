import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { proposalAccepted } from "../../blocks/proposal";
import { acceptKeyResult } from "../../services/okrWriting";
import { proposalData } from "../../services/proposals";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { publishHome } from "../events/appHomeOpened";

/** "Accept" on a proposal DM. The key result id in the button is checked against the database and the person clicking. */
export function registerAcceptKeyResult(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.acceptKeyResult, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    if (body.type !== "block_actions" || action.type !== "button") return;
    const id = Number(action.value);
    const refuse = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });
    if (!Number.isSafeInteger(id) || id <= 0) return void (await refuse("This button is out of date."));
    const services = serviceDeps(deps, client);
    const ws = workspaceOf(context);
    const result = await acceptKeyResult(services, ws, body.user.id, id);
    if (result.status === "gone") return void (await refuse("This key result no longer exists, or was archived."));
    if (result.status === "refused") return void (await refuse(`You can't accept #${id}: ${result.reason}`));
    const data = await proposalData(services, ws, id);
    if (data) await respond({ replace_original: true, ...proposalAccepted(data) });
    await publishHome(services, client, ws, body.user.id);
  });
}
