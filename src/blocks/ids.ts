// Every action_id, block_id and callback_id the bot uses, in one place: the blocks set them and
// the listeners match on them.
export const IDS = {
  actions: {
    openCheckin: "checkin_open",
    snooze: "checkin_snooze",
    skip: "checkin_skip",
    addKeyResult: "objective_add_kr",
    acceptKeyResult: "kr_accept",
    openRetro: "retro_open",
    showSourceQuery: "checkin_source_query",
    /** "Try it" under a key result's source in `/okr edit`. */
    trySource: "kr_source_try",
  },
  views: {
    checkin: "checkin_submit",
    teamSettings: "team_settings_submit",
    teamCreate: "team_create_submit",
    newObjective: "objective_submit",
    editKeyResult: "kr_edit_submit",
    retro: "retro_submit",
  },
  /** Retro modal: block_id = action_id. */
  retroForm: {
    score: "retro_score",
    worked: "retro_worked",
    didnt: "retro_didnt",
    learned: "retro_learned",
    carryForward: "retro_carry_forward",
  },
  /** Objective and key result forms: block_id = action_id, key result fields get `_${slot}`. */
  objectiveForm: {
    team: "objective_team",
    title: "objective_title",
    why: "objective_why",
    owner: "objective_owner",
    krActions: "objective_kr_actions",
    alignsTo: "objective_aligns_to",
    weight: "objective_weight",
  },
  keyResultForm: {
    title: "kr_title",
    owner: "kr_owner",
    coOwners: "kr_co_owners",
    baseline: "kr_baseline",
    target: "kr_target",
    unit: "kr_unit",
    measuredBy: "kr_measured_by",
    weight: "kr_weight",
    /** Where its value is measured (`/okr edit`): the source select dispatches its pick. */
    source: "kr_source",
    sourceQuery: "kr_source_query",
    sourcePointer: "kr_source_pointer",
    sourceParams: "kr_source_params",
    sourceColumn: "kr_source_column",
    sourceRow: "kr_source_row",
    sourceAuto: "kr_source_auto",
    sourceActions: "kr_source_actions",
  },
  /** Team settings modal: block_id = action_id. */
  teamSettings: {
    name: "team_name",
    channel: "team_channel",
    managers: "team_managers",
    day: "team_checkin_day",
    time: "team_checkin_time",
    cadence: "team_cadence",
    grace: "team_grace_minutes",
    parent: "team_parent",
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
