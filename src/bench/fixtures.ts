// Generated OKRs for the benchmarks: `owners` people, each owning one key result, in teams of ten.
import type { DatabaseConfig } from "../config";
import type { SourceKind } from "../domain/sources";
import type { Db } from "../db/types";
import { ensureWorkspace } from "../db/workspaces";
import { quarterOf } from "../domain/time";
import type { SlackSandbox } from "../sandbox";
import type { LocalStack } from "../demo/localStack";
import { importOkrs } from "../services/importOkrs";

export const ownerId = (i: number) => `U0B${String(i).padStart(6, "0")}`;

/** Where the k-th key result's value is read from (the YAML `source:`), or undefined for a typed one. */
export type BenchSource = (k: number) => { name: string; query: string } | undefined;

/** Teams of `teamSize` owners (two objectives each), every owner with one key result. */
export function okrYaml(owners: number, teamSize = 10, cycle = "2026-Q4", source?: BenchSource): string {
  const lines = [`cycle: ${cycle}`, "teams:"];
  for (let t = 0; t * teamSize < owners; t++) {
    lines.push(
      `  - name: Team ${t + 1}`,
      `    channel: C0BENCH${t + 1}`,
      "    managers: [U0BMANAGER]",
      "    objectives:",
    );
    const members = Array.from({ length: Math.min(teamSize, owners - t * teamSize) }, (_, i) => t * teamSize + i);
    const half = Math.ceil(members.length / 2);
    for (const [o, group] of [members.slice(0, half), members.slice(half)].entries()) {
      if (group.length === 0) continue;
      lines.push(`      - title: Objective ${o + 1}`, "        owner: U0BLEAD", "        key_results:");
      for (const k of group) {
        lines.push(
          `          - title: Reduce incidents ${k + 1}`,
          `            owner: ${ownerId(k)}`,
          "            baseline: 8",
          "            target: 2",
          "            measured_by: Incident tracker",
        );
        const from = source?.(k);
        if (from) lines.push(`            source: { name: ${from.name}, query: ${JSON.stringify(from.query)} }`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Key results that name a source: which, and the sources the import accepts. */
export type SeedSources = { source: BenchSource; known: ReadonlyMap<string, SourceKind> };

export async function seed(stack: LocalStack, owners: number, sources?: SeedSources): Promise<void> {
  await seedInto(stack.bot.database.db, stack.sandbox, owners, stack.clock.now, sources);
}

/** The owners in the sandbox, and their key results in the database, in the quarter of `now`. */
export async function seedInto(
  db: Db,
  sandbox: SlackSandbox,
  owners: number,
  now: Date,
  sources?: SeedSources,
): Promise<void> {
  for (let i = 0; i < owners; i++) sandbox.addUser({ id: ownerId(i), name: `owner${i}`, tz: "UTC" });
  const workspace = await ensureWorkspace(db, sandbox.teamId);
  const yaml = okrYaml(owners, 10, quarterOf(now, "UTC").key, sources?.source);
  await importOkrs(db, workspace.id, yaml, now, sources?.known);
}

export type BenchDatabase = { config: DatabaseConfig; drop(): Promise<void> };
