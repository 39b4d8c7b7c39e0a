// The one place that reads process.env. Everything else receives a Config.
import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is required: the bot token from OAuth & Permissions, starting with xoxb-" })
    .regex(/^xoxb-/, { error: "should be a bot token starting with xoxb-" }),
  SLACK_SIGNING_SECRET: z
    .string({ error: "is required: the signing secret from Basic Information → App Credentials" })
    .min(1, { error: "is required: the signing secret from Basic Information → App Credentials" }),
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
});

/** Every environment variable the bot reads. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export type DatabaseConfig = { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

export type Config = {
  slack: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    /** Pacing of chat.postMessage for jobs: workspace-wide, and per channel. */
    postsPerSecond: number;
    postsPerChannelPerSecond: number;
  };
  port: number;
  database: DatabaseConfig;
  logLevel: LogLevel;
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

/** Only the database part, for commands that need no Slack credentials (migrate, import, export). */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = envSchema.shape.DATABASE_URL.safeParse(emptyToUndefined(env.DATABASE_URL));
  if (!parsed.success) throw new ConfigError([`DATABASE_URL ${parsed.error.issues[0]?.message}`]);
  return databaseConfig(parsed.data);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, emptyToUndefined(env[k])]));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    // Messages name the variable and what it should look like; values are never echoed (tokens).
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      postsPerSecond: e.SLACK_POSTS_PER_SECOND,
      postsPerChannelPerSecond: e.SLACK_POSTS_PER_CHANNEL_PER_SECOND,
    },
    port: e.PORT,
    database: databaseConfig(e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
  };
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === "" ? undefined : v;
}

/** The Slack Web API settings alone, for CLI commands that can use Slack but do not need it. */
export function loadSlackApiConfig(env: NodeJS.ProcessEnv = process.env): { botToken?: string; apiUrl?: string } {
  const token = envSchema.shape.SLACK_BOT_TOKEN.safeParse(emptyToUndefined(env.SLACK_BOT_TOKEN));
  const apiUrl = envSchema.shape.SLACK_API_URL.safeParse(emptyToUndefined(env.SLACK_API_URL));
  return { botToken: token.success ? token.data : undefined, apiUrl: apiUrl.success ? apiUrl.data : undefined };
}
