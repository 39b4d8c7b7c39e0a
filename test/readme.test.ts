// The README's examples must work with the code as it is.
import fs from "node:fs";
import path from "node:path";
import { createProgram } from "../src/cli/program";
import { ENV_VARIABLES } from "../src/config";
import { parseOkrFile } from "../src/domain/okrFile";
import type { Database } from "../src/db/client";
import { JOB_NAMES } from "../src/jobs";
import { Metrics } from "../src/observability/metrics";

const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README.md", () => {
  it("shows a YAML example that the importer accepts", () => {
    const yaml = /## OKRs as code[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const parsed = parseOkrFile(yaml!);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("shows a company tree example, weights included, that the importer accepts", () => {
    const yaml = /### Company trees[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    const parsed = parseOkrFile(yaml!);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    expect(parsed.ok && parsed.file.teams[1]!.objectives[0]!.weight).toBe(2);
  });

  it("documents every configuration variable the code reads", () => {
    expect(ENV_VARIABLES.length).toBeGreaterThan(5);
    for (const v of ENV_VARIABLES) expect(readme).toContain(`| \`${v}\``);
  });

  it("lists every job", () => {
    for (const job of JOB_NAMES) expect(readme).toContain(`| \`${job}\``);
  });

  it("lists every command of the CLI", () => {
    const commands = createProgram().commands.map((c) => c.name());
    expect(commands).toContain("import");
    for (const c of commands) expect(readme).toMatch(new RegExp(`^okr-bot ${c}\\b`, "m"));
  });

  it("lists every metric /metrics serves", () => {
    const metrics = new Metrics();
    // Only registered: the database is read at a scrape, and nothing scrapes here.
    metrics.watchDatabase({} as Database);
    const names = metrics.registry.getMetricsAsArray().map((m) => m.name);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(readme).toContain(`| \`${name}\``);
  });
});
