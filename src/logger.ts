// A small leveled logger that also satisfies Bolt's Logger interface. Every line passes through
// `redact`, so a token that ends up in an error message never reaches the logs.
import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { LogLevel } from "./config";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function redact(text: string): string {
  return text
    .replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, "$1-***") // Slack tokens
    .replace(/(postgres(?:ql)?:\/\/[^:@\s/]+:)[^@\s]+@/g, "$1***@") // passwords in database URLs
    .replace(/(client_secret"?\s*[:=]\s*"?)[^"&\s,}]+/g, "$1***"); // the OAuth client secret (the Web API client logs request bodies at debug)
}

export type Logger = BoltLogger & { child(name: string): Logger };

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel = "info", name = "okr-bot", sink: LogSink = (l) => process.stderr.write(l + "\n")): Logger {
  let current = level;
  let currentName = name;
  const write = (at: LogLevel, args: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : safeJson(a))).join(" ");
    sink(redact(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${currentName}] ${text}`));
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
    child: (n: string) => createLogger(current, `${currentName}:${n}`, sink),
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
