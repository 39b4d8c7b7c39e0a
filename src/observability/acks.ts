// Timing acks: every receiver (HTTP or Socket Mode) hands each request to App#processEvent with the
// ack that answers Slack; wrapping that one method times every ack, whoever calls it (a listener,
// or Bolt itself for events).
import type { App, ReceiverEvent } from "@slack/bolt";
import type { Metrics } from "./metrics";
import { requestKind } from "./requestKinds";

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
