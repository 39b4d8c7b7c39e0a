// The one place that reads process.env. Everything else receives a Config.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseKey } from "./db/tokenCipher";
import {
  describeSourceProblem,
  parseSourcesFile,
  type SourceEntry,
  type SourceKind,
  type ValueOrEnv,
} from "./domain/sources";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ["text", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const KEY_HINT = "should be 32 random bytes in base64, e.g. from `openssl rand -base64 32`";

const envSchema = z.object({
  // One workspace: its bot token. Several: the OAuth variables below instead (see modeProblems).
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, { error: "should be a bot token starting with xoxb-" })
    .optional(),
  SLACK_CLIENT_ID: z
    .string()
    .regex(/^\d+\.\d+$/, {
      error: "should be the Client ID from Basic Information → App Credentials, e.g. 1234567890.1234567890",
    })
    .optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, { error: "should be a random string of at least 16 characters (it signs the OAuth state)" })
    .optional(),
  SLACK_REDIRECT_URI: z
    .url({
      error:
        "should be the bot's public URL of /slack/oauth_redirect, e.g. https://okr.example.com/slack/oauth_redirect",
    })
    .optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine((v) => parseKey(v) !== null, { error: KEY_HINT })
    .optional(),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .refine((v) => v.split(",").every((k) => parseKey(k) !== null), {
      error: `should be a comma-separated list of earlier keys, each ${KEY_HINT.replace("should be ", "")}`,
    })
    .optional(),
  // Required over HTTP (see modeProblems); Socket Mode's requests come through the app-level token's socket.
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, { error: "should be an app-level token starting with xapp- (only for Socket Mode)" })
    .optional(),
  SLACK_API_URL: z
    .url({ error: "should be the base URL of the Slack Web API, e.g. https://slack.com/api/" })
    .optional(),
  PORT: z.coerce
    .number({ error: "should be a TCP port number, e.g. 3000" })
    .int({ error: "should be a TCP port number, e.g. 3000" })
    .min(0, { error: "should be a TCP port number, e.g. 3000" })
    .max(65535, { error: "should be a TCP port number, e.g. 3000" })
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, {
      error: "should be file:./path/to.db (SQLite) or postgresql://user@host:5432/db",
    })
    .optional(),
  SLACK_POSTS_PER_SECOND: z.coerce
    .number({ error: "should be a number of messages per second, e.g. 5" })
    .positive({ error: "should be a number of messages per second, e.g. 5" })
    .default(5),
  SLACK_POSTS_PER_CHANNEL_PER_SECOND: z.coerce
    .number({ error: "should be a number of messages per second, e.g. 1" })
    .positive({ error: "should be a number of messages per second, e.g. 1" })
    .default(1),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `should be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  LOG_FORMAT: z
    .enum(LOG_FORMATS, { error: `should be one of ${LOG_FORMATS.join(", ")} (json: one JSON object per line)` })
    .default("text"),
  // Unset: /metrics is served on PORT. Set: only on this port, so it is not exposed with /slack/events.
  METRICS_PORT: z.coerce
    .number({ error: "should be a TCP port number for /metrics, e.g. 9464" })
    .int({ error: "should be a TCP port number for /metrics, e.g. 9464" })
    .min(0, { error: "should be a TCP port number for /metrics, e.g. 9464" })
    .max(65535, { error: "should be a TCP port number for /metrics, e.g. 9464" })
    .optional(),
  /** The operator's sources of measured values (YAML; see the README). */
  SOURCES_FILE: z.string().optional(),
});

/** Every environment variable the bot reads. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export type DatabaseConfig =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

/** Multi-workspace mode: the app's OAuth credentials and the key its stored tokens are encrypted with. */
export type OAuthConfig = {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  redirectUri?: string;
  tokenKeys: { current: Buffer; previous: Buffer[] };
};

export type Config = {
  slack: {
    /** Single-workspace mode (exactly one of botToken and oauth is set). */
    botToken?: string;
    oauth?: OAuthConfig;
    /** Verifies HTTP requests; absent in Socket Mode. */
    signingSecret: string | undefined;
    appToken?: string;
    apiUrl?: string;
    /** Pacing of chat.postMessage for jobs: workspace-wide, and per channel. */
    postsPerSecond: number;
    postsPerChannelPerSecond: number;
  };
  port: number;
  database: DatabaseConfig;
  logLevel: LogLevel;
  /** Absent: text. */
  logFormat?: LogFormat;
  /** Where /metrics is served when not on `port`. */
  metricsPort?: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export const DEFAULT_SQLITE_FILE = "./data/okr.db";

export function databaseConfig(url: string | undefined): DatabaseConfig {
  if (!url) return { provider: "sqlite", url: `file:${DEFAULT_SQLITE_FILE}`, file: path.resolve(DEFAULT_SQLITE_FILE) };
  if (url.startsWith("file:")) return { provider: "sqlite", url, file: path.resolve(url.slice("file:".length)) };
  return { provider: "postgresql", url };
}

/** The V8 and Node flags the process was started with: its command line and NODE_OPTIONS. */
export function nodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean)];
}

/** Only the database part, for commands that need no Slack credentials (migrate, import, export). */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = envSchema.shape.DATABASE_URL.safeParse(emptyToUndefined(env.DATABASE_URL));
  if (!parsed.success) throw new ConfigError([`DATABASE_URL ${parsed.error.issues[0]?.message}`]);
  return databaseConfig(parsed.data);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, emptyToUndefined(env[k])]));
  const parsed = envSchema.safeParse(raw);
  // Messages name the variable and what it should look like; values are never echoed (tokens).
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`)),
    ...modeProblems(raw),
    ...(raw.SLACK_SIGNING_SECRET === undefined && raw.SLACK_APP_TOKEN === undefined
      ? [
          "SLACK_SIGNING_SECRET is required: the signing secret from Basic Information → App Credentials (or, for Socket Mode, SLACK_APP_TOKEN)",
        ]
      : []),
    ...(parsed.success &&
    parsed.data.METRICS_PORT !== undefined &&
    parsed.data.METRICS_PORT !== 0 &&
    parsed.data.METRICS_PORT === parsed.data.PORT
      ? [`METRICS_PORT is the same as PORT: leave it unset to serve /metrics on PORT, or give it a port of its own`]
      : []),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      oauth: e.SLACK_CLIENT_ID
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET!,
            stateSecret: e.SLACK_STATE_SECRET!,
            redirectUri: e.SLACK_REDIRECT_URI,
            tokenKeys: loadTokenKeys(env),
          }
        : undefined,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      postsPerSecond: e.SLACK_POSTS_PER_SECOND,
      postsPerChannelPerSecond: e.SLACK_POSTS_PER_CHANNEL_PER_SECOND,
    },
    port: e.PORT,
    database: databaseConfig(e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
  };
}

