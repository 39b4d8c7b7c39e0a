import { LogLevel } from "@slack/bolt";
import { createLogger } from "../../src/logger";
import { SlackSandbox, waitFor } from "../../src/sandbox";
import { backoffMs, SocketReceiver, SOCKET_BACKOFF } from "../../src/slack/socketMode";

describe("backoffMs", () => {
  it("doubles from the first wait up to the cap, each wait drawn in the upper half of its ceiling", () => {
    const ceilings = [1, 2, 3, 4, 5, 10, 100].map((n) => backoffMs(n, SOCKET_BACKOFF, () => 1));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
    expect([1, 2, 4, 100].map((n) => backoffMs(n, SOCKET_BACKOFF, () => 0))).toEqual([500, 1000, 4000, 4000]);
  });
});

describe("SocketReceiver", () => {
  let sandbox: SlackSandbox;
  const lines: string[] = [];
  const log = createLogger("info", "test", (l) => lines.push(l));
  beforeEach(async () => {
    sandbox = new SlackSandbox();
    await sandbox.start();
    lines.length = 0;
  });
  afterEach(async () => sandbox.stop());

  const receiver = (appToken: string) =>
    new SocketReceiver({
      appToken,
      apiUrl: sandbox.apiUrl,
      port: 0,
      routes: [],
      log,
      logLevel: LogLevel.INFO,
      backoff: { firstMs: 50, capMs: 100 },
    });

  it("refuses to start with an app-level token Slack does not accept", async () => {
    await expect(receiver("xapp-1-A0OTHER-1-abc").start()).rejects.toThrow(
      "Slack refused SLACK_APP_TOKEN (invalid_auth)",
    );
    expect(sandbox.socketMode.opens).toHaveLength(1);
  });

  it("waits for Slack at start, and stops trying when stopped", async () => {
    sandbox.socketMode.failConnectionsOpen({ forMs: 60_000 });
    const r = receiver(sandbox.socketMode.appToken);
    const started = r.start();
    await waitFor(() => sandbox.socketMode.opens.length >= 3, { message: "attempts" });
    expect(r.status()).toMatchObject({ up: false, lastError: "HTTP 503" });
    await r.stop();
    await started;
    sandbox.socketMode.endOutage();
    const attempts = sandbox.socketMode.opens.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sandbox.socketMode.opens).toHaveLength(attempts);
    expect(sandbox.socketMode.connections).toBe(0);
    expect(lines.join("\n")).toMatch(
      /WARN .*could not connect to Slack \(HTTP 503\); attempt 1 failed, trying again in 0\.\d s/,
    );
  });
});
