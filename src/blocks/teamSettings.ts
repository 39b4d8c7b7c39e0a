import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { CADENCES, type Cadence } from "../domain/periods";
import { WEEKDAYS, weekdayName } from "../domain/types";
import { truncate } from "./format";
import { IDS } from "./ids";

export type TeamSettings = {
  channelId: string;
  managers: string[];
  checkinDay: number;
  checkinTime: string;
  cadence: Cadence;
  graceMinutes: number | null;
};

export type TeamSettingsMetadata = { teamId: number };

const option = (text: string, value: string): PlainTextOption => ({ text: { type: "plain_text", text }, value });
const capitalised = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const CADENCE_LABELS: Record<Cadence, string> = { weekly: "Every week", biweekly: "Every other week" };

export function teamSettingsModal(data: { teamId: number; name: string; settings: TeamSettings }): ModalView {
  const s = data.settings;
  const ids = IDS.teamSettings;
  const day = option(capitalised(weekdayName(s.checkinDay)), String(s.checkinDay));
  const blocks: KnownBlock[] = [
    {
      type: "input",
      block_id: ids.channel,
      label: { type: "plain_text", text: "Channel for the digest and the retro" },
      element: { type: "conversations_select", action_id: ids.channel, initial_conversation: s.channelId, filter: { include: ["public", "private"] } },
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
      element: { type: "static_select", action_id: ids.day, options: WEEKDAYS.map((d, i) => option(capitalised(d), String(i + 1))), initial_option: day },
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
      element: { type: "number_input", action_id: ids.grace, is_decimal_allowed: false, min_value: "0", max_value: "10080", ...(s.graceMinutes !== null ? { initial_value: String(s.graceMinutes) } : {}) },
    },
  ];
  const metadata: TeamSettingsMetadata = { teamId: data.teamId };
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
