import { formatImportReport } from "../../src/cli/importReport";
import type { ImportReport } from "../../src/services/importOkrs";

describe("formatImportReport", () => {
  it("prints the linter's warnings as suggestions and its hints apart, with their lines", () => {
    const report: ImportReport = {
      cycle: "2026-Q4",
      teams: { created: 1, updated: 0, unchanged: 0 },
      objectives: { created: 1, updated: 0, unchanged: 0 },
      keyResults: { created: 2, updated: 0, unchanged: 0 },
      warnings: [
        {
          severity: "warning",
          code: "missing_measured_by",
          path: "teams[0].objectives[0].key_results[0].measured_by",
          line: 9,
          message: "No measured_by.",
          suggestion: "Name the source.",
        },
        {
          severity: "hint",
          code: "missing_baseline",
          path: "teams[0].objectives[0].key_results[1].baseline",
          line: 12,
          message: "No baseline yet: the first check-in will set it.",
        },
      ],
      notInFile: [],
    };
    const text = formatImportReport("okrs.yaml", report);
    expect(text).toContain(
      "1 suggestion from the OKR linter (not blocking):\n  okrs.yaml:9: teams[0].objectives[0].key_results[0].measured_by: No measured_by.",
    );
    expect(text).toContain(
      "Good to know (1):\n  okrs.yaml:12: teams[0].objectives[0].key_results[1].baseline: No baseline yet: the first check-in will set it.",
    );
  });
});
