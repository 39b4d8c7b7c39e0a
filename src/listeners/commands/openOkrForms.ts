// `/okr new`, `/okr edit` and `/okr team create`: each opens a modal at once (the trigger_id is
// valid for ~3 s), then fills it, or explains why it can't.
import { esc } from "../../blocks/format";
import { loadingModal, messageModal } from "../../blocks/modals";
import { EMPTY_KEY_RESULT, INITIAL_KEY_RESULT_SLOTS, keyResultModal, objectiveModal } from "../../blocks/okrForms";
import { ambiguousKeyResults } from "../../blocks/keyResultDetail";
import { DEFAULT_TEAM_SETTINGS, teamSettingsModal } from "../../blocks/teamSettings";
import type { ModalView } from "@slack/types";
import { sourceDraftOf } from "../../domain/sourceDraft";
import { findKeyResult } from "../../services/keyResults";
import { openKeyResultEdit, writableTeams } from "../../services/okrWriting";
import { openTeamSettings, parentChoices, settingsOf } from "../../services/teams";
import type { SlackClient } from "../../slack/client";
import { serviceDeps, type ListenerDeps } from "../deps";
import { TRY_AGAIN } from "../trouble";

/** What the forms need of a slash command, and the workspace it acts on (from Bolt's context). */
export type CommandContext = { user_id: string; trigger_id: string; channel_id: string; ws: number };

async function openThenFill(
  deps: ListenerDeps,
  client: SlackClient,
  triggerId: string,
  title: string,
  fill: () => Promise<ModalView>,
) {
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(title) });
  let view: ModalView;
  try {
    view = await fill();
  } catch (err) {
    deps.log.error(`${title} failed`, err);
    view = messageModal(title, TRY_AGAIN);
  }
  await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view });
}

export async function openNewObjective(
  deps: ListenerDeps,
  client: SlackClient,
  command: CommandContext,
  teamName: string | null,
) {
  await openThenFill(deps, client, command.trigger_id, "New objective", async () => {
    const ws = command.ws;
    const { teams, allTeams, cycleKey, alignTo } = await writableTeams(serviceDeps(deps, client), ws, command.user_id);
    const wanted = teamName?.trim().toLowerCase();
    if (wanted && !allTeams.some((t) => t.toLowerCase() === wanted)) {
      return messageModal("New objective", unknownTeam(teamName!, allTeams));
    }
    const chosen = wanted
      ? teams.find((t) => t.name.toLowerCase() === wanted)
      : teams.length === 1
        ? teams[0]
        : undefined;
    if (teams.length === 0 || (wanted && !chosen)) {
      return messageModal(
        "New objective",
        "Only a team's managers or a workspace admin can write its objectives. Ask one of them, or start your own team with `/okr team create`. Anyone can see the OKRs with `/okr team <name>`.",
      );
    }
    return objectiveModal({
      teams,
      alignTo,
      teamId: chosen?.id ?? null,
      cycleKey,
      draft: {
        title: "",
        why: "",
        ownerSlackId: command.user_id,
        keyResults: Array.from({ length: INITIAL_KEY_RESULT_SLOTS }, () => EMPTY_KEY_RESULT),
      },
    });
  });
}

export async function openEditKeyResult(deps: ListenerDeps, client: SlackClient, command: CommandContext, ref: string) {
  await openThenFill(deps, client, command.trigger_id, "Edit key result", async () => {
    const services = serviceDeps(deps, client);
    const ws = command.ws;
    const found = await findKeyResult(deps.db, ws, services.now, ref);
    if (found.status === "no_cycle") return messageModal("Edit key result", "No OKR cycle is running right now.");
    if (found.status === "none")
      return messageModal(
        "Edit key result",
        `No key result this cycle matches "${esc(ref)}". \`/okr team <name>\` lists a team's.`,
      );
    if (found.status === "ambiguous")
      return messageModal("Edit key result", ambiguousKeyResults(ref, found.matches, "edit"));
    const access = await openKeyResultEdit(services, ws, command.user_id, found.match.status.id);
    if (access.status === "gone") return messageModal("Edit key result", "This key result no longer exists.");
    if (access.status === "refused")
      return messageModal("Edit key result", `You can't edit #${found.match.status.id}: ${access.reason}`);
    return keyResultModal({
      keyResultId: access.keyResultId,
      objectiveTitle: access.objectiveTitle,
      draft: access.draft,
      alignTo: access.alignTo,
      alignsToId: access.alignsToId,
      source: { choices: access.sourceChoices, draft: sourceDraftOf(access.measured) },
    });
  });
}

export function unknownTeam(name: string, teams: string[]): string {
  const known = teams.length
    ? `Teams: ${teams.map((t) => `\`${esc(t)}\``).join(", ")}.`
    : "No teams exist yet: start one with `/okr team create`.";
  return name ? `There is no team called "${esc(name)}". ${known}` : `Which team? ${known}`;
}

/** Team settings, or the reason they are refused. */
export async function openTeamSettingsModal(
  deps: ListenerDeps,
  client: SlackClient,
  command: CommandContext,
  teamName: string,
) {
  await openThenFill(deps, client, command.trigger_id, "Team settings", async () => {
    const access = await openTeamSettings(serviceDeps(deps, client), command.ws, command.user_id, teamName);
    if (access.status === "ok") {
      const parents = await parentChoices(serviceDeps(deps, client), command.ws, access.team.id);
      return teamSettingsModal({
        teamId: access.team.id,
        name: access.team.name,
        settings: settingsOf(access.team),
        parents,
      });
    }
    return messageModal(
      "Team settings",
      access.status === "refused" ? access.reason : unknownTeam(teamName, access.teams),
    );
  });
}

/** The new team form, with the teams it may belong to. */
export async function openTeamCreate(deps: ListenerDeps, client: SlackClient, command: CommandContext, name: string) {
  const channel = /^[CG][A-Z0-9]+$/.test(command.channel_id) ? command.channel_id : null;
  await openThenFill(deps, client, command.trigger_id, "New team", async () => {
    const parents = await parentChoices(serviceDeps(deps, client), command.ws, null);
    return teamSettingsModal({
      teamId: null,
      name,
      settings: { ...DEFAULT_TEAM_SETTINGS, channelId: channel, managers: [command.user_id] },
      parents,
    });
  });
}
