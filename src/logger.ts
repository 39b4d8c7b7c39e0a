// A small leveled logger that also satisfies Bolt's Logger interface, in two formats: text lines
// for people (the default) and one JSON object per line for log pipelines (LOG_FORMAT=json). Every
// line passes through `redact`, so a token that ends up in an error message never reaches the logs.
import type { LogLevel as BoltLogLevel, Logger as BoltLogger } from "@slack/bolt";
import type { Config, LogFormat, LogLevel } from "./config";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function redact(text: string): string {
  return text
    .replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, "$1-***") // Slack tokens
    .replace(/((?:postgres(?:ql)?|mysql|mariadb|https?):\/\/[^:@\s/]+:)[^@\s]+@/g, "$1***@") // passwords in URLs
    .replace(/(client_secret"?\s*[:=]\s*"?)[^"&\s,}]+/g, "$1***"); // the OAuth client secret (the Web API client logs request bodies at debug)
}

/** Structured fields of a line (workspace, team, job, duration…): keys of the JSON object; the text format leaves them out. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const FIELDS = Symbol("log fields");
type FieldsArg = { [FIELDS]: LogFields };

/** Fields for one line: `log.info("digest posted", fields({ team: "Platform" }))`. */
export function fields(f: LogFields): FieldsArg {
  return { [FIELDS]: f };
}

export type Logger = BoltLogger & {
  child(name: string, fields?: LogFields): Logger;
  /** The same logger, with these fields on every line it writes. */
  with(fields: LogFields): Logger;
};

export type LogSink = (line: string) => void;

export type LoggerOptions = {
  format?: LogFormat;
  /** Values masked wherever they appear (signing secret, client secret, keys): what `redact`'s patterns cannot recognise. */
  secrets?: string[];
};

const stderr: LogSink = (l) => process.stderr.write(`${l}\n`);

/** The process's logger, as the configuration says: level, format, and its secrets masked. */
export function loggerFor(config: Config, sink: LogSink = stderr): Logger {
  return createLogger(config.logLevel, "okr-bot", sink, { format: config.logFormat, secrets: secretsOf(config) });
}

export function createLogger(
  level: LogLevel = "info",
  name = "okr-bot",
  sink: LogSink = stderr,
  opts: LoggerOptions = {},
  bound: LogFields = {},
): Logger {
  let current = level;
  let currentName = name;
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 8);
  const clean = (text: string) => secrets.reduce((t, s) => t.replaceAll(s, "***"), redact(text));
  const write = (at: LogLevel, args: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    // JSON: each string is cleaned before encoding; the patterns must not run on escaped text.
    sink(
      opts.format === "json" ? jsonLine(at, currentName, args, bound, clean) : clean(textLine(at, currentName, args)),
    );
  };
  return {
    debug: (...a: unknown[]) => write("debug", a),
    info: (...a: unknown[]) => write("info", a),
    warn: (...a: unknown[]) => write("warn", a),
    error: (...a: unknown[]) => write("error", a),
    setLevel: (l: BoltLogLevel) => {
      current = l as LogLevel;
    },
    getLevel: () => current as BoltLogLevel,
    setName: (n: string) => {
      currentName = n;
    },
    child: (n: string, f: LogFields = {}) =>
      createLogger(current, `${currentName}:${n}`, sink, opts, { ...bound, ...f }),
    with: (f: LogFields) => createLogger(current, currentName, sink, opts, { ...bound, ...f }),
  };
}

function isFields(a: unknown): a is FieldsArg {
  return typeof a === "object" && a !== null && FIELDS in a;
}

function textLine(at: LogLevel, name: string, args: unknown[]): string {
  const text = args
    .filter((a) => !isFields(a))
    .map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : safeJson(a)))
    .join(" ");
  return `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${name}] ${text}`;
}

const RESERVED = new Set(["time", "level", "name", "msg", "err"]);

/**
 * One JSON object: time, level, name, msg, the logger's and the line's fields, and the first error
 * as `err` (type, message, stack). Each string is redacted before it is encoded: JSON escaping
 * would hide a quoted secret from `redact`'s patterns.
 */
function jsonLine(at: LogLevel, name: string, args: unknown[], bound: LogFields, clean: (s: string) => string): string {
  const error = args.find((a): a is Error => a instanceof Error);
  const extra: LogFields = { ...bound };
  const parts: string[] = [];
  for (const a of args) {
    if (a === error) continue;
    if (isFields(a)) Object.assign(extra, a[FIELDS]);
    else parts.push(a instanceof Error ? a.message : typeof a === "string" ? a : safeJson(a));
  }
  const line: Record<string, unknown> = {
    time: new Date().toISOString(),
    level: at,
    name,
    msg: clean(parts.join(" ") || (error?.message ?? "")),
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v !== undefined && !RESERVED.has(k)) line[k] = typeof v === "string" ? clean(v) : v;
  }
  if (error) {
    const code = (error as { code?: unknown }).code;
    line.err = {
      type: error.name,
      message: clean(error.message),
      ...(typeof code === "string" ? { code } : {}),
      ...(error.stack ? { stack: clean(error.stack) } : {}),
    };
  }
  return safeJson(line);
}

/** Every secret of the configuration, as it may appear in text (keys in base64 and hex). */
function secretsOf(config: Config): string[] {
  const { slack } = config;
  const keys = slack.oauth ? [slack.oauth.tokenKeys.current, ...slack.oauth.tokenKeys.previous] : [];
  return [
    slack.botToken,
    slack.appToken,
    slack.signingSecret,
    slack.oauth?.clientSecret,
    slack.oauth?.stateSecret,
    ...keys.flatMap((k) => [k.toString("base64"), k.toString("base64url"), k.toString("hex")]),
  ].filter((s): s is string => typeof s === "string" && s !== "");
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
