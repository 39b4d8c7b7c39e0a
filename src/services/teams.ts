// Team settings in Slack (`/okr team settings`): who may change them, and saving them.
import type { TeamSettings } from "../blocks/teamSettings";
import { isCadence } from "../domain/periods";
import { decide, type Decision } from "../domain/permissions";
import { ensurePerson } from "../db/people";
import {
  createTeamWithManagers,
  updateTeamSettings,
  teamTreeOf,
  teamsOf,
  teamsWithManagersOf,
  teamWithManagers,
  type TeamWithManagers,
} from "../db/teams";
import { isUniqueViolation } from "../db/types";
import type { ServiceDeps } from "./deps";
import { actor } from "./keyResults";
import { refreshProfile } from "./people";
import { eligibleParents } from "../domain/tree";

export function settingsOf(team: TeamWithManagers): TeamSettings {
  return {
    channelId: team.channelId,
    managers: team.managers.map((m) => m.person.slackUserId),
    checkinDay: team.checkinDay,
    checkinTime: team.checkinTime,
    cadence: isCadence(team.cadence) ? team.cadence : "weekly",
    graceMinutes: team.graceMinutes,
    parentId: team.parentId,
  };
}

/** The teams `teamId` (null: a new team) may belong to, by name. */
export async function parentChoices(deps: ServiceDeps, workspaceId: number, teamId: number | null) {
  return eligibleParents(teamId, await teamTreeOf(deps.db, workspaceId));
}

/** Why `parentId` cannot be `teamId`'s parent (checked again on save: the form may be stale), or null. */
async function parentProblem(
  deps: ServiceDeps,
  workspaceId: number,
  teamId: number | null,
  parentId: number | null,
): Promise<string | null> {
  if (parentId === null) return null;
  if ((await parentChoices(deps, workspaceId, teamId)).some((t) => t.id === parentId)) return null;
  return "That team cannot be the parent: it is this team, a team below it, or no longer exists.";
}

/** May this person change this team's settings? Checked when the modal opens and again on save. */
async function mayChange(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  team: TeamWithManagers,
): Promise<Decision> {
  return decide(await actor(deps, workspaceId, slackUserId), "team_settings", {
    ownerSlackId: null,
    coOwnerSlackIds: [],
    managerSlackIds: team.managers.map((m) => m.person.slackUserId),
  });
}

export type SettingsAccess =
  | { status: "ok"; team: TeamWithManagers }
  | { status: "refused"; reason: string }
  | { status: "unknown_team"; teams: string[] };

export async function openTeamSettings(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamName: string,
): Promise<SettingsAccess> {
  const teams = await teamsWithManagersOf(deps.db, workspaceId);
  const team = teams.find((t) => t.name.toLowerCase() === teamName.trim().toLowerCase());
  if (!team) return { status: "unknown_team", teams: teams.map((t) => t.name) };
  const decision = await mayChange(deps, workspaceId, slackUserId, team);
  return decision.allowed ? { status: "ok", team } : { status: "refused", reason: decision.reason };
}

/** Saves the settings if the person may change that team; the team id comes from the modal, so it is checked again here. */
export async function saveTeamSettings(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  teamId: number,
  settings: TeamSettings,
): Promise<Decision> {
  const team = await teamWithManagers(deps.db, workspaceId, teamId);
  if (!team) return { allowed: false, reason: "This team no longer exists." };
  const decision = await mayChange(deps, workspaceId, slackUserId, team);
  if (!decision.allowed) return decision;
  const problem = await parentProblem(deps, workspaceId, team.id, settings.parentId);
  if (problem) return { allowed: false, reason: problem };
  await updateTeamSettings(
    deps.db,
    workspaceId,
    team.id,
    {
      channelId: settings.channelId,
      checkinDay: settings.checkinDay,
      checkinTime: settings.checkinTime,
      cadence: settings.cadence,
      graceMinutes: settings.graceMinutes,
      parentId: settings.parentId,
    },
    settings.managers,
  );
  return decision;
}

export type CreateTeamResult =
  | { status: "created"; teamId: number }
  | { status: "duplicate" }
  | { status: "refused"; reason: string };

/**
 * Anyone may create a team; with no managers chosen, its creator manages it. Its digest follows
 * the creator's time zone.
 */
export async function createTeam(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  name: string,
  settings: TeamSettings,
): Promise<CreateTeamResult> {
  const decision = decide(await actor(deps, workspaceId, slackUserId), "create_team", {
    ownerSlackId: null,
    coOwnerSlackIds: [],
    managerSlackIds: [],
  });
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const existing = await teamsOf(deps.db, workspaceId);
  if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) return { status: "duplicate" };
  const problem = await parentProblem(deps, workspaceId, null, settings.parentId);
  if (problem) return { status: "refused", reason: problem };
  const creator = await refreshProfile(deps, await ensurePerson(deps.db, workspaceId, slackUserId));
  const managers = settings.managers.length > 0 ? settings.managers : [slackUserId];
  try {
    const team = await createTeamWithManagers(
      deps.db,
      {
        workspaceId,
        name,
        channelId: settings.channelId,
        checkinDay: settings.checkinDay,
        checkinTime: settings.checkinTime,
        cadence: settings.cadence,
        graceMinutes: settings.graceMinutes,
        parentId: settings.parentId,
        timezone: creator.tz ?? "UTC",
      },
      managers,
    );
    return { status: "created", teamId: team.id };
  } catch (err) {
    if (isUniqueViolation(err)) return { status: "duplicate" };
    throw err;
  }
}
