import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { messageModal } from "../../blocks/modals";
import { esc } from "../../blocks/format";
import { checkRetroDraft, type RetroDraft } from "../../domain/retroAnswers";
import { saveRetroAnswers } from "../../services/retroAnswers";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
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
  app.view(IDS.views.retro, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "saving a retro answer", slackAck, f.score, async (ack) => {
      const draft = parseRetroForm(view.state.values);
      const metadata = readMetadata(view.private_metadata, metadataSchema);
      if (!draft || !metadata)
        return void (await ack({
          response_action: "errors",
          errors: { [f.score]: "This form is out of date: open it again from the retro DM." },
        }));
      const check = checkRetroDraft(draft);
      if (!check.value) {
        const errors = Object.fromEntries(
          Object.entries(check.errors).map(([field, message]) => [f[field as keyof typeof check.errors], message]),
        );
        return void (await ack({ response_action: "errors", errors }));
      }
      const services = serviceDeps(deps, client);
      const ws = workspaceOf(context);
      const result = await saveRetroAnswers(services, ws, body.user.id, metadata.keyResultId, check.value);
      if (result.status === "refused")
        return void (await ack({ response_action: "errors", errors: { [f.score]: result.reason } }));
      if (result.status === "gone")
        return void (await ack({
          response_action: "errors",
          errors: { [f.score]: "This key result no longer exists, or was archived." },
        }));
      const carried = result.carried
        ? ` It is drafted into ${esc(result.carried.toCycle)} as #${result.carried.keyResultId}: confirm its target in the DM I sent.`
        : "";
      await ack({
        response_action: "update",
        view: messageModal(
          "Retro",
          `:white_check_mark: Saved, score *${check.value.score.toFixed(1)}*.${result.threadUpdated ? " The retro thread shows it." : ""}${carried}`,
        ),
      });
    }),
  );
}