const OAUTH_VARIABLES = [
  "SLACK_CLIENT_ID",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "TOKEN_ENCRYPTION_KEY",
] as const;

/** One workspace (SLACK_BOT_TOKEN) or several (the OAuth variables, all of them): never both, never neither. */
function modeProblems(raw: Record<string, string | undefined>): string[] {
  const oauthSet = OAUTH_VARIABLES.filter((k) => raw[k] !== undefined);
  if (raw.SLACK_BOT_TOKEN !== undefined) {
    return oauthSet.length > 0
      ? [
          `SLACK_BOT_TOKEN and ${oauthSet.join(", ")} are both set: use SLACK_BOT_TOKEN for one workspace, or the OAuth variables to install in several, not both`,
        ]
      : [];
  }
  if (oauthSet.length === 0) {
    return [
      `SLACK_BOT_TOKEN is required: the bot token from OAuth & Permissions, starting with xoxb- (or, to install okr-bot in several workspaces, ${OAUTH_VARIABLES.join(", ")})`,
    ];
  }
  return OAUTH_VARIABLES.filter((k) => raw[k] === undefined).map(
    (k) =>
      `${k} is required to install okr-bot in several workspaces (${oauthSet.join(", ")} ${oauthSet.length === 1 ? "is" : "are"} set)`,
  );
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v;
}

