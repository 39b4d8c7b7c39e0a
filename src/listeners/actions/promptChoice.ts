import type { App } from "@slack/bolt";
import { promptChoiceMessage } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { isWeekKey } from "../../domain/time";
import { choosePromptAction, type PromptChoice } from "../../services/prompts";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";

/** "Snooze 1 day" and "Skip this week" on a prompt DM: the DM is replaced by what was chosen. */
export function registerPromptChoices(app: App, deps: ListenerDeps) {
  const handle = (choice: PromptChoice) =>
    app.action(
      choice === "snooze" ? IDS.actions.snooze : IDS.actions.skip,
      async ({ ack, body, action, respond, client, context }) => {
        await ack();
        if (body.type !== "block_actions" || action.type !== "button") return;
        const period = action.value ?? "";
        if (!isWeekKey(period))
          return void (await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: "This button is out of date.",
          }));
        const ws = workspaceOf(context);
        const result = await choosePromptAction(serviceDeps(deps, client), ws, body.user.id, period, choice);
        if (!result.ok)
          return void (await respond({ response_type: "ephemeral", replace_original: false, text: result.reason }));
        await respond({
          replace_original: true,
          ...promptChoiceMessage({ week: period, choice, until: result.until }),
        });
      },
    );
  handle("snooze");
  handle("skip");
}
