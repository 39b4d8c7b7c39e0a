// Every action_id, block_id and callback_id the bot uses, in one place: the blocks set them and
// the listeners match on them.
export const IDS = {
  actions: {
    openCheckin: "checkin_open",
    snooze: "checkin_snooze",
    skip: "checkin_skip",
  },
  views: {
    checkin: "checkin_submit",
    teamSettings: "team_settings_submit",
  },
  /** Team settings modal: block_id = action_id. */
  teamSettings: {
    channel: "team_channel",
    managers: "team_managers",
    day: "team_checkin_day",
    time: "team_checkin_time",
    cadence: "team_cadence",
    grace: "team_grace_minutes",
  },
  /** Per key result input blocks in the check-in modal: `${prefix}${krId}`. */
  checkinBlocks: {
    value: "kr_value_",
    confidence: "kr_confidence_",
    note: "kr_note_",
    evidence: "kr_evidence_",
    confirm: "kr_confirm_",
  },
  checkinInputs: {
    value: "value",
    confidence: "confidence",
    note: "note",
    evidence: "evidence",
    confirm: "confirm",
  },
} as const;
