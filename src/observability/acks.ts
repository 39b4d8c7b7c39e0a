// Timing acks: every receiver (HTTP or Socket Mode) hands each request to App#processEvent with the
// ack that answers Slack; wrapping that one method times every ack, whoever calls it (a listener,
// or Bolt itself for events).
import type { App, ReceiverEvent } from "@slack/bolt";
import type { Metrics } from "./metrics";

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

export function timeAcks(app: App, metrics: Metrics): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    const kind = requestKind(event.body);
    const done = metrics.ackDuration.startTimer({ kind });
    let acked = false;
    const ack: ReceiverEvent["ack"] = async (response) => {
      const result = await event.ack(response);
      if (!acked) {
        acked = true;
        done();
        metrics.requestsAcked.inc({ kind });
      }
      return result;
    };
    return processEvent({ ...event, ack });
  };
}
