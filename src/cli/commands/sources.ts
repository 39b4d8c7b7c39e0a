import type { Command } from "commander";
import { loadSourcesConfig } from "../../config";
import { teamNamed } from "../../db/teams";
import { checkSources } from "../../services/sourceCheck";
import { createSourceReader } from "../../sources/reader";
import { action } from "../action";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { workspaceId } from "../values";
import { resolveWorkspace, WORKSPACE_OPTION } from "../workspace";

export function addSourcesCommand(program: Command): void {
  const sources = program
    .command("sources")
    .summary("the sources of measured values (SOURCES_FILE)")
    .description("The sources key results read their values from, declared in the file SOURCES_FILE names.");
  sources
    .command("check")
    .summary("read every key result's source once and print its value or error")
    .description(
      "Read the source of every key result of the current cycle that names one, once, and print the value or the error. " +
        "Exits with 1 when any read fails or the sources file has a problem.",
    )
    .option("--team <name>", "only this team's key results")
    .option(...WORKSPACE_OPTION)
    .action(action(checkCommand));
}

async function checkCommand(opts: { team?: string; workspace?: string }): Promise<number> {
  const config = loadSourcesConfig();
  if (config.file === undefined) throw new CliError("SOURCES_FILE is not set: there are no sources to check.");
  for (const problem of config.problems) console.error(problem);
  const workspaceFlag = workspaceId(opts.workspace);
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, workspaceFlag);
    if (opts.team !== undefined && !(await teamNamed(db, workspace.id, opts.team)))
      throw new CliError(`There is no team named "${opts.team}".`);
    const checks = await checkSources(db, workspace.id, createSourceReader(config), new Date(), opts.team);
    if (checks.length === 0) console.log("No key result of the current cycle reads a source.");
    for (const c of checks) {
      const what = `${c.team} › ${c.keyResult}`;
      console.log(
        c.reading.ok
          ? `ok    ${what}: ${c.reading.value} (from ${c.reading.source})`
          : `FAIL  ${what}: ${c.reading.error}`,
      );
    }
    const failed = checks.filter((c) => !c.reading.ok).length;
    if (checks.length > 0) console.log(`${checks.length - failed} read, ${failed} failed.`);
    return failed > 0 || config.problems.length > 0 ? 1 : 0;
  });
}
