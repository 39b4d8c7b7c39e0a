import type { App } from "@slack/bolt";
import { promptChoiceMessage } from "../../blocks/checkin";
import { IDS } from "../../blocks/ids";
import { BUTTON_OUT_OF_DATE } from "../../blocks/sentences";
import { isWeekKey } from "../../domain/time";
import { choosePromptAction, type PromptChoice } from "../../services/prompts";
import { refuse } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";

/** "Snooze 1 day" and "Skip this week" on a prompt DM: the DM is replaced by what was chosen. */
export function registerPromptChoices(app: App, deps: ListenerDeps) {
  const handle = (choice: PromptChoice) =>
    app.action(choice === "snooze" ? IDS.actions.snooze : IDS.actions.skip, async (args) => {
      const { ack, body, action, respond } = args;
      await ack();
      if (body.type !== "block_actions" || action.type !== "button") return;
      const period = action.value ?? "";
      if (!isWeekKey(period)) return refuse(respond, BUTTON_OUT_OF_DATE);
      const req = requestOf(deps, args);
      const result = await choosePromptAction(req.services, req.ws, req.userId, period, choice);
      if (!result.ok) return refuse(respond, result.reason);
      await respond({ replace_original: true, ...promptChoiceMessage({ week: period, choice, until: result.until }) });
    });
  handle("snooze");
  handle("skip");
}
