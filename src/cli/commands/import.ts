import fs from "node:fs";
import type { Command } from "commander";
import { loadSourcesConfig } from "../../config";
import { ImportError, importOkrs } from "../../services/importOkrs";
import { action } from "../action";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { formatImportReport } from "../importReport";
import { workspaceId } from "../values";
import { resolveWorkspace, WORKSPACE_OPTION } from "../workspace";

export function addImportCommand(program: Command): void {
  program
    .command("import")
    .usage("<file.yaml> [options]")
    .summary("import OKRs from a YAML file (all or nothing)")
    .description(
      'Import OKRs from a YAML file (the format is in README.md, "OKRs as code"). The whole file is checked first: any problem and nothing is written.',
    )
    .argument("<file.yaml>", "the OKR file")
    .option(...WORKSPACE_OPTION)
    .action(action(importCommand));
}

async function importCommand(file: string, opts: { workspace?: string }): Promise<number> {
  const workspaceFlag = workspaceId(opts.workspace);
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const sources = loadSourcesConfig();
  for (const problem of sources.problems) console.error(`warning: ${problem}`);
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, workspaceFlag);
    try {
      const report = await importOkrs(db, workspace.id, source, new Date(), sources.kinds);
      console.log(formatImportReport(file, report));
      return 0;
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      console.error(`${file}: not imported, nothing was written.`);
      for (const p of err.problems)
        console.error(`${file}${p.line ? `:${p.line}` : ""}: ${p.path ? `${p.path}: ` : ""}${p.message}`);
      return 1;
    }
  });
}
