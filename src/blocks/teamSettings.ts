import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { CADENCES, type Cadence } from "../domain/periods";
import { WEEKDAYS, weekdayName } from "../domain/types";
import { esc, truncate } from "./format";
import { messageModal } from "./modals";
import { IDS } from "./ids";

export type TeamSettings = {
  channelId: string;
  managers: string[];
  checkinDay: number;
  checkinTime: string;
  cadence: Cadence;
  graceMinutes: number | null;
  /** The team this one belongs to; null at the top of the tree. */
  parentId: number | null;
};

/** A static select holds 100 options; beyond that the team's parent is set in the OKR file. */
export const MAX_PARENT_OPTIONS = 100;

export type TeamSettingsMetadata = { teamId: number };

const option = (text: string, value: string): PlainTextOption => ({ text: { type: "plain_text", text }, value });
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const CADENCE_LABELS: Record<Cadence, string> = { weekly: "Every week", biweekly: "Every other week" };

export const DEFAULT_TEAM_SETTINGS: Omit<TeamSettings, "channelId" | "managers"> = {
  checkinDay: 1,
  checkinTime: "09:00",
  cadence: "weekly",
  graceMinutes: null,
  parentId: null,
};
export const TEAM_NAME_MAX_LENGTH = 50;

/** The settings of an existing team (`teamId`), or the form for a new one (`teamId: null`, with a name field). */
export function teamSettingsModal(data: {
  teamId: number | null;
  name: string;
  settings: Omit<TeamSettings, "channelId"> & { channelId: string | null };
  /** The teams it may belong to (not itself nor a team below it). */
  parents?: ReadonlyArray<{ id: number; name: string }>;
}): ModalView {
  const s = data.settings;
  const ids = IDS.teamSettings;
  const day = option(capitalised(weekdayName(s.checkinDay)), String(s.checkinDay));
  const creating = data.teamId === null;
  const nameField: KnownBlock[] = creating
    ? [
        {
          type: "input",
          block_id: ids.name,
          label: { type: "plain_text", text: "Team name" },
          element: {
            type: "plain_text_input",
            action_id: ids.name,
            max_length: TEAM_NAME_MAX_LENGTH,
            ...(data.name ? { initial_value: data.name } : {}),
          },
        },
      ]
    : [];
  const parents = (data.parents ?? []).slice(0, MAX_PARENT_OPTIONS);
  const parentOption = (p: { id: number; name: string }) => option(truncate(p.name, 75), String(p.id));
  const current = parents.find((p) => p.id === s.parentId);
  const parentField: KnownBlock[] =
    parents.length === 0
      ? []
      : [
          {
            type: "input",
            block_id: ids.parent,
            optional: true,
            label: { type: "plain_text", text: "Part of (parent team)" },
            hint: {
              type: "plain_text",
              text: "Leave empty for a team at the top. Its objectives can then align to the parent's.",
            },
            element: {
              type: "static_select",
              action_id: ids.parent,
              options: parents.map(parentOption),
              ...(current ? { initial_option: parentOption(current) } : {}),
            },
          },
        ];
  const blocks: KnownBlock[] = [
    ...nameField,
    ...parentField,
    {
      type: "input",
      block_id: ids.channel,
      label: { type: "plain_text", text: "Channel for the digest and the retro" },
      element: {
        type: "conversations_select",
        action_id: ids.channel,
        ...(s.channelId ? { initial_conversation: s.channelId } : {}),
        filter: { include: ["public", "private"], exclude_bot_users: true },
      },
    },
    {
      type: "input",
      block_id: ids.managers,
      optional: true,
      label: { type: "plain_text", text: "Managers" },
      element: { type: "multi_users_select", action_id: ids.managers, initial_users: s.managers },
    },
    {
      type: "input",
      block_id: ids.day,
      label: { type: "plain_text", text: "Check-in day" },
      element: {
        type: "static_select",
        action_id: ids.day,
        options: WEEKDAYS.map((d, i) => option(capitalised(d), String(i + 1))),
        initial_option: day,
      },
    },
    {
      type: "input",
      block_id: ids.time,
      label: { type: "plain_text", text: "Check-in time (each owner's own time zone)" },
      element: { type: "timepicker", action_id: ids.time, initial_time: s.checkinTime },
    },
    {
      type: "input",
      block_id: ids.cadence,
      label: { type: "plain_text", text: "Cadence" },
      element: {
        type: "radio_buttons",
        action_id: ids.cadence,
        options: CADENCES.map((c) => option(CADENCE_LABELS[c], c)),
        initial_option: option(CADENCE_LABELS[s.cadence], s.cadence),
      },
    },
    {
      type: "input",
      block_id: ids.grace,
      optional: true,
      label: { type: "plain_text", text: "If the bot was down: send late prompts for up to … minutes" },
      hint: { type: "plain_text", text: "Leave empty for the rest of the owner's day." },
      element: {
        type: "number_input",
        action_id: ids.grace,
        is_decimal_allowed: false,
        min_value: "0",
        max_value: "10080",
        ...(s.graceMinutes !== null ? { initial_value: String(s.graceMinutes) } : {}),
      },
    },
  ];
  if (creating) {
    return {
      type: "modal",
      callback_id: IDS.views.teamCreate,
      title: { type: "plain_text", text: "New team" },
      submit: { type: "plain_text", text: "Create" },
      close: { type: "plain_text", text: "Cancel" },
      blocks,
    };
  }
  const metadata: TeamSettingsMetadata = { teamId: data.teamId! };
  return {
    type: "modal",
    callback_id: IDS.views.teamSettings,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: truncate(`Team ${data.name}`, 24) },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

export function teamCreatedModal(name: string): ModalView {
  return messageModal(
    "New team",
    `:white_check_mark: Team *${esc(name)}* is ready. Next, write its first objective with \`/okr new ${esc(name)}\`, or change these settings with \`/okr team settings ${esc(name)}\`.`,
  );
}
