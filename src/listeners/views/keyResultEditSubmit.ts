import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { fieldErrors, keyResultBlockId, keyResultModal } from "../../blocks/okrForms";
import { checkKeyResultDraft, warningsFingerprint } from "../../domain/okrDraft";
import { alignObjectiveOf, openKeyResultEdit, saveKeyResultEdit } from "../../services/okrWriting";
import { sendProposalRequests } from "../../services/proposals";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { submissionOrNotSaved } from "../trouble";
import { publishHome } from "../events/appHomeOpened";
import { parseKeyResultForm, readMetadata } from "./parseOkrForms";

const metadataSchema = z.object({
  keyResultId: z.number().int().positive(),
  acknowledged: z.string().max(2000).optional(),
});
const titleBlock = keyResultBlockId("title", 0);
const alignBlock = IDS.objectiveForm.alignsTo;
/** The aligns-to select, present only for those who may change the objective. */
const alignSchema = z.object({
  [alignBlock]: z.object({
    [alignBlock]: z.object({ selected_option: z.object({ value: z.string().regex(/^\d+$/) }).nullish() }),
  }),
});

function chosenAlignment(values: unknown): number | null {
  const parsed = alignSchema.safeParse(values);
  if (!parsed.success) return null;
  const value = (parsed.data as Record<string, Record<string, { selected_option?: { value: string } | null }>>)[
    alignBlock
  ]![alignBlock]!.selected_option?.value;
  return value ? Number(value) : null;
}

/** Saving `/okr edit`: the key result id comes from private_metadata, so who may edit it is checked again here. */
export function registerKeyResultEditSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.editKeyResult, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "saving a key result", slackAck, titleBlock, async (ack) => {
      const draft = parseKeyResultForm(view.state.values);
      const metadata = readMetadata(view.private_metadata, metadataSchema);
      if (!draft || !metadata)
        return void (await ack({
          response_action: "errors",
          errors: { [titleBlock]: "This form is out of date: close it and run `/okr edit` again." },
        }));
      const services = serviceDeps(deps, client);
      const ws = workspaceOf(context);
      const check = checkKeyResultDraft(draft);
      if (check.errors.length > 0 || !check.value)
        return void (await ack({ response_action: "errors", errors: fieldErrors(check.errors) }));

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
          alignsToId: chosenAlignment(view.state.values) ?? access.alignsToId,
        });
        return void (await ack({ response_action: "update", view: hinted }));
      }

      const alignsToId = chosenAlignment(view.state.values);
      if (alignsToId !== null) {
        const aligned = await alignObjectiveOf(services, ws, body.user.id, metadata.keyResultId, alignsToId);
        if (aligned.status === "refused" || aligned.status === "bad_alignment")
          return void (await ack({ response_action: "errors", errors: { [alignBlock]: aligned.reason } }));
      }
      const result = await saveKeyResultEdit(services, ws, body.user.id, metadata.keyResultId, check.value);
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
