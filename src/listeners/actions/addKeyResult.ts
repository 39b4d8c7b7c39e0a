import type { App } from "@slack/bolt";
import { EMPTY_KEY_RESULT, objectiveModal } from "../../blocks/okrForms";
import { IDS } from "../../blocks/ids";
import { MAX_KEY_RESULT_SLOTS } from "../../domain/okrDraft";
import { writableTeams } from "../../services/okrWriting";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
import { parseObjectiveForm } from "../views/parseOkrForms";

/** "Add a key result" in the new-objective modal: the same form with one more slot, keeping what was typed. */
export function registerAddKeyResult(app: App, deps: ListenerDeps) {
  app.action(IDS.actions.addKeyResult, async (args) => {
    const { ack, body } = args;
    await ack();
    if (body.type !== "block_actions" || !body.view) return;
    const form = parseObjectiveForm(body.view.state?.values ?? {});
    if (!form || form.draft.keyResults.length >= MAX_KEY_RESULT_SLOTS) return;
    const req = requestOf(deps, args);
    const { teams, cycleKey, alignTo } = await writableTeams(req.services, req.ws, req.userId);
    if (teams.length === 0) return; // no longer a manager of any team: submitting will say so
    const draft = { ...form.draft, keyResults: [...form.draft.keyResults, EMPTY_KEY_RESULT] };
    // The hash makes Slack refuse this update if the form changed in between (e.g. a double click).
    await req.client.views.update({
      view_id: body.view.id,
      hash: body.view.hash,
      view: objectiveModal({ teams, teamId: form.teamId, cycleKey, draft, alignTo, alignsToId: form.alignsToId }),
    });
  });
}
