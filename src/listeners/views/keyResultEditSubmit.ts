import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { fieldErrors, keyResultBlockId, keyResultModal } from "../../blocks/okrForms";
import { sourceFieldErrors } from "../../blocks/sourceFields";
import { checkKeyResultDraft, warningsFingerprint } from "../../domain/okrDraft";
import { sourceDraftOf } from "../../domain/sourceDraft";
import { checkMeasured, measuredNow } from "../../services/keyResultSources";
import { alignObjectiveOf, openKeyResultEdit, saveKeyResultEdit } from "../../services/okrWriting";
import { sendProposalRequests } from "../../services/proposals";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { submissionOrNotSaved } from "../trouble";
import { publishHome } from "../events/appHomeOpened";
import {
  keyResultFormMetadata,
  parseAlignChoice,
  parseKeyResultForm,
  parseSourceForm,
  readMetadata,
} from "./parseOkrForms";

const titleBlock = keyResultBlockId("title", 0);
const alignBlock = IDS.objectiveForm.alignsTo;

/** Saving `/okr edit`: the key result id comes from private_metadata, so who may edit it is checked again here. */
export function registerKeyResultEditSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.editKeyResult, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "saving a key result", slackAck, titleBlock, async (ack) => {
      const draft = parseKeyResultForm(view.state.values);
      const sourceDraft = parseSourceForm(view.state.values);
      const metadata = readMetadata(view.private_metadata, keyResultFormMetadata);
      if (!draft || !metadata)
        return void (await ack({
          response_action: "errors",
          errors: { [titleBlock]: "This form is out of date: close it and run `/okr edit` again." },
        }));
      const services = serviceDeps(deps, client);
      const ws = workspaceOf(context);
      const check = checkKeyResultDraft(draft);
      // A form without "Measured from" (no sources) leaves the key result's source as it is.
      const measured = sourceDraft
        ? checkMeasured(services, sourceDraft, await measuredNow(services, ws, metadata.keyResultId))
        : null;
      const errors = {
        ...(measured && !measured.ok
          ? sourceFieldErrors(measured.problems, new Set(Object.keys(view.state.values)))
          : {}),
        ...fieldErrors(check.errors),
      };
      if (Object.keys(errors).length > 0 || !check.value)
        return void (await ack({ response_action: "errors", errors }));

      const fingerprint = warningsFingerprint(check.warnings);
      if (check.warnings.length > 0 && metadata.acknowledged !== fingerprint) {
        const access = await openKeyResultEdit(services, ws, body.user.id, metadata.keyResultId);
        if (access.status !== "ok")
          return void (await ack({
            response_action: "errors",
            errors: { [titleBlock]: access.status === "refused" ? access.reason : "This key result no longer exists." },
          }));
        const hinted = keyResultModal({
          keyResultId: access.keyResultId,
          objectiveTitle: access.objectiveTitle,
          draft,
          warnings: check.warnings,
          acknowledged: fingerprint,
          alignTo: access.alignTo,
          alignsToId: parseAlignChoice(view.state.values) ?? access.alignsToId,
          source: { choices: access.sourceChoices, draft: sourceDraft ?? sourceDraftOf(access.measured) },
        });
        return void (await ack({ response_action: "update", view: hinted }));
      }

      const alignsToId = parseAlignChoice(view.state.values);
      if (alignsToId !== null) {
        const aligned = await alignObjectiveOf(services, ws, body.user.id, metadata.keyResultId, alignsToId);
        if (aligned.status === "refused" || aligned.status === "bad_alignment")
          return void (await ack({ response_action: "errors", errors: { [alignBlock]: aligned.reason } }));
      }
      const result = await saveKeyResultEdit(
        services,
        ws,
        body.user.id,
        metadata.keyResultId,
        check.value,
        measured?.ok ? measured.value : undefined,
      );
      if (result.status === "refused")
        return void (await ack({ response_action: "errors", errors: { [titleBlock]: result.reason } }));
      if (result.status === "gone")
        return void (await ack({
          response_action: "errors",
          errors: { [titleBlock]: "This key result no longer exists." },
        }));
      if (result.status === "duplicate_title")
        return void (await ack({
          response_action: "errors",
          errors: { [titleBlock]: "Another key result of this objective has this title." },
        }));
      await ack();
      if (result.proposal) await sendProposalRequests(services, ws, [result.proposal]);
      await publishHome(services, client, ws, body.user.id);
    }),
  );
}
