// A request named in a few words for the logs ("view_submission okr_checkin", "event app_home_opened"):
// never its content, which may hold what people typed.

type Body = {
  type?: unknown;
  command?: unknown;
  callback_id?: unknown;
  action_id?: unknown;
  actions?: Array<{ action_id?: unknown }>;
  view?: { callback_id?: unknown };
  event?: { type?: unknown };
};

const word = (v: unknown) => (typeof v === "string" && v !== "" ? ` ${v.slice(0, 100)}` : "");

export function requestKind(raw: unknown): string {
  const body = (raw ?? {}) as Body;
  if (typeof body.command === "string") return `slash command${word(body.command)}`;
  if (body.type === "event_callback") return `event${word(body.event?.type)}`;
  if (body.type === "block_actions") return `block_actions${word(body.actions?.[0]?.action_id)}`;
  if (body.type === "view_submission" || body.type === "view_closed")
    return `${body.type}${word(body.view?.callback_id)}`;
  if (body.type === "block_suggestion") return `block_suggestion${word(body.action_id)}`;
  if (typeof body.type === "string") return `${body.type}${word(body.callback_id)}`;
  return "a request of unknown type";
}
