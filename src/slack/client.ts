import { WebClient, type RetryOptions, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { countingFetch, countRetries } from "../observability/slackCalls";

export type SlackClient = WebClient;

export type SlackClientOptions = {
  token: string;
  apiUrl?: string;
  logger?: Logger;
  retries?: number;
  /** Throw on 429 instead of pausing the client's whole queue (the outbox paces itself). */
  rejectRateLimitedCalls?: boolean;
  /** Per-request timeout; default SLACK_REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Where its calls, 429s and retries are counted. */
  metrics?: Metrics;
};

/** How long the bot waits for Slack to answer a request before giving up on it. */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Options shared by every WebClient the bot makes (the jobs' client and Bolt's): the API base URL
 * (SLACK_API_URL), a per-request timeout, and a short retry policy so a job never hangs for the
 * half hour that @slack/web-api's default policy allows.
 */
export function webClientOptions(opts: Omit<SlackClientOptions, "token">): WebClientOptions {
  const retryConfig: RetryOptions & { onFailedAttempt?: (err: { retriesLeft?: number }) => void } = {
    retries: opts.retries ?? 3,
    factor: 2,
    minTimeout: 500,
    maxTimeout: 5_000,
    randomize: true,
    ...(opts.metrics ? { onFailedAttempt: countRetries(opts.metrics) } : {}),
  };
  return {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    timeout: opts.timeoutMs ?? SLACK_REQUEST_TIMEOUT_MS,
    retryConfig,
    rejectRateLimitedCalls: opts.rejectRateLimitedCalls ?? false,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.metrics ? { fetch: countingFetch(opts.metrics) } : {}),
  };
}

export function createSlackClient(opts: SlackClientOptions): SlackClient {
  return new WebClient(opts.token, webClientOptions(opts));
}

/** The `error` of a Slack platform error (`ok: false`), or undefined for anything else. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } } | null;
  return e?.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}

/** Codes with which Slack refuses a workspace's bot token: revoked, uninstalled, deactivated. */
const TOKEN_REFUSED = new Set([
  "token_revoked",
  "invalid_auth",
  "account_inactive",
  "not_authed",
  "team_access_not_granted",
]);

/** The code, when Slack refused the bot token itself (nothing the bot can retry or fix). */
export function tokenRefusedCode(err: unknown): string | undefined {
  const code = slackErrorCode(err);
  return code && TOKEN_REFUSED.has(code) ? code : undefined;
}

/**
 * The client jobs send with: no retries of its own and 429s thrown, because the outbox retries,
 * reconciles and paces itself (a client-side retry of a post Slack already accepted would post it twice).
 */
export function createJobsSlackClient(
  opts: Omit<SlackClientOptions, "retries" | "rejectRateLimitedCalls">,
): SlackClient {
  return createSlackClient({ ...opts, retries: 0, rejectRateLimitedCalls: true });
}
