// `/okr new`, `/okr edit`, `/okr team settings` and `/okr team create`: each opens a modal at once,
// then fills it, or explains why it can't.
import { messageModal } from "../../blocks/modals";
import { EMPTY_KEY_RESULT, INITIAL_KEY_RESULT_SLOTS, keyResultModal, objectiveModal } from "../../blocks/okrForms";
import { ambiguousKeyResults } from "../../blocks/keyResultDetail";
import {
  cannotEdit,
  KEY_RESULT_GONE,
  NO_CYCLE_SHORT,
  noKeyResultMatches,
  ONLY_MANAGERS_WRITE,
  unknownTeam,
} from "../../blocks/sentences";
import { DEFAULT_TEAM_SETTINGS, teamSettingsModal } from "../../blocks/teamSettings";
import { formatNumber } from "../../domain/progress";
import { sourceDraftOf } from "../../domain/sourceDraft";
import { findKeyResult } from "../../services/keyResults";
import { openKeyResultEdit, writableTeams } from "../../services/okrWriting";
import { openTeamSettings, parentChoices, settingsOf } from "../../services/teams";
import { openThenFill } from "../openThenFill";
import type { Request } from "../request";

/** A slash command's request, with what the forms need of the command itself. */
export type CommandRequest = Request & { triggerId: string; channelId: string };

export async function openNewObjective(req: CommandRequest, teamName: string | null) {
  await openThenFill(req, req.triggerId, "New objective", async () => {
    const { teams, allTeams, cycleKey, alignTo } = await writableTeams(req.services, req.ws, req.userId);
    const wanted = teamName?.trim().toLowerCase();
    if (wanted && !allTeams.some((t) => t.toLowerCase() === wanted)) {
      return messageModal("New objective", unknownTeam(teamName!, allTeams));
    }
    const chosen = wanted
      ? teams.find((t) => t.name.toLowerCase() === wanted)
      : teams.length === 1
        ? teams[0]
        : undefined;
    if (teams.length === 0 || (wanted && !chosen)) return messageModal("New objective", ONLY_MANAGERS_WRITE);
    return objectiveModal({
      teams,
      alignTo,
      teamId: chosen?.id ?? null,
      cycleKey,
      draft: {
        title: "",
        why: "",
        ownerSlackId: req.userId,
        keyResults: Array.from({ length: INITIAL_KEY_RESULT_SLOTS }, () => EMPTY_KEY_RESULT),
      },
    });
  });
}

export async function openEditKeyResult(req: CommandRequest, ref: string) {
  await openThenFill(req, req.triggerId, "Edit key result", async () => {
    const found = await findKeyResult(req.db, req.ws, req.now, ref);
    if (found.status === "no_cycle") return messageModal("Edit key result", NO_CYCLE_SHORT);
    if (found.status === "none") return messageModal("Edit key result", noKeyResultMatches(ref));
    if (found.status === "ambiguous")
      return messageModal("Edit key result", ambiguousKeyResults(ref, found.matches, "edit"));
    const access = await openKeyResultEdit(req.services, req.ws, req.userId, found.match.status.id);
    if (access.status === "gone") return messageModal("Edit key result", KEY_RESULT_GONE);
    if (access.status === "refused")
      return messageModal("Edit key result", cannotEdit(found.match.status.id, access.reason));
    return keyResultModal({
      keyResultId: access.keyResultId,
      objectiveTitle: access.objectiveTitle,
      draft: access.draft,
      alignTo: access.alignTo,
      alignsToId: access.alignsToId,
      objectiveWeight: formatNumber(access.objectiveWeight),
      source: { choices: access.sourceChoices, draft: sourceDraftOf(access.measured) },
    });
  });
}

/** Team settings, or the reason they are refused. */
export async function openTeamSettingsModal(req: CommandRequest, teamName: string) {
  await openThenFill(req, req.triggerId, "Team settings", async () => {
    const access = await openTeamSettings(req.services, req.ws, req.userId, teamName);
    if (access.status === "ok") {
      const parents = await parentChoices(req.services, req.ws, access.team.id);
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
export async function openTeamCreate(req: CommandRequest, name: string) {
  const channel = /^[CG][A-Z0-9]+$/.test(req.channelId) ? req.channelId : null;
  await openThenFill(req, req.triggerId, "New team", async () => {
    const parents = await parentChoices(req.services, req.ws, null);
    return teamSettingsModal({
      teamId: null,
      name,
      settings: { ...DEFAULT_TEAM_SETTINGS, channelId: channel, managers: [req.userId] },
      parents,
    });
  });
}
