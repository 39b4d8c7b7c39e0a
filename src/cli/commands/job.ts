import type { Command } from "commander";
import { loadConfig, loadSourcesConfig } from "../../config";
import { JOB_NAMES, leftForNextRun, runJob, type JobName } from "../../jobs";
import { loggerFor } from "../../logger";
import { observerFor, registerHolder, releaseDeadHolders } from "../../services/claimHolders";
import { connectSlack } from "../../slack/connect";
import { createSourceReader } from "../../sources/reader";
import { action } from "../action";
import { withDatabase } from "../database";
import { EXIT_LEFT_FOR_NEXT_RUN } from "../errors";
import { isoTime, jobName } from "../values";

export function addJobCommand(program: Command): void {
  program
    .command("job")
    .usage(`<${JOB_NAMES.join("|")}> [options]`)
    .summary("run one scheduled job once, as the scheduler would")
    .description(
      "Run one scheduled job once, as the scheduler would, and finish what is due before exiting. Jobs act on the " +
        "bot token's workspace, or (installed through OAuth) on every workspace installed.",
    )
    .argument("<job>", `one of ${JOB_NAMES.join(", ")}`)
    .option("--now <ISO-8601>", "run as if it were this time, e.g. 2026-11-23T09:00:00Z (default: the current time)")
    .option("--team <name>", "only this team")
    .addHelpText(
      "after",
      `
Exit codes:
  0  everything due was sent, failed for good (recorded), or is held by a running okr-bot
  ${EXIT_LEFT_FOR_NEXT_RUN}  some of it is left for the next run (one line on stderr says how much)
  1  an error: configuration, database, Slack
  2  a usage error`,
    )
    .action(action(jobCommand));
}

async function jobCommand(nameArg: string, opts: { now?: string; team?: string }): Promise<number> {
  const name: JobName = jobName(nameArg);
  const now = isoTime(opts.now) ?? new Date();
  const config = loadConfig();
  const log = loggerFor(config);
  return withDatabase(async ({ db }) => {
    const { clients } = await connectSlack(config, db, log);
    const registered = await registerHolder(db, log);
    const sourcesConfig = loadSourcesConfig();
    for (const problem of sourcesConfig.problems) log.warn(`sources: ${problem}`);
    const sources = createSourceReader(sourcesConfig, () => now);
    try {
      await releaseDeadHolders(db, observerFor(registered.holder));
      const summary = await runJob(
        name,
        { db, slack: clients, now, log: log.child(`job:${name}`), holder: registered.holder, sources },
        { team: opts.team },
      );
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
