import type { App } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { keyResultModal } from "../../blocks/okrForms";
import { SOURCE_BLOCKS } from "../../blocks/sourceFields";
import { checkKeyResultDraft } from "../../domain/okrDraft";
import { formatNumber } from "../../domain/progress";
import { tryMeasured } from "../../services/keyResultSources";
import { openKeyResultEdit } from "../../services/okrWriting";
import { slackErrorCode } from "../../slack/client";
import type { ListenerDeps } from "../deps";
import { requestOf, type Request } from "../request";
import {
  keyResultFormMetadata,
  parseAlignChoice,
  parseObjectiveWeight,
  parseKeyResultForm,
  parseSourceForm,
  readMetadata,
} from "../views/parseOkrForms";

type OpenView = { id: string; hash: string; private_metadata?: string; state?: { values?: unknown } };

/**
 * The `/okr edit` form again with everything as typed: after a source is picked (its field changes
 * with its kind), or with what "Try it" read. Who may edit the key result is checked again: only
 * they may make the bot read its source.
 */
async function refreshEditForm(req: Request, view: OpenView, tryIt: boolean): Promise<void> {
  const values = view.state?.values ?? {};
  const draft = parseKeyResultForm(values);
  const source = parseSourceForm(values);
  const metadata = readMetadata(view.private_metadata, keyResultFormMetadata);
  if (!draft || !source || !metadata) return;
  const access = await openKeyResultEdit(req.services, req.ws, req.userId, metadata.keyResultId);
  if (access.status !== "ok") return; // saving says why
  const tried = tryIt ? await tryMeasured(req.services, source, access.measured, draft.unit.trim() || null) : undefined;
  const modal = keyResultModal({
    keyResultId: access.keyResultId,
    objectiveTitle: access.objectiveTitle,
    draft,
    // The guides' hints stay on a form that shows them.
    ...(metadata.acknowledged
      ? { warnings: checkKeyResultDraft(draft).warnings, acknowledged: metadata.acknowledged }
      : {}),
    alignTo: access.alignTo,
    alignsToId: parseAlignChoice(values) ?? access.alignsToId,
    objectiveWeight: parseObjectiveWeight(values) ?? formatNumber(access.objectiveWeight),
    source: { choices: access.sourceChoices, draft: source, ...(tried ? { tried } : {}) },
  });
  try {
    // The hash makes Slack refuse this update if the form changed in between (another pick, a double click).
    await req.client.views.update({ view_id: view.id, hash: view.hash, view: modal });
  } catch (err) {
    const code = slackErrorCode(err);
    // Changed in between, or closed (saved or cancelled) while a slow source was read: nothing to show.
    if (code === "hash_conflict" || code === "not_found")
      req.log.info(`the key result form was not updated (${code}): it changed or closed in between`);
    else throw err;
  }
}

/** Picking a source in `/okr edit` and "Try it" under it. */
export function registerKeyResultSource(app: App, deps: ListenerDeps) {
  for (const actionId of [SOURCE_BLOCKS.source, IDS.actions.trySource]) {
    app.action(actionId, async (args) => {
      const { ack, body } = args;
      await ack();
      if (body.type !== "block_actions" || !body.view) return;
      await refreshEditForm(requestOf(deps, args), body.view, actionId === IDS.actions.trySource);
    });
  }
}
