// The team tree and objective alignment: which team is whose parent, which objective serves which.
// Pure: the checks an OKR file must pass, given what the database already holds.
import type { FileProblem, OkrFile } from "./okrFile";
import { formatPath } from "./okrFile";

/** A team's parent by team name (null at the top). */
export type ParentOf = ReadonlyMap<string, string | null>;

/** The chain of ancestors from the parent up; stops (without repeating) on a cycle. */
export function ancestorsOf(team: string, parentOf: ParentOf): string[] {
  const out: string[] = [];
  const seen = new Set([team]);
  for (let p = parentOf.get(team) ?? null; p !== null && !seen.has(p); p = parentOf.get(p) ?? null) {
    out.push(p);
    seen.add(p);
  }
  return out;
}

/** The loop `team → … → team` the parent links make, or null when they reach the top. */
export function parentCycle(team: string, parentOf: ParentOf): string[] | null {
  const path = [team];
  for (let p = parentOf.get(team) ?? null; p !== null; p = parentOf.get(p) ?? null) {
    path.push(p);
    if (p === team) return path;
    if (path.indexOf(p) < path.length - 1) return null; // a loop above this team, reported for its own members
  }
  return null;
}

/** Teams ordered so that a parent comes before its children (teams not in a cycle only). */
export function parentsFirst<T extends { name: string }>(teams: readonly T[], parentOf: ParentOf): T[] {
  const depth = (t: T) => ancestorsOf(t.name, parentOf).length;
  return teams
    .map((t, i) => ({ t, i, d: depth(t) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.t);
}

export const objectiveKey = (team: string, title: string) => `${team}\u0000${title}`;

/** What the database holds that an OKR file may refer to. */
export type StoredAlignment = {
  /** Teams in the database that the file does not list, with their parent's name. */
  teams: ParentOf;
  /** objectiveKey(team, title) of objectives stored in the file's cycle. */
  objectives: ReadonlySet<string>;
  /** objectiveKey(team, title) → a cycle key, for objectives stored only in other cycles. */
  otherCycles: ReadonlyMap<string, string>;
};

export const NOTHING_STORED: StoredAlignment = { teams: new Map(), objectives: new Set(), otherCycles: new Map() };

/** The team tree the file and the database make together: the file wins for the teams it lists. */
export function parentsAfterImport(file: OkrFile, stored: StoredAlignment): Map<string, string | null> {
  const parentOf = new Map(stored.teams);
  for (const team of file.teams) parentOf.set(team.name, team.parent ?? null);
  return parentOf;
}

/** Every `parent` and `aligns_to` in the file that cannot be, with its path. */
export function alignmentProblems(file: OkrFile, cycleKey: string, stored: StoredAlignment): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });
  const parentOf = parentsAfterImport(file, stored);
  const inFile = new Set<string>();
  for (const team of file.teams) for (const o of team.objectives) inFile.add(objectiveKey(team.name, o.title));

  file.teams.forEach((team, t) => {
    if (team.parent === undefined) return;
    if (!parentOf.has(team.parent)) add(["teams", t, "parent"], `no team is named "${team.parent}"`);
    else if (team.parent === team.name) add(["teams", t, "parent"], "a team cannot be its own parent");
    else {
      const cycle = parentCycle(team.name, parentOf);
      if (cycle) add(["teams", t, "parent"], `makes a cycle in the team tree: ${cycle.join(" → ")}`);
    }
  });
  if (problems.length > 0) return problems; // ancestors are meaningless until the tree is a tree

  for (const [t, team] of file.teams.entries()) {
    for (const [i, objective] of team.objectives.entries()) {
      const to = objective.aligns_to;
      if (!to) continue;
      const path = ["teams", t, "objectives", i, "aligns_to"];
      if (!parentOf.has(to.team)) {
        add([...path, "team"], `no team is named "${to.team}"`);
        continue;
      }
      const ancestors = ancestorsOf(team.name, parentOf);
      if (!ancestors.includes(to.team)) {
        const line =
          ancestors.length > 0
            ? `its ancestors are ${ancestors.map((a) => `"${a}"`).join(", ")}`
            : `"${team.name}" has no parent team`;
        add([...path, "team"], `"${to.team}" is not an ancestor of "${team.name}": ${line}`);
        continue;
      }
      const key = objectiveKey(to.team, to.objective);
      if (inFile.has(key) || stored.objectives.has(key)) continue;
      const other = stored.otherCycles.get(key);
      add(
        [...path, "objective"],
        other
          ? `"${to.objective}" is an objective of ${other}, not of ${cycleKey}: an objective aligns within its own cycle`
          : `"${to.team}" has no objective "${to.objective}" in ${cycleKey}`,
      );
    }
  }
  return problems;
}

export type ServedObjective = { team: string; title: string };

/** An objective and those it serves up the tree: [its own, the one it aligns to, that one's, …]. */
export function servedLine(
  objectiveId: number,
  objectives: ReadonlyMap<number, ServedObjective & { alignsToId: number | null }>,
): ServedObjective[] {
  const line: ServedObjective[] = [];
  const seen = new Set<number>();
  for (let id: number | null = objectiveId; id !== null && !seen.has(id); ) {
    const o = objectives.get(id);
    if (!o) break;
    seen.add(id);
    line.push({ team: o.team, title: o.title });
    id = o.alignsToId;
  }
  return line;
}
