// LOG_FORMAT and METRICS_PORT as the configuration reads them.
import { ConfigError, loadConfig } from "../src/config";

const BASE = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef" };

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("LOG_FORMAT", () => {
  it("is text unless set to json", () => {
    expect(loadConfig(BASE).logFormat).toBe("text");
    expect(loadConfig({ ...BASE, LOG_FORMAT: "json" }).logFormat).toBe("json");
    expect(problems({ ...BASE, LOG_FORMAT: "yaml" })).toEqual([
      "LOG_FORMAT should be one of text, json (json: one JSON object per line)",
    ]);
  });
});

describe("METRICS_PORT", () => {
  it("is absent unless set (then /metrics is on PORT)", () => {
    expect(loadConfig(BASE).metricsPort).toBeUndefined();
    expect(loadConfig({ ...BASE, METRICS_PORT: "9464" }).metricsPort).toBe(9464);
  });

  it("must be a port, and not PORT's", () => {
    expect(problems({ ...BASE, METRICS_PORT: "metrics" })).toEqual([
      "METRICS_PORT should be a TCP port number for /metrics, e.g. 9464",
    ]);
    expect(problems({ ...BASE, PORT: "3000", METRICS_PORT: "3000" })).toEqual([
      "METRICS_PORT is the same as PORT: leave it unset to serve /metrics on PORT, or give it a port of its own",
    ]);
  });
});
