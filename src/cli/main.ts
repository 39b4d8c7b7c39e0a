#!/usr/bin/env node
// okr-bot <command>: the one entry point for the bot, its jobs, migrations, import/export and demo.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, loadDatabaseConfig, loadSlackApiConfig, loadTokenKeys } from "../config";
import { openDatabase, type Database } from "../db/client";
import { findCycle } from "../db/cycles";
import { reencryptTokens } from "../db/installations";
import { TokenCipher } from "../db/tokenCipher";
import { migrate, MigrationError } from "../db/migrate";
import { isJobName, JOB_NAMES, leftForNextRun, runJob } from "../jobs";
import { observerFor, registerHolder, releaseDeadHolders } from "../services/claimHolders";
import { loggerFor, redact } from "../logger";
import { exportOkrsYaml } from "../services/exportOkrs";
import { cycleRecord } from "../services/cycleRecords";
import { forgetPerson } from "../services/forget";
import { formatRecord, RECORD_FORMATS, type RecordFormat } from "../domain/records";
import { CYCLE_TIME_ZONE, ImportError, importOkrs } from "../services/importOkrs";
import { createSlackClient } from "../slack/client";
import { connectSlack } from "../slack/connect";
import { isCycleKey, quarterOf } from "../domain/time";
import { CliError, resolveWorkspace } from "./workspace";
import { formatImportReport } from "./importReport";

/** `okr-bot job`'s exit code when some of what was due is left for the next run (an error exits 1). */
const EXIT_LEFT_FOR_NEXT_RUN = 3;

const USAGE = `Usage: okr-bot <command>

Commands:
  start                         run the bot (HTTP, or Socket Mode when SLACK_APP_TOKEN is set) and its scheduler
  migrate                       apply pending database migrations
  import <file.yaml>            import OKRs from a YAML file (all or nothing)
  export [--cycle 2026-Q4] [--format yaml|md|csv|json]
                                print a cycle's OKRs as YAML (default: the current quarter), or its
                                retro and check-in history as Markdown, CSV or JSON
  job <${JOB_NAMES.join("|")}> [--now <ISO-8601>] [--team <name>]
                                run one scheduled job once, as the scheduler would; exits 0 when
                                everything due was sent, failed for good (recorded) or is held by
                                a running okr-bot, ${EXIT_LEFT_FOR_NEXT_RUN} when some of it is left for the next run
  forget <slack-user-id>        remove a person's personal data (name, notes, retro answers) and keep
                                the numbers, anonymously: for people who leave
  rekey                         after changing TOKEN_ENCRYPTION_KEY: re-encrypt every stored Slack
                                token with it (the old key in TOKEN_ENCRYPTION_PREVIOUS_KEYS)
  demo                          play a whole OKR cycle against a local Slack sandbox

Options for import, export and forget:
  --workspace <team id>         the Slack workspace (default: the only one in the database, else the bot token's)
Jobs act on the bot token's workspace, or (installed through OAuth) on every workspace installed.

Configuration comes from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "start":
      return start();
    case "migrate":
      return migrateCommand();
    case "import":
      return importCommand(rest);
    case "export":
      return exportCommand(rest);
    case "job":
      return jobCommand(rest);
    case "forget":
      return forgetCommand(rest);
    case "rekey":
      return rekeyCommand();
    case "demo":
      // Loaded only here: Bolt and the sandbox are not needed by the other commands (nor their memory).
      return (await import("../demo/runDemo")).runDemo({ out: (line) => process.stdout.write(line + "\n") });
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

async function start(): Promise<number> {
  const config = loadConfig();
  const log = loggerFor(config);
  const { startBot } = await import("../server");
  const bot = await startBot(config, log);
  const shutdown = (signal: string) => {
    log.info(`${signal} received, shutting down`);
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        log.error("shutdown failed", err);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (err) => log.error("unhandled rejection", err));
  return new Promise<number>(() => undefined); // runs until a signal
}

async function migrateCommand(): Promise<number> {
  const result = await migrate(loadDatabaseConfig());
  console.log(result.applied.length ? `Applied: ${result.applied.join(", ")}` : "Database is up to date.");
  return 0;
}

/** Opens the (migrated) database for a one-off command and closes it afterwards. */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadDatabaseConfig();
  await migrate(config);
  const database = openDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function optionalSlack() {
  const { botToken, apiUrl } = loadSlackApiConfig();
  return botToken ? createSlackClient({ token: botToken, apiUrl }) : null;
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { workspace: { type: "string" } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError("usage: okr-bot import <file.yaml> [--workspace <team id>]");
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, values.workspace, optionalSlack());
    try {
      const report = await importOkrs(db, workspace.id, source, new Date());
      console.log(formatImportReport(file, report));
      return 0;
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      console.error(`${file}: not imported, nothing was written.`);
      for (const p of err.problems) console.error(`${file}${p.line ? `:${p.line}` : ""}: ${p.path ? `${p.path}: ` : ""}${p.message}`);
      return 1;
    }
  });
}

async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { cycle: { type: "string" }, workspace: { type: "string" }, format: { type: "string", default: "yaml" } } });
  if (values.cycle && !isCycleKey(values.cycle)) throw new CliError(`--cycle should be a quarter such as 2026-Q4`);
  const format = values.format;
  if (format !== "yaml" && !(RECORD_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format should be one of yaml, ${RECORD_FORMATS.join(", ")}`);
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, values.workspace, optionalSlack());
    const cycle = values.cycle ?? quarterOf(new Date(), CYCLE_TIME_ZONE).key;
    if (!(await findCycle(db, workspace.id, cycle))) {
      const known = (await db.cycle.findMany({ where: { workspaceId: workspace.id }, orderBy: { startsAt: "asc" } })).map((c) => c.key);
      throw new CliError(`There are no OKRs for ${cycle}${known.length ? ` (cycles with OKRs: ${known.join(", ")})` : ": import some first"}.`);
    }
    if (format === "yaml") process.stdout.write(await exportOkrsYaml(db, workspace.id, cycle));
    else process.stdout.write(formatRecord((await cycleRecord(db, workspace.id, cycle, new Date()))!, format as RecordFormat));
    return 0;
  });
}

