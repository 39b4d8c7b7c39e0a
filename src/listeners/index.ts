import type { App } from "@slack/bolt";
import { registerAcceptKeyResult } from "./actions/acceptKeyResult";
import { registerAddKeyResult } from "./actions/addKeyResult";
import { registerOpenCheckin } from "./actions/openCheckin";
import { registerOpenRetro } from "./actions/openRetro";
import { registerPromptChoices } from "./actions/promptChoice";
import { registerShowSourceQuery } from "./actions/showSourceQuery";
import { registerOkrCommand } from "./commands/okr";
import type { ListenerDeps } from "./deps";
import { registerAppHomeOpened } from "./events/appHomeOpened";
import { registerUninstalled } from "./events/uninstalled";
import { registerEventDedupe } from "./dedupeEvents";
import { registerRequestWorkspace } from "./requestWorkspace";
import { registerCheckinSubmit } from "./views/checkinSubmit";
import { registerKeyResultEditSubmit } from "./views/keyResultEditSubmit";
import { registerObjectiveSubmit } from "./views/objectiveSubmit";
import { registerRetroSubmit } from "./views/retroSubmit";
import { registerTeamCreateSubmit, registerTeamSettingsSubmit } from "./views/teamSettingsSubmit";

export function registerListeners(app: App, deps: ListenerDeps) {
  registerRequestWorkspace(app, deps);
  registerEventDedupe(app, deps);
  registerOkrCommand(app, deps);
  registerOpenCheckin(app, deps);
  registerPromptChoices(app, deps);
  registerShowSourceQuery(app, deps);
  registerCheckinSubmit(app, deps);
  registerTeamSettingsSubmit(app, deps);
  registerTeamCreateSubmit(app, deps);
  registerObjectiveSubmit(app, deps);
  registerKeyResultEditSubmit(app, deps);
  registerAddKeyResult(app, deps);
  registerAcceptKeyResult(app, deps);
  registerOpenRetro(app, deps);
  registerRetroSubmit(app, deps);
  registerAppHomeOpened(app, deps);
  registerUninstalled(app, deps);
}
