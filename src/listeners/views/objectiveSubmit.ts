import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { fieldErrors, objectiveModal } from "../../blocks/okrForms";
import { esc } from "../../blocks/format";
import { checkObjectiveDraft, MAX_KEY_RESULT_SLOTS, warningsFingerprint } from "../../domain/okrDraft";
import { plural } from "../../domain/text";
import { createObjective, objectiveCount, writableTeams } from "../../services/okrWriting";
import { sendProposalRequests } from "../../services/proposals";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { submissionOrNotSaved } from "../trouble";
import { publishHome } from "../events/appHomeOpened";
import { parseObjectiveForm, readMetadata } from "./parseOkrForms";

const metadataSchema = z.object({
  slots: z.number().int().min(1).max(MAX_KEY_RESULT_SLOTS),
  acknowledged: z.string().max(2000).optional(),
});
const of = IDS.objectiveForm;

/**
 * Saving a new objective: errors block it with field errors; the guides' hints are shown once
 * (the same form, with hints under the fields) and a second submit with the same hints saves.
 */
export function registerObjectiveSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.newObjective, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "saving an objective", slackAck, of.title, async (ack) => {
      const form = parseObjectiveForm(view.state.values);
      if (!form)
        return void (await ack({
          response_action: "errors",
          errors: { [of.title]: "This form is out of date: close it and run `/okr new` again." },
        }));
      if (form.teamId === null)
        return void (await ack({
          response_action: "errors",
          errors: { [of.team]: "Pick the team this objective belongs to." },
        }));
      const services = serviceDeps(deps, client);
      const ws = workspaceOf(context);
      const check = checkObjectiveDraft(form.draft, await objectiveCount(services, ws, form.teamId));
      if (check.errors.length > 0 || !check.value)
        return void (await ack({ response_action: "errors", errors: fieldErrors(check.errors) }));

      const fingerprint = warningsFingerprint(check.warnings);
      const acknowledged = readMetadata(view.private_metadata, metadataSchema)?.acknowledged;
      if (check.warnings.length > 0 && acknowledged !== fingerprint) {
        const { teams, cycleKey, alignTo } = await writableTeams(services, ws, body.user.id);
        if (!teams.some((t) => t.id === form.teamId))
          return void (await ack({
            response_action: "errors",
            errors: { [of.team]: "Only the team's managers or a workspace admin can change this." },
          }));
        const hinted = objectiveModal({
          teams,
          teamId: form.teamId,
          cycleKey,
          draft: form.draft,
          warnings: check.warnings,
          acknowledged: fingerprint,
          alignTo,
          alignsToId: form.alignsToId,
        });
        return void (await ack({ response_action: "update", view: hinted }));
      }

      const result = await createObjective(services, ws, body.user.id, form.teamId, check.value, form.alignsToId);
      if (result.status === "bad_alignment")
        return void (await ack({ response_action: "errors", errors: { [of.alignsTo]: result.reason } }));
      if (result.status === "refused")
        return void (await ack({ response_action: "errors", errors: { [of.team]: result.reason } }));
      if (result.status === "duplicate_title")
        return void (await ack({
          response_action: "errors",
          errors: { [of.title]: "This team already has an objective with this title this cycle." },
        }));
      const proposed = result.proposals.length;
      await ack({
        response_action: "update",
        view: messageModal(
          "New objective",
          `:white_check_mark: Saved *${esc(check.value.title)}* with ${plural(check.value.keyResults.length, "key result")}.` +
            (proposed > 0
              ? ` ${plural(proposed, "key result")} belong${proposed === 1 ? "s" : ""} to someone else: I've asked them to accept, and until they do nobody is prompted about ${proposed === 1 ? "it" : "them"}.`
              : ""),
        ),
      });
      await sendProposalRequests(services, ws, result.proposals);
      await publishHome(services, client, ws, body.user.id);
    }),
  );
}