async function forgetCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { workspace: { type: "string" } } });
  const user = positionals[0];
  if (!user || positionals.length > 1 || !/^[UW][A-Z0-9]{2,}$/.test(user)) throw new CliError("usage: okr-bot forget <slack-user-id, e.g. U0123ABCD> [--workspace <team id>]");
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, values.workspace, optionalSlack());
    const report = await forgetPerson(db, workspace.id, user, new Date());
    if (!report.found) {
      console.log(`${user} is not known in this workspace: nothing to forget.`);
      return 0;
    }
    console.log(
      `Forgot ${user}: notes and links removed from ${report.checkIns} check-ins and ${report.revisions} earlier versions, ` +
        `${report.retroAnswers} retro answers cleared, ${report.keyResultsLeftWithoutOwner} current key results left without an owner, ` +
        `${report.messages} message records scrubbed. Their numbers stay, anonymously.`,
    );
    return 0;
  });
}

async function jobCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { now: { type: "string" }, team: { type: "string" } },
  });
  const name = positionals[0];
  if (!name || !isJobName(name)) throw new CliError(`usage: okr-bot job <${JOB_NAMES.join("|")}> [--now <ISO-8601>] [--team <name>]`);
  const now = values.now ? parseNow(values.now) : new Date();
  const config = loadConfig();
  const log = loggerFor(config);
  return withDatabase(async ({ db }) => {
    const { clients } = await connectSlack(config, db, log);
    const registered = await registerHolder(db, log);
    try {
      await releaseDeadHolders(db, observerFor(registered.holder));
      const summary = await runJob(name, { db, slack: clients, now, log: log.child(`job:${name}`), holder: registered.holder }, { team: values.team });
      console.log(`${name} at ${now.toISOString()}: ${JSON.stringify(summary)}`);
      const left = leftForNextRun(summary);
      if (!left) return 0;
      console.error(`${name}: ${left}`);
      return EXIT_LEFT_FOR_NEXT_RUN;
    } finally {
      await registered.stop();
    }
  });
}

async function rekeyCommand(): Promise<number> {
  const keys = loadTokenKeys();
  const cipher = new TokenCipher(keys.current, keys.previous);
  return withDatabase(async ({ db }) => {
    const changed = await reencryptTokens(db, cipher);
    const total = await db.installation.count();
    console.log(`Re-encrypted ${changed} of ${total} installations with the current key; ${total - changed} already used it.`);
    return 0;
  });
}

function parseNow(value: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!ok || Number.isNaN(date.getTime())) throw new CliError(`--now should be an ISO-8601 time with a zone, e.g. 2026-11-23T09:00:00Z`);
  return date;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof CliError || err instanceof MigrationError) {
      console.error(redact(err.message));
    } else {
      console.error(redact(err instanceof Error ? (err.stack ?? err.message) : String(err)));
    }
    process.exitCode = 1;
  },
);

