import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { KEY_RESULT_GONE_OR_ARCHIVED, RETRO_FORM_OUT_OF_DATE, retroSaved } from "../../blocks/sentences";
import { checkRetroDraft, type RetroDraft } from "../../domain/retroAnswers";
import { saveRetroAnswers } from "../../services/retroAnswers";
import { errorsOn, fieldError, updateView } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
import { submissionOrNotSaved } from "../trouble";
import { readMetadata } from "./parseOkrForms";

const f = IDS.retroForm;
const element = z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() });
const stateSchema = z.record(z.string(), z.record(z.string(), element));
const metadataSchema = z.object({ keyResultId: z.number().int().positive() });

function parseRetroForm(values: unknown): RetroDraft | null {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success || !(f.score in parsed.data)) return null;
  const get = (id: string) => parsed.data[id]?.[id];
  const carry = get(f.carryForward)?.selected_option?.value;
  return {
    score: get(f.score)?.value ?? "",
    worked: get(f.worked)?.value ?? "",
    didnt: get(f.didnt)?.value ?? "",
    learned: get(f.learned)?.value ?? "",
    carryForward: carry === "yes" || carry === "no" ? carry : null,
  };
}

/** Saving the retro modal; answers given after the thread was posted update its reply. */
export function registerRetroSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.retro, async (args) =>
    submissionOrNotSaved(deps.log, "saving a retro answer", args.ack, f.score, async (ack) => {
      const { view } = args;
      const draft = parseRetroForm(view.state.values);
      const metadata = readMetadata(view.private_metadata, metadataSchema);
      if (!draft || !metadata) return ack(fieldError(f.score, RETRO_FORM_OUT_OF_DATE));
      const check = checkRetroDraft(draft);
      if (!check.value) {
        const errors = Object.fromEntries(
          Object.entries(check.errors).map(([field, message]) => [f[field as keyof typeof check.errors], message]),
        );
        return ack(errorsOn(errors));
      }
      const req = requestOf(deps, args);
      const result = await saveRetroAnswers(req.services, req.ws, req.userId, metadata.keyResultId, check.value);
      if (result.status === "refused") return ack(fieldError(f.score, result.reason));
      if (result.status === "gone") return ack(fieldError(f.score, KEY_RESULT_GONE_OR_ARCHIVED));
      await ack(updateView(messageModal("Retro", retroSaved(check.value.score, result.threadUpdated, result.carried))));
    }),
  );
}
