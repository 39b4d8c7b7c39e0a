// The `kind` label of the ack metrics: command, event, or the interactivity payload type.

/** Payload types kept as they are; anything else is "other", so the label stays small. */
const PAYLOAD_TYPES = new Set([
  "block_actions",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "block_suggestion",
]);
/** Every value of the `kind` label. */
export const REQUEST_KINDS = ["command", "event", ...PAYLOAD_TYPES, "other"];

/** What kind of request a body is: command, event, or its interactivity payload type. */
export function requestKind(body: Record<string, unknown>): string {
  if (typeof body.command === "string") return "command";
  if (body.type === "event_callback") return "event";
  return typeof body.type === "string" && PAYLOAD_TYPES.has(body.type) ? body.type : "other";
}
