// What a person typed into a modal, put back into its elements as initial values, so the form
// shows it again after Slack redraws it (field errors keep the typed text, as in Slack).
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const FROM_STATE: ReadonlyArray<[string, string]> = [
  ["value", "initial_value"],
  ["selected_option", "initial_option"],
  ["selected_options", "initial_options"],
  ["selected_user", "initial_user"],
  ["selected_users", "initial_users"],
  ["selected_conversation", "initial_conversation"],
  ["selected_channel", "initial_channel"],
  ["selected_date", "initial_date"],
  ["selected_time", "initial_time"],
];

/** The view's blocks with `state.values` (block_id → action_id → state value) as initial values. */
export function blocksWithState(view: Obj): unknown[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const values = isObj(view.state) && isObj(view.state.values) ? view.state.values : {};
  return blocks.map((b) => {
    if (!isObj(b) || b.type !== "input" || !isObj(b.element)) return b;
    const byAction = values[String(b.block_id)];
    const state = isObj(byAction) ? byAction[String(b.element.action_id)] : undefined;
    if (!isObj(state)) return b;
    const element: Obj = { ...b.element };
    for (const [from, to] of FROM_STATE) {
      if (!(from in state)) continue;
      const v = state[from];
      if (v === null || v === undefined) delete element[to];
      else element[to] = v;
    }
    return { ...b, element };
  });
}
