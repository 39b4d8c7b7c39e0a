// When Slack cannot be reached at all (no connection, a timeout, an HTTP error from whatever
// answers at SLACK_API_URL), the operator needs to know where okr-bot looked and what to check,
// not the Web API client's stack.
import { ErrorCode } from "@slack/web-api";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";

export class SlackUnreachableError extends Error {
  override name = "SlackUnreachableError";
}

/** True for a request that never got an answer from Slack's Web API (not for Slack's own `ok: false`). */
export function isSlackUnreachable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === ErrorCode.RequestError || code === ErrorCode.HTTPError;
}

/** What went wrong with the request, in a word or two: ECONNREFUSED, ENOTFOUND, a timeout, HTTP 502. */
export function slackFailureReason(err: unknown): string {
  const e = err as { statusCode?: number; original?: Error & { cause?: { code?: string; message?: string } } } | null;
  if (e?.statusCode) return `HTTP ${e.statusCode}`;
  const original = e?.original;
  if (original?.name === "TimeoutError") return "no answer in time";
  // fetch says "fetch failed"; why is in its cause (ECONNREFUSED, ENOTFOUND, "bad port", …).
  return original?.cause?.code ?? original?.cause?.message ?? original?.message ?? String(err);
}

/**
 * "could not reach Slack at <url> to <purpose> (<reason>); <advice>", or undefined when `err` is
 * something else (which the caller rethrows).
 */
export function slackUnreachable(
  err: unknown,
  apiUrl: string | undefined,
  purpose: string,
  advice: string,
): SlackUnreachableError | undefined {
  if (!isSlackUnreachable(err)) return undefined;
  return new SlackUnreachableError(
    `could not reach Slack at ${apiUrl ?? DEFAULT_SLACK_API_URL} to ${purpose} (${slackFailureReason(err)}); ${advice}`,
  );
}
