// Slack waits 3 s for an answer to every request it sends, and disables the event subscriptions of
// an app that fails too many deliveries. Bolt leaves a request no listener acknowledged unanswered
// (a 404 after 3 s and an ERROR line) and does not recognise some at all (`app_rate_limited`). This
// wraps the app's entry point, for HTTP and Socket Mode alike: once Bolt has run every middleware
// and listener, a request still unacknowledged is acknowledged here and logged at debug. Until a
// request is answered, the work queued after earlier answers waits (AfterAck).
import type { AckFn, App, ReceiverEvent } from "@slack/bolt";
import type { AfterAck } from "./afterAck";
import type { Logger } from "../logger";
import { requestKind } from "./requestKind";
import { UNKNOWN_FORM } from "../blocks/sentences";
import { formError } from "./trouble";

type Body = Record<string, unknown> & { type?: unknown; view?: Parameters<typeof formError>[0] };

export function ackEverything(app: App, log: Logger, afterAck: AfterAck): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const body = event.body as Body;
    if (body.type === "app_rate_limited") {
      log.warn(rateLimitedWarning(body));
      return event.ack();
    }
    const answered = afterAck.answeringStarted();
    let acked = false;
    const ack: AckFn<unknown> = async (response) => {
      acked = true;
      try {
        await event.ack(neverEmptyErrors(body, response, log));
      } finally {
        answered();
      }
    };
    try {
      await process({ ...event, ack });
      if (acked) return;
      log.debug(`no listener answered ${requestKind(body)}; acknowledged`);
      await event.ack(defaultAnswer(body));
    } finally {
      answered();
    }
  };
}

/** What a request nobody handled is answered with: nothing, except where Slack expects something. */
function defaultAnswer(body: Body): unknown {
  if (body.type === "view_submission") return formError({ ...body.view, blocks: [] }, UNKNOWN_FORM);
  if (body.type === "block_suggestion" || body.type === "dialog_suggestion") return { options: [] };
  return undefined;
}

/** `response_action: errors` with no errors shows Slack's generic error: say something on the form instead. */
function neverEmptyErrors(body: Body, response: unknown, log: Logger): unknown {
  const r = response as { response_action?: unknown; errors?: unknown } | undefined;
  if (r?.response_action !== "errors") return response;
  if (typeof r.errors === "object" && r.errors !== null && Object.keys(r.errors).length > 0) return response;
  log.warn(`${requestKind(body)} was answered with no field errors; the form shows a general error instead`);
  return formError(body.view, UNKNOWN_FORM);
}

function rateLimitedWarning(body: Body): string {
  const minute = Number(body.minute_rate_limited);
  const at = Number.isFinite(minute) ? new Date(minute * 1000).toISOString() : "(minute not given)";
  const team = typeof body.team_id === "string" ? body.team_id : "(none named)";
  return `Slack held back events for workspace ${team}: over the app's event limit in the minute starting ${at} (Slack sends app_rate_limited after 30,000 deliveries in an hour)`;
}
