import type { Command } from "commander";
import { cyclesOf, findCycle } from "../../db/cycles";
import { formatRecord } from "../../domain/records";
import { quarterOf } from "../../domain/time";
import { cycleRecord } from "../../services/cycleRecords";
import { exportOkrsYaml } from "../../services/exportOkrs";
import { CYCLE_TIME_ZONE } from "../../services/importOkrs";
import { action } from "../action";
import { withDatabase } from "../database";
import { CliError } from "../errors";
import { cycleKey, EXPORT_FORMATS, exportFormat, workspaceId } from "../values";
import { resolveWorkspace, WORKSPACE_OPTION } from "../workspace";

export function addExportCommand(program: Command): void {
  program
    .command("export")
    .summary("print a cycle's OKRs as YAML, or its retro and check-in history as Markdown, CSV or JSON")
    .description(
      "Print a cycle's OKRs as YAML (what import reads), or its retro and check-in history as Markdown, CSV or JSON: " +
        "per key result its baseline, target, final value, score, retro answers and every check-in.",
    )
    .option("--cycle <quarter>", "the cycle, e.g. 2026-Q4 (default: the current quarter)")
    .option("--format <format>", `one of ${EXPORT_FORMATS.join(", ")}`, "yaml")
    .option(...WORKSPACE_OPTION)
    .action(action(exportCommand));
}

async function exportCommand(opts: { cycle?: string; format: string; workspace?: string }): Promise<number> {
  const format = exportFormat(opts.format);
  const chosenCycle = cycleKey(opts.cycle);
  const workspaceFlag = workspaceId(opts.workspace);
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, workspaceFlag);
    const cycle = chosenCycle ?? quarterOf(new Date(), CYCLE_TIME_ZONE).key;
    if (!(await findCycle(db, workspace.id, cycle))) {
      const known = (await cyclesOf(db, workspace.id)).map((c) => c.key);
      throw new CliError(
        `There are no OKRs for ${cycle}${known.length ? ` (cycles with OKRs: ${known.join(", ")})` : ": import some first"}.`,
      );
    }
    if (format === "yaml") process.stdout.write(await exportOkrsYaml(db, workspace.id, cycle));
    else process.stdout.write(formatRecord((await cycleRecord(db, workspace.id, cycle, new Date()))!, format));
    return 0;
  });
}
