// Counting the Web API calls of a real WebClient made with the bot's options, against the sandbox.
import { WebClient } from "@slack/web-api";
import { createLogger } from "../../src/logger";
import { Metrics } from "../../src/observability/metrics";
import { slackMethodOf } from "../../src/observability/slackCalls";
import type { SlackSandbox } from "../../src/sandbox";
import { createJobsSlackClient, webClientOptions } from "../../src/slack/client";
import { startSandbox } from "../sandbox/support";

const quiet = createLogger("error", "test", () => undefined);

async function counted(metrics: Metrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getSingleMetric(name)!.get()).values;
  return Object.fromEntries(
    metric.filter((v) => !("le" in v.labels)).map((v) => [Object.values(v.labels).join(" "), v.value]),
  );
}

describe("counting Slack calls", () => {
  let sandbox: SlackSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it("by method and outcome: ok, Slack's error code, rate_limited, an HTTP status", async () => {
    const metrics = new Metrics();
    const slack = createJobsSlackClient({ token: sandbox.token, apiUrl: sandbox.apiUrl, logger: quiet, metrics });
    await slack.users.info({ user: "UALICE" });
    await expect(slack.users.info({ user: "UNOBODY" })).rejects.toThrow("user_not_found");
    sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 3 });
    await expect(slack.chat.postMessage({ channel: "UALICE", text: "hi" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
    });
    sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503 });
    await expect(slack.chat.postMessage({ channel: "UALICE", text: "hi" })).rejects.toMatchObject({
      code: "slack_webapi_http_error",
    });
    expect(await counted(metrics, "okr_bot_slack_api_calls_total")).toEqual({
      "users.info ok": 1,
      "users.info user_not_found": 1,
      "chat.postMessage rate_limited": 1,
      "chat.postMessage http_503": 1,
    });
    expect(await counted(metrics, "okr_bot_slack_rate_limited_total")).toEqual({ "chat.postMessage": 1 });
    // The jobs' client never retries (the outbox does).
    expect(await counted(metrics, "okr_bot_slack_api_retries_total")).toEqual({});
  });

  it("and the retries of a client with a retry policy (Bolt's)", async () => {
    const metrics = new Metrics();
    const slack = new WebClient(
      sandbox.token,
      webClientOptions({ apiUrl: sandbox.apiUrl, logger: quiet, metrics, retries: 2 }),
    );
    sandbox.injectFault({ method: "views.publish", kind: "http", status: 500, times: 2 });
    await slack.views.publish({ user_id: "UALICE", view: { type: "home", blocks: [] } });
    expect(await counted(metrics, "okr_bot_slack_api_calls_total")).toEqual({
      "views.publish http_500": 2,
      "views.publish ok": 1,
    });
    expect(await counted(metrics, "okr_bot_slack_api_retries_total")).toEqual({ http_error: 2 });
  });

  it("names a call by its Web API method; Slack's upload URLs are one `upload`", () => {
    expect(slackMethodOf("https://slack.com/api/chat.postMessage")).toBe("chat.postMessage");
    expect(slackMethodOf("http://127.0.0.1:1234/api/admin.users.session.list?x=1")).toBe("admin.users.session.list");
    expect(slackMethodOf("https://files.slack.com/upload/v1/CwABAAAAXQoAAZnKg")).toBe("upload");
  });
});
