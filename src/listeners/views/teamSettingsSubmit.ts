import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import {
  TEAM_NAME_MAX_LENGTH,
  teamCreatedModal,
  type TeamSettings,
  type TeamSettingsMetadata,
} from "../../blocks/teamSettings";
import { DUPLICATE_TEAM, SETTINGS_INVALID, TEAM_FORM_OUT_OF_DATE, teamNameTooLong } from "../../blocks/sentences";
import { CADENCES } from "../../domain/periods";
import { createTeam, saveTeamSettings } from "../../services/teams";
import { fieldError, updateView } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
import { submissionOrNotSaved } from "../trouble";

const ids = IDS.teamSettings;
const field = <T extends z.ZodTypeAny>(id: string, value: T) => z.object({ [id]: z.object({ [id]: value }) });

const stateSchema = field(ids.channel, z.object({ selected_conversation: z.string().regex(/^[CG][A-Z0-9]+$/) }))
  .and(field(ids.managers, z.object({ selected_users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).nullish() })))
  .and(field(ids.day, z.object({ selected_option: z.object({ value: z.string().regex(/^[1-7]$/) }) })))
  .and(field(ids.time, z.object({ selected_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) })))
  .and(field(ids.cadence, z.object({ selected_option: z.object({ value: z.enum(CADENCES) }) })))
  .and(
    field(
      ids.grace,
      z.object({
        value: z
          .string()
          .regex(/^\d{0,5}$/)
          .nullish(),
      }),
    ),
  );
/** Absent when the workspace has no other team to choose. */
const parentSchema = field(
  ids.parent,
  z.object({ selected_option: z.object({ value: z.string().regex(/^\d+$/) }).nullish() }),
);

function parseSettings(values: unknown): TeamSettings | null {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return null;
  const v = parsed.data as Record<string, Record<string, Record<string, unknown>>>;
  const get = (id: string) => v[id]![id]!;
  const grace = (get(ids.grace).value as string | null | undefined) ?? "";
  const parent = parentSchema.safeParse(values);
  const parentValue = parent.success
    ? (parent.data as Record<string, Record<string, { selected_option?: { value: string } | null }>>)[ids.parent]![
        ids.parent
      ]!.selected_option?.value
    : undefined;
  return {
    parentId: parentValue ? Number(parentValue) : null,
    channelId: get(ids.channel).selected_conversation as string,
    managers: (get(ids.managers).selected_users as string[] | null | undefined) ?? [],
    checkinDay: Number((get(ids.day).selected_option as { value: string }).value),
    checkinTime: get(ids.time).selected_time as string,
    cadence: (get(ids.cadence).selected_option as { value: TeamSettings["cadence"] }).value,
    graceMinutes: grace === "" ? null : Number(grace),
  };
}

export function registerTeamSettingsSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.teamSettings, async (args) =>
    submissionOrNotSaved(deps.log, "saving team settings", args.ack, ids.channel, async (ack) => {
      const { view } = args;
      const settings = parseSettings(view.state.values);
      if (!settings) return ack(fieldError(ids.channel, SETTINGS_INVALID));
      let teamId: number;
      try {
        teamId = (JSON.parse(view.private_metadata) as TeamSettingsMetadata).teamId;
      } catch {
        return ack(fieldError(ids.channel, TEAM_FORM_OUT_OF_DATE));
      }
      const req = requestOf(deps, args);
      const decision = await saveTeamSettings(req.services, req.ws, req.userId, Number(teamId), settings);
      if (!decision.allowed)
        return ack(fieldError(view.state.values[ids.parent] ? ids.parent : ids.channel, decision.reason));
      await ack();
    }),
  );
}

const nameSchema = field(ids.name, z.object({ value: z.string().nullish() }));

export function registerTeamCreateSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.teamCreate, async (args) =>
    submissionOrNotSaved(deps.log, "creating a team", args.ack, ids.name, async (ack) => {
      const { view } = args;
      const parsedName = nameSchema.safeParse(view.state.values);
      const name = parsedName.success
        ? (
            (parsedName.data as Record<string, Record<string, { value?: string | null }>>)[ids.name]![ids.name]!
              .value ?? ""
          )
            .trim()
            .replace(/\s+/g, " ")
        : "";
      if (!name || name.length > TEAM_NAME_MAX_LENGTH)
        return ack(fieldError(ids.name, teamNameTooLong(TEAM_NAME_MAX_LENGTH)));
      const settings = parseSettings(view.state.values);
      if (!settings) return ack(fieldError(ids.channel, SETTINGS_INVALID));
      const req = requestOf(deps, args);
      const created = await createTeam(req.services, req.ws, req.userId, name, settings);
      if (created.status === "duplicate") return ack(fieldError(ids.name, DUPLICATE_TEAM));
      if (created.status === "refused") return ack(fieldError(ids.name, created.reason));
      await ack(updateView(teamCreatedModal(name)));
    }),
  );
}
