import type { App } from "@slack/bolt";
import { registerOpenCheckin } from "./actions/openCheckin";
import { registerPromptChoices } from "./actions/promptChoice";
import { registerOkrCommand } from "./commands/okr";
import type { ListenerDeps } from "./deps";
import { registerAppHomeOpened } from "./events/appHomeOpened";
import { registerEventDedupe } from "./dedupeEvents";
import { registerCheckinSubmit } from "./views/checkinSubmit";
import { registerTeamSettingsSubmit } from "./views/teamSettingsSubmit";

export function registerListeners(app: App, deps: ListenerDeps) {
  registerEventDedupe(app, deps);
  registerOkrCommand(app, deps);
  registerOpenCheckin(app, deps);
  registerPromptChoices(app, deps);
  registerCheckinSubmit(app, deps);
  registerTeamSettingsSubmit(app, deps);
  registerAppHomeOpened(app, deps);
}
