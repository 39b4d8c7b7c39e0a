// Counting the Web API calls of every WebClient the bot makes (Bolt makes its own from our options):
// a fetch that records each HTTP request's method and outcome, and a retry hook for the client's
// retry policy.
import type { Metrics } from "./metrics";

type Fetch = typeof globalThis.fetch;

/** The method of a Web API URL (…/api/chat.postMessage); "upload" for the file upload URLs Slack hands out. */
export function slackMethodOf(url: string): string {
  const last = url.split("?")[0]!.split("/").pop() ?? "";
  return /^[a-z]+(\.[A-Za-z0-9]+)+$/.test(last) ? last : "upload";
}

/** A fetch for WebClient that counts each request: `ok`, Slack's error code, `rate_limited`, `http_<status>`, `timeout` or `request_error`. */
export function countingFetch(metrics: Metrics, inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const method = slackMethodOf(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const done = metrics.slackCallDuration.startTimer({ method });
    let outcome = "request_error";
    try {
      const res = await inner(input, init);
      outcome = await outcomeOf(res);
      return res;
    } catch (err) {
      if ((err as Error).name === "TimeoutError" || (err as Error).name === "AbortError") outcome = "timeout";
      throw err;
    } finally {
      done();
      metrics.slackCalls.inc({ method, outcome });
      if (outcome === "rate_limited") metrics.slackRateLimited.inc({ method });
    }
  };
}

async function outcomeOf(res: Response): Promise<string> {
  if (res.status === 429) return "rate_limited";
  if (res.status !== 200) return `http_${res.status}`;
  // A copy: the client reads the body itself.
  const text = await res.clone().text();
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok === false) return typeof body.error === "string" ? body.error : "error";
  } catch {
    // Not JSON (a file upload's "OK"): answered 200.
  }
  return "ok";
}

/** What went wrong before a retry, from the error the Web API client's policy saw. */
export function retryReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === "slack_webapi_rate_limited_error" || e.message?.startsWith("A rate limit was exceeded"))
    return "rate_limited";
  if (e.code === "slack_webapi_http_error") return "http_error";
  if (e.code === "slack_webapi_platform_error") return "slack_error";
  return "request_error";
}

/** p-retry's hook (the Web API client passes its retryConfig to p-retry): counts the attempts that will be tried again. */
export function countRetries(metrics: Metrics): (err: { retriesLeft?: number }) => void {
  return (err) => {
    if ((err.retriesLeft ?? 0) > 0) metrics.slackRetries.inc({ reason: retryReason(err) });
  };
}
