import type { App } from "@slack/bolt";
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import {
  TEAM_NAME_MAX_LENGTH,
  teamCreatedModal,
  type TeamSettings,
  type TeamSettingsMetadata,
} from "../../blocks/teamSettings";
import { CADENCES } from "../../domain/periods";
import { createTeam, saveTeamSettings } from "../../services/teams";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
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
  app.view(IDS.views.teamSettings, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "saving team settings", slackAck, ids.channel, async (ack) => {
      const settings = parseSettings(view.state.values);
      if (!settings)
        return void (await ack({
          response_action: "errors",
          errors: { [ids.channel]: "Some settings are missing or invalid: check each field." },
        }));
      let teamId: number;
      try {
        teamId = (JSON.parse(view.private_metadata) as TeamSettingsMetadata).teamId;
      } catch {
        return void (await ack({
          response_action: "errors",
          errors: { [ids.channel]: "This form is out of date: open it again." },
        }));
      }
      const ws = workspaceOf(context);
      const decision = await saveTeamSettings(serviceDeps(deps, client), ws, body.user.id, Number(teamId), settings);
      if (!decision.allowed)
        return void (await ack({
          response_action: "errors",
          errors: { [view.state.values[ids.parent] ? ids.parent : ids.channel]: decision.reason },
        }));
      await ack();
    }),
  );
}

const nameSchema = field(ids.name, z.object({ value: z.string().nullish() }));

export function registerTeamCreateSubmit(app: App, deps: ListenerDeps) {
  app.view(IDS.views.teamCreate, async ({ ack: slackAck, body, view, client, context }) =>
    submissionOrNotSaved(deps.log, "creating a team", slackAck, ids.name, async (ack) => {
      const parsedName = nameSchema.safeParse(view.state.values);
      const name = parsedName.success
        ? (
            (parsedName.data as Record<string, Record<string, { value?: string | null }>>)[ids.name]![ids.name]!
              .value ?? ""
          )
            .trim()
            .replace(/\s+/g, " ")
        : "";
      if (!name || name.length > TEAM_NAME_MAX_LENGTH) {
        return void (await ack({
          response_action: "errors",
          errors: { [ids.name]: `Give the team a name of up to ${TEAM_NAME_MAX_LENGTH} characters.` },
        }));
      }
      const settings = parseSettings(view.state.values);
      if (!settings)
        return void (await ack({
          response_action: "errors",
          errors: { [ids.channel]: "Some settings are missing or invalid: check each field." },
        }));
      const ws = workspaceOf(context);
      const created = await createTeam(serviceDeps(deps, client), ws, body.user.id, name, settings);
      if (created.status === "duplicate")
        return void (await ack({
          response_action: "errors",
          errors: { [ids.name]: "A team with this name exists already." },
        }));
      if (created.status === "refused")
        return void (await ack({ response_action: "errors", errors: { [ids.name]: created.reason } }));
      await ack({ response_action: "update", view: teamCreatedModal(name) });
    }),
  );
}
