import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { fieldErrors, objectiveModal } from "../../blocks/okrForms";
import {
  DUPLICATE_OBJECTIVE,
  OBJECTIVE_FORM_OUT_OF_DATE,
  objectiveSaved,
  ONLY_MANAGERS_CHANGE,
  PICK_A_TEAM,
} from "../../blocks/sentences";
import { checkObjectiveDraft, MAX_KEY_RESULT_SLOTS, warningsFingerprint } from "../../domain/okrDraft";
import { createObjective, objectiveCount, writableTeams } from "../../services/okrWriting";
import { sendProposalRequests } from "../../services/proposals";
import { fieldError, errorsOn, updateView } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
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
  app.view(IDS.views.newObjective, async (args) =>
    submissionOrNotSaved(deps.log, "saving an objective", args.ack, of.title, async (ack) => {
      const { view } = args;
      const form = parseObjectiveForm(view.state.values);
      if (!form) return ack(fieldError(of.title, OBJECTIVE_FORM_OUT_OF_DATE));
      if (form.teamId === null) return ack(fieldError(of.team, PICK_A_TEAM));
      const req = requestOf(deps, args);
      const { services, ws } = req;
      const check = checkObjectiveDraft(form.draft, await objectiveCount(services, ws, form.teamId));
      if (check.errors.length > 0 || !check.value) return ack(errorsOn(fieldErrors(check.errors)));

      const fingerprint = warningsFingerprint(check.warnings);
      const acknowledged = readMetadata(view.private_metadata, metadataSchema)?.acknowledged;
      if (check.warnings.length > 0 && acknowledged !== fingerprint) {
        const { teams, cycleKey, alignTo } = await writableTeams(services, ws, req.userId);
        if (!teams.some((t) => t.id === form.teamId)) return ack(fieldError(of.team, ONLY_MANAGERS_CHANGE));
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
        return ack(updateView(hinted));
      }

      const result = await createObjective(services, ws, req.userId, form.teamId, check.value, form.alignsToId);
      if (result.status === "bad_alignment") return ack(fieldError(of.alignsTo, result.reason));
      if (result.status === "refused") return ack(fieldError(of.team, result.reason));
      if (result.status === "duplicate_title") return ack(fieldError(of.title, DUPLICATE_OBJECTIVE));
      const saved = objectiveSaved(check.value.title, check.value.keyResults.length, result.proposals.length);
      await ack(updateView(messageModal("New objective", saved)));
      await sendProposalRequests(services, ws, result.proposals);
      await publishHome(req);
    }),
  );
}
