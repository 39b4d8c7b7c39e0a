import { ErrorCode, retryPolicies, type WebClient, WebClientEvent } from "@slack/web-api";
import { SlackSandbox } from "../../src/sandbox";
import { slackError, startSandbox, webClient } from "./support";

let sandbox: SlackSandbox;
let client: WebClient;
let retrying: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
  retrying = webClient(sandbox, { retryConfig: retryPolicies.rapidRetryPolicy });
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

async function rawPost(method: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

describe("injected faults", () => {
  test("ratelimited: HTTP 429, Retry-After header, ok:false body, no effect", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 7 });
    const res = await rawPost("chat.postMessage", { channel: "C1", text: "x" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ ok: false, error: "ratelimited" });
    expect(sandbox.messages()).toEqual([]);
    expect(sandbox.calls[0]).toMatchObject({ method: "chat.postMessage", status: 429, fault: "ratelimited" });
  });

  test("WebClient honours Retry-After when retrying, and the message is posted once", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 1 });
    const seen: number[] = [];
    const onLimited = (sec: number): void => {
      seen.push(sec);
    };
    retrying.on(WebClientEvent.RATE_LIMITED, onLimited);
    const started = Date.now();
    try {
      await retrying.chat.postMessage({ channel: "UALICE", text: "check-in" });
    } finally {
      retrying.off(WebClientEvent.RATE_LIMITED, onLimited);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toEqual([1]);
    expect(sandbox.dmsTo("UALICE").map((m) => m.text)).toEqual(["check-in"]);
    expect(sandbox.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
  });

  test("rejectRateLimitedCalls surfaces the Retry-After", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "ratelimited", retryAfter: 30 });
    const strict = webClient(sandbox, { rejectRateLimitedCalls: true });
    await expect(strict.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
  });

  test("http 5xx: WebAPIHTTPError without retries; retried and posted once with retries", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 500 });
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    expect(sandbox.messages()).toEqual([]);

    sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 503, times: 2 });
    await retrying.chat.postMessage({ channel: "C1", text: "y" });
    expect(sandbox.messages("C1").map((m) => m.text)).toEqual(["y"]);
    expect(sandbox.callsTo("chat.postMessage").map((c) => c.status)).toEqual([500, 503, 503, 200]);
  });

  test("error: an ok:false answer, consumed `times` times, not retried by the client", async () => {
    sandbox.injectFault({ method: "users.info", kind: "error", error: "account_inactive", times: 2 });
    expect((await slackError(retrying.users.info({ user: "UALICE" }))).error).toBe("account_inactive");
    expect((await slackError(client.users.info({ user: "UALICE" }))).error).toBe("account_inactive");
    await expect(client.users.info({ user: "UALICE" })).resolves.toMatchObject({ ok: true });
    expect(sandbox.callsTo("users.info").map((c) => c.fault)).toEqual(["error", "error", undefined]);
  });

  test('"*" faults hit any API method', async () => {
    sandbox.injectFault({ method: "*", kind: "error", error: "channel_not_found" });
    expect((await slackError(client.auth.test())).error).toBe("channel_not_found");
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  test("accept_then_drop: Slack performs the call but the response is lost", async () => {
    sandbox.injectFault({ method: "chat.postMessage", kind: "accept_then_drop" });
    await expect(client.chat.postMessage({ channel: "UBOB", text: "digest" })).rejects.toMatchObject({
      code: ErrorCode.RequestError,
    });
    expect(sandbox.dmsTo("UBOB").map((m) => m.text)).toEqual(["digest"]);
    expect(sandbox.calls[0]).toMatchObject({ status: 0, fault: "accept_then_drop" });

    // a naive retry duplicates the message — exactly what the bot must guard against
    sandbox.injectFault({ method: "chat.postMessage", kind: "accept_then_drop" });
    await retrying.chat.postMessage({ channel: "UBOB", text: "digest 2" });
    expect(sandbox.dmsTo("UBOB").map((m) => m.text)).toEqual(["digest", "digest 2", "digest 2"]);
  });

  test("delay: the answer comes late (and a client timeout gives up)", async () => {
    sandbox.injectFault({ method: "auth.test", kind: "delay", ms: 300 });
    const started = Date.now();
    await client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    sandbox.injectFault({ method: "chat.postMessage", kind: "delay", ms: 300 });
    const impatient = webClient(sandbox, { timeout: 50 });
    await expect(impatient.chat.postMessage({ channel: "C1", text: "slow" })).rejects.toMatchObject({
      code: ErrorCode.RequestError,
    });
    // Slack still performs the late call
    while (sandbox.callsTo("chat.postMessage").length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.messages("C1").map((m) => m.text)).toEqual(["slow"]);
    expect(sandbox.calls.map((c) => c.fault)).toEqual(["delay", "delay"]);
  });

  test("stop() does not wait for pending delays", async () => {
    const other = new SlackSandbox();
    await other.start();
    other.injectFault({ method: "auth.test", kind: "delay", ms: 60_000 });
    const pending = webClient(other)
      .auth.test()
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toMatchObject({ code: ErrorCode.RequestError });
  });
});

describe("rate limits", () => {
  test("per-channel limit: a short burst passes, then 429 with Retry-After; other channels unaffected", async () => {
    sandbox.setRateLimit("chat.postMessage", { perSecond: 50, perChannelPerSecond: 1 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await rawPost("chat.postMessage", { channel: "C1", text: `m${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(await res.json()).toEqual({ ok: false, error: "ratelimited" });
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(retryAfter).toBe("1");
    expect((await rawPost("chat.postMessage", { channel: "C2", text: "elsewhere" })).status).toBe(200);
    expect(sandbox.messages("C1").length).toBe(2);
    expect(sandbox.calls[2]).toMatchObject({ status: 429, fault: "rate_limit" });
  });

  test("method-wide limit and Retry-After computed from the refill rate", async () => {
    sandbox.setRateLimit("users.info", { perSecond: 0.2, burst: 1 });
    await client.users.info({ user: "UALICE" });
    const res = await rawPost("users.info", { user: "UALICE" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBe(5);
  });

  test("a retrying WebClient is paced by 429s and every message lands once", async () => {
    sandbox.setRateLimit("chat.postMessage", { perSecond: 100, perChannelPerSecond: 2, burst: 2 });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await retrying.chat.postMessage({ channel: "C7", text: `n${i}` });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sandbox.messages("C7").map((m) => m.text)).toEqual(["n0", "n1", "n2"]);
    expect(sandbox.callsTo("chat.postMessage").filter((c) => c.status === 429).length).toBe(1);
  });
});
