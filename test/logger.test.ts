// The two log formats: text lines as they always were, and one JSON object per line with the same redaction.
import type { Config } from "../src/config";
import { createLogger, fields, loggerFor, redact } from "../src/logger";

const TOKEN = "xoxb-1234-5678-abcdefABCDEF";

function capture(format: "text" | "json", level: "debug" | "info" = "debug") {
  const lines: string[] = [];
  const log = createLogger(level, "okr-bot", (l) => lines.push(l), { format });
  return { log, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("text logs", () => {
  it("keep their format: time, level, [name], message; fields are left out", () => {
    const { log, lines } = capture("text");
    log
      .child("jobs")
      .with({ job: "digest" })
      .info("job digest:", { sent: 2 }, fields({ durationMs: 12 }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}\[okr-bot:jobs\] job digest: \{"sent":2\}$/,
    );
  });

  it("show an error's stack and redact tokens in it", () => {
    const { log, lines } = capture("text");
    log.error("listener failed", new Error(`invalid_auth for ${TOKEN}`));
    expect(lines[0]).toContain("ERROR [okr-bot] listener failed Error: invalid_auth for xoxb-***\n    at ");
    expect(lines.join("\n")).not.toContain(TOKEN);
  });
});

describe("JSON logs", () => {
  it("write one JSON object per line with time, level, name and msg", () => {
    const { log, lines, json } = capture("json");
    log.info("okr-bot is running");
    log.child("bolt").warn("Could not determine the type of an incoming event.");
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
    const [first, second] = json();
    expect(first).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      name: "okr-bot",
      msg: "okr-bot is running",
    });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({
      level: "warn",
      name: "okr-bot:bolt",
      msg: "Could not determine the type of an incoming event.",
    });
  });

  it("carry the logger's fields and the line's as keys, without letting them replace the line's own", () => {
    const { log, json } = capture("json");
    const jobLog = log.child("jobs", { job: "digest" }).with({ workspace: "T0SANDBOX" });
    jobLog.debug(
      "digest for Platform failed",
      fields({ team: "Platform", durationMs: 42, level: "fatal", msg: "forged" }),
    );
    expect(json()[0]).toEqual({
      time: expect.any(String),
      level: "debug",
      name: "okr-bot:jobs",
      msg: "digest for Platform failed",
      job: "digest",
      workspace: "T0SANDBOX",
      team: "Platform",
      durationMs: 42,
    });
  });

  it("put an error's type, message, code and stack in `err`", () => {
    const { log, json } = capture("json");
    const err = Object.assign(new Error("An API error occurred: channel_not_found"), {
      code: "slack_webapi_platform_error",
    });
    log.error("send failed", err);
    log.error(new Error("thrown alone"));
    const [withMessage, alone] = json();
    expect(withMessage).toMatchObject({
      level: "error",
      msg: "send failed",
      err: { type: "Error", message: err.message, code: "slack_webapi_platform_error" },
    });
    expect((withMessage!.err as { stack: string }).stack).toContain("at ");
    expect(alone).toMatchObject({ msg: "thrown alone", err: { message: "thrown alone" } });
  });

  it("redact tokens, database passwords and the client secret everywhere in the line", () => {
    const { log, lines, json } = capture("json");
    // As the Web API client logs a request body at debug: a JSON string inside the message.
    log.debug(`http request body: ${JSON.stringify({ client_id: "1.2", client_secret: "s3cr3t-value", code: "abc" })}`);
    log.info("connecting", fields({ url: "postgresql://okr:hunter2hunter2@db:5432/okr", token: TOKEN }));
    log.error("refused", new Error(`bad token ${TOKEN}`), { headers: { Authorization: `Bearer ${TOKEN}` } });
    const text = lines.join("\n");
    for (const secret of [TOKEN, "s3cr3t-value", "hunter2hunter2"]) expect(text).not.toContain(secret);
    const [body, connecting, refused] = json();
    expect(body!.msg).toContain('"client_secret":"***"');
    expect(connecting).toMatchObject({ url: "postgresql://okr:***@db:5432/okr", token: "xoxb-***" });
    expect(refused!.msg).toBe('refused {"headers":{"Authorization":"Bearer xoxb-***"}}');
    expect(refused!.err).toMatchObject({ message: "bad token xoxb-***" });
  });

  it.each([
    ["mysql://reader:pa55word-x@warehouse:3306/bi", "mysql://reader:***@warehouse:3306/bi"],
    ["mariadb://reader:pa55word-x@warehouse/bi", "mariadb://reader:***@warehouse/bi"],
    ["https://bot:pa55word-x@prometheus.internal:9090/api", "https://bot:***@prometheus.internal:9090/api"],
  ])("redact the password in %s", (url, redacted) => {
    expect(redact(`could not connect to ${url}`)).toBe(`could not connect to ${redacted}`);
  });

  it("leave out lines below the level", () => {
    const { log, lines } = capture("json", "info");
    log.debug("quiet");
    log.info("said");
    expect(lines).toHaveLength(1);
  });
});

describe("the configured logger", () => {
  const config: Config = {
    slack: {
      botToken: TOKEN,
      signingSecret: "0123456789abcdef0123456789abcdef",
      postsPerSecond: 5,
      postsPerChannelPerSecond: 1,
    },
    port: 0,
    database: { provider: "sqlite", url: "file:x.db", file: "x.db" },
    logLevel: "info",
  };

  it("writes text unless LOG_FORMAT says json", () => {
    const lines: string[] = [];
    loggerFor(config, (l) => lines.push(l)).info("hello");
    loggerFor({ ...config, logFormat: "json" }, (l) => lines.push(l)).info("hello");
    expect(lines[0]).toMatch(/ INFO {2}\[okr-bot\] hello$/);
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: "info", name: "okr-bot", msg: "hello" });
  });

  it("masks the configuration's secrets that no pattern recognises, in both formats", () => {
    const lines: string[] = [];
    for (const logFormat of ["text", "json"] as const) {
      loggerFor({ ...config, logFormat }, (l) => lines.push(l)).warn(
        `signature mismatch with ${config.slack.signingSecret}`,
      );
    }
    expect(lines.join("\n")).not.toContain(config.slack.signingSecret);
    expect(lines.every((l) => l.includes("signature mismatch with ***"))).toBe(true);
  });
});
