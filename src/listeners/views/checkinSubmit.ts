import type { App } from "@slack/bolt";
import { checkinModal, type CheckinModalMetadata } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { checkinForm, markPromptAnswered, NotAllowedError, recordCheckins } from "../../services/checkins";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { publishHome } from "../events/appHomeOpened";
import { formError, NOT_SAVED } from "../trouble";
import { parseCheckinSubmission } from "./parseCheckinSubmission";

export function registerCheckinSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.checkin, async ({ ack, body, view, client, context }) => {
    const submission = parseCheckinSubmission(view.state.values);
    if (!submission.ok) {
      if (Object.keys(submission.errors).length > 0)
        return void (await ack({ response_action: "errors", errors: submission.errors }));
      return void (await ack(formError(view, "This form is out of date: close it and open the check-in again.")));
    }
    const services = serviceDeps(deps, client);
    const ws = workspaceOf(context);
    let result: Awaited<ReturnType<typeof recordCheckins>>;
    try {
      // Stored before the ack: when the modal closes, the check-in is saved.
      result = await recordCheckins(services, ws, body.user.id, submission.entries, {
        confirmed: submission.confirmed,
        formPeriod: formPeriod(view.private_metadata),
      });
    } catch (err) {
      if (err instanceof NotAllowedError) return void (await ack(formError(view, err.message)));
      // Not stored (the transaction rolled back): say so in the form, which stays open with what they typed.
      deps.log.error("storing a check-in failed", err);
      return void (await ack(formError(view, NOT_SAVED)));
    }
    if (result.status === "needs_confirmation") {
      // Show the same form again, with what they typed and a "yes, that's right" under each jump.
      const form = await checkinForm(services, ws, body.user.id);
      if (!form) return void (await ack());
      const view = checkinModal({ ...form, drafts: submission.drafts, confirm: new Set(result.keyResultIds) });
      return void (await ack({ response_action: "update", view }));
    }
    await ack();
    deps.afterAck.add("updating the prompt and the Home tab after a check-in", async () => {
      await markPromptAnswered(services, ws, body.user.id, result);
      await publishHome(services, client, ws, body.user.id);
    });
  });
}

/** The period the form was opened for; only ever honoured if it is the current or the previous one. */
function formPeriod(privateMetadata: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(privateMetadata ?? "") as Partial<CheckinModalMetadata>;
    return typeof parsed.week === "string" ? parsed.week : undefined;
  } catch {
    return undefined;
  }
}