/** The token encryption keys alone, for `okr-bot rekey` (which needs no Slack credentials). */
export function loadTokenKeys(env: NodeJS.ProcessEnv = process.env): OAuthConfig["tokenKeys"] {
  const current = emptyToUndefined(env.TOKEN_ENCRYPTION_KEY);
  const previous = emptyToUndefined(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS);
  const problems = [
    ...(current === undefined
      ? [`TOKEN_ENCRYPTION_KEY is required: the key to encrypt the tokens with from now on`]
      : []),
    ...(current !== undefined && !envSchema.shape.TOKEN_ENCRYPTION_KEY.safeParse(current).success
      ? [`TOKEN_ENCRYPTION_KEY ${KEY_HINT}`]
      : []),
    ...(previous !== undefined && !envSchema.shape.TOKEN_ENCRYPTION_PREVIOUS_KEYS.safeParse(previous).success
      ? [`TOKEN_ENCRYPTION_PREVIOUS_KEYS should be a comma-separated list of earlier keys`]
      : []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    current: parseKey(current!)!,
    previous: (previous ?? "")
      .split(",")
      .filter((k) => k.trim() !== "")
      .map((k) => parseKey(k)!),
  };
}

/** The Slack Web API settings alone, for CLI commands that can use Slack but do not need it. */
export function loadSlackApiConfig(env: NodeJS.ProcessEnv = process.env): { botToken?: string; apiUrl?: string } {
  const token = envSchema.shape.SLACK_BOT_TOKEN.safeParse(emptyToUndefined(env.SLACK_BOT_TOKEN));
  const apiUrl = envSchema.shape.SLACK_API_URL.safeParse(emptyToUndefined(env.SLACK_API_URL));
  return { botToken: token.success ? token.data : undefined, apiUrl: apiUrl.success ? apiUrl.data : undefined };
}

/** A source from SOURCES_FILE with its `{ env: NAME }` values read; secrets lists them for redaction. */
export type ResolvedSource = {
  name: string;
  kind: SourceKind;
  /** Absent only for a csv file read from `path`. */
  url?: string;
  path?: string;
  headers: Record<string, string>;
  allowParams: boolean;
  timeoutMs: number;
  maxBytes: number;
  concurrency: number;
  retries: number;
};

export type SourcesConfig = {
  file?: string;
  sources: ResolvedSource[];
  /** Every well-formed source by name, usable or not (an environment variable may be missing here). */
  kinds: Map<string, SourceKind>;
  /** Sources that could not be used, by name: what is wrong (the others still work). */
  broken: Map<string, string>;
  /** Every problem in the file, as a sentence naming its place. */
  problems: string[];
  /** The values read from the environment, never to be shown. */
  secrets: string[];
};

export const SOURCE_DEFAULTS = { timeoutMs: 5_000, maxBytes: 1_000_000, concurrency: 4, retries: 2 };

export function noSources(): SourcesConfig {
  return { sources: [], kinds: new Map(), broken: new Map(), problems: [], secrets: [] };
}

/** Reads SOURCES_FILE (unset: no sources) and the environment variables it names. */
export function loadSourcesConfig(env: NodeJS.ProcessEnv = process.env): SourcesConfig {
  const file = emptyToUndefined(env.SOURCES_FILE);
  const empty: SourcesConfig = { ...noSources(), file };
  if (file === undefined) return empty;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return { ...empty, problems: [`SOURCES_FILE ${file} cannot be read: ${(err as NodeJS.ErrnoException).code}`] };
  }
  const parsed = parseSourcesFile(text);
  const out: SourcesConfig = { ...empty, problems: parsed.problems.map((p) => describeSourceProblem(p, file)) };
  for (const p of parsed.problems)
    if (p.source !== undefined && !out.broken.has(p.source)) out.broken.set(p.source, `${p.path}: ${p.message}`);
  parsed.sources.forEach((entry) => {
    out.kinds.set(entry.name, entry.kind);
    const missing: string[] = [];
    const read = (v: ValueOrEnv): string => {
      if (typeof v === "string") return v;
      const value = emptyToUndefined(env[v.env]);
      if (value === undefined) {
        missing.push(v.env);
        return "";
      }
      out.secrets.push(value);
      return value;
    };
    const resolved = resolveSource(entry, read);
    if (missing.length > 0) {
      const message = `environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not set`;
      out.broken.set(entry.name, message);
      out.problems.push(`${file}: source ${entry.name}: ${message}`);
    } else out.sources.push(resolved);
  });
  return out;
}

function resolveSource(entry: SourceEntry, read: (v: ValueOrEnv) => string): ResolvedSource {
  const headers = "headers" in entry && entry.headers ? entry.headers : {};
  return {
    name: entry.name,
    kind: entry.kind,
    url: entry.url === undefined ? undefined : read(entry.url),
    path: entry.kind === "csv" ? entry.path : undefined,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, read(v)])),
    allowParams: entry.kind === "http-json" && entry.allow_params === true,
    timeoutMs: entry.timeout_seconds !== undefined ? entry.timeout_seconds * 1000 : SOURCE_DEFAULTS.timeoutMs,
    maxBytes: entry.max_bytes ?? SOURCE_DEFAULTS.maxBytes,
    concurrency: entry.concurrency ?? SOURCE_DEFAULTS.concurrency,
    retries: entry.retries ?? SOURCE_DEFAULTS.retries,
  };
}
