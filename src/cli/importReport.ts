import type { ImportCounts, ImportReport } from "../services/importOkrs";

function line(what: string, c: ImportCounts): string {
  return `  ${what.padEnd(12)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
}

export function formatImportReport(file: string, report: ImportReport): string {
  const out = [
    `Imported ${file} into cycle ${report.cycle}:`,
    line("teams", report.teams),
    line("objectives", report.objectives),
    line("key results", report.keyResults),
  ];
  const warnings = report.warnings.filter((w) => w.severity === "warning");
  if (warnings.length > 0) {
    out.push(
      "",
      `${warnings.length} suggestion${warnings.length === 1 ? "" : "s"} from the OKR linter (not blocking):`,
    );
    for (const w of warnings)
      out.push(
        `  ${file}${w.line ? `:${w.line}` : ""}: ${w.path}: ${w.message}${w.suggestion ? `\n      e.g. ${w.suggestion}` : ""}`,
      );
  }
  const hints = report.warnings.filter((w) => w.severity === "hint");
  if (hints.length > 0) {
    out.push("", `Good to know (${hints.length}):`);
    for (const h of hints) out.push(`  ${file}${h.line ? `:${h.line}` : ""}: ${h.path}: ${h.message}`);
  }
  if (report.notInFile.length > 0) {
    out.push("", "In the database for this cycle but not in the file (left unchanged):");
    for (const n of report.notInFile) out.push(`  ${n}`);
  }
  return out.join("\n");
}
