import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { fieldErrors, keyResultBlockId, keyResultModal } from "../../blocks/okrForms";
import { DUPLICATE_KEY_RESULT, KEY_RESULT_FORM_OUT_OF_DATE, KEY_RESULT_GONE } from "../../blocks/sentences";
import { sourceFieldErrors } from "../../blocks/sourceFields";
import { checkKeyResultDraft, parseWeightInput, warningsFingerprint } from "../../domain/okrDraft";
import { formatNumber } from "../../domain/progress";
import { sourceDraftOf } from "../../domain/sourceDraft";
import { checkMeasured, measuredNow } from "../../services/keyResultSources";
import { alignObjectiveOf, openKeyResultEdit, saveKeyResultEdit } from "../../services/okrWriting";
import { sendProposalRequests } from "../../services/proposals";
import { fieldError, errorsOn, updateView } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
import { submissionOrNotSaved } from "../trouble";
import { publishHome } from "../events/appHomeOpened";
import {
  keyResultFormMetadata,
  parseAlignChoice,
  parseKeyResultForm,
  parseObjectiveWeight,
  parseSourceForm,
  readMetadata,
} from "./parseOkrForms";

const titleBlock = keyResultBlockId("title", 0);
const alignBlock = IDS.objectiveForm.alignsTo;
const weightBlock = IDS.objectiveForm.weight;

/** Saving `/okr edit`: the key result id comes from private_metadata, so who may edit it is checked again here. */
export function registerKeyResultEditSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.editKeyResult, async (args) =>
    submissionOrNotSaved(deps.log, "saving a key result", args.ack, titleBlock, async (ack) => {
      const { view } = args;
      const draft = parseKeyResultForm(view.state.values);
      const sourceDraft = parseSourceForm(view.state.values);
      const metadata = readMetadata(view.private_metadata, keyResultFormMetadata);
      if (!draft || !metadata) return ack(fieldError(titleBlock, KEY_RESULT_FORM_OUT_OF_DATE));
      const req = requestOf(deps, args);
      const { services, ws, userId } = req;
      const check = checkKeyResultDraft(draft);
      // The objective's weight, when the form shows it (beside "Its objective serves").
      const typedWeight = parseObjectiveWeight(view.state.values);
      const objectiveWeight = typedWeight === null ? null : parseWeightInput(typedWeight);
      // A form without "Measured from" (no sources) leaves the key result's source as it is.
      const measured = sourceDraft
        ? checkMeasured(services, sourceDraft, await measuredNow(services, ws, metadata.keyResultId))
        : null;
      const errors = {
        ...(measured && !measured.ok
          ? sourceFieldErrors(measured.problems, new Set(Object.keys(view.state.values)))
          : {}),
        ...fieldErrors(check.errors),
        ...(objectiveWeight && !objectiveWeight.ok ? { [weightBlock]: objectiveWeight.message } : {}),
      };
      if (Object.keys(errors).length > 0 || !check.value) return ack(errorsOn(errors));

      const fingerprint = warningsFingerprint(check.warnings);
      if (check.warnings.length > 0 && metadata.acknowledged !== fingerprint) {
        const access = await openKeyResultEdit(services, ws, userId, metadata.keyResultId);
        if (access.status !== "ok")
          return ack(fieldError(titleBlock, access.status === "refused" ? access.reason : KEY_RESULT_GONE));
        const hinted = keyResultModal({
          keyResultId: access.keyResultId,
          objectiveTitle: access.objectiveTitle,
          draft,
          warnings: check.warnings,
          acknowledged: fingerprint,
          alignTo: access.alignTo,
          alignsToId: parseAlignChoice(view.state.values) ?? access.alignsToId,
          objectiveWeight: typedWeight ?? formatNumber(access.objectiveWeight),
          source: { choices: access.sourceChoices, draft: sourceDraft ?? sourceDraftOf(access.measured) },
        });
        return ack(updateView(hinted));
      }

      const alignsToId = parseAlignChoice(view.state.values);
      const weight = objectiveWeight?.ok ? objectiveWeight.value : undefined;
      if (alignsToId !== null || weight !== undefined) {
        const aligned = await alignObjectiveOf(services, ws, userId, metadata.keyResultId, {
          alignsToId,
          ...(weight !== undefined ? { weight } : {}),
        });
        if (aligned.status === "refused" || aligned.status === "bad_alignment")
          return ack(fieldError(alignBlock, aligned.reason));
      }
      const result = await saveKeyResultEdit(
        services,
        ws,
        userId,
        metadata.keyResultId,
        check.value,
        measured?.ok ? measured.value : undefined,
      );
      if (result.status === "refused") return ack(fieldError(titleBlock, result.reason));
      if (result.status === "gone") return ack(fieldError(titleBlock, KEY_RESULT_GONE));
      if (result.status === "duplicate_title") return ack(fieldError(titleBlock, DUPLICATE_KEY_RESULT));
      await ack();
      if (result.proposal) await sendProposalRequests(services, ws, [result.proposal]);
      await publishHome(req);
    }),
  );
}
