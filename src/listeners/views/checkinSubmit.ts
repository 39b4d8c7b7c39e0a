import type { App } from "@slack/bolt";
import { checkinModal, type CheckinModalMetadata } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { CHECKIN_FORM_OUT_OF_DATE, NOT_SAVED } from "../../blocks/sentences";
import { checkinForm, markPromptAnswered, NotAllowedError, recordCheckins } from "../../services/checkins";
import { errorsOn, updateView } from "../answers";
import type { ListenerDeps } from "../deps";
import { publishHome } from "../events/appHomeOpened";
import { requestOf } from "../request";
import { formError } from "../trouble";
import { parseCheckinSubmission } from "./parseCheckinSubmission";

export function registerCheckinSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.checkin, async (args) => {
    const { ack, view } = args;
    const submission = parseCheckinSubmission(view.state.values);
    if (!submission.ok) {
      if (Object.keys(submission.errors).length > 0) return ack(errorsOn(submission.errors));
      return ack(formError(view, CHECKIN_FORM_OUT_OF_DATE));
    }
    const req = requestOf(deps, args);
    let result: Awaited<ReturnType<typeof recordCheckins>>;
    try {
      // Stored before the ack: when the modal closes, the check-in is saved.
      result = await recordCheckins(req.services, req.ws, req.userId, submission.entries, {
        confirmed: submission.confirmed,
        formPeriod: formPeriod(view.private_metadata),
      });
    } catch (err) {
      if (err instanceof NotAllowedError) return ack(formError(view, err.message));
      // Not stored (the transaction rolled back): say so in the form, which stays open with what they typed.
      req.log.error("storing a check-in failed", err);
      return ack(formError(view, NOT_SAVED));
    }
    if (result.status === "needs_confirmation") {
      // Show the same form again, with what they typed and a "yes, that's right" under each jump.
      const form = await checkinForm(req.services, req.ws, req.userId);
      if (!form) return ack();
      return ack(
        updateView(checkinModal({ ...form, drafts: submission.drafts, confirm: new Set(result.keyResultIds) })),
      );
    }
    await ack();
    // Keyed: a person's check-ins in a row (a burst, several forms) need one update of each.
    const { week } = result;
    req.afterAck.addOnce(`checked-in:${req.ws}:${req.userId}:${week}`, "updating the prompt after a check-in", (memo) =>
      markPromptAnswered({ ...req.services, memo }, req.ws, req.userId, week),
    );
    req.afterAck.addOnce(`home:${req.ws}:${req.userId}`, "refreshing the Home tab after a check-in", (memo) =>
      publishHome({ ...req, services: { ...req.services, memo } }),
    );
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
