// The OKR tree of a team and the teams below it, with each objective's figures. Pure.
import {
  DEFAULT_WEIGHT,
  rollUp,
  weightsDiffer,
  type AlignedObjective,
  type KeyResultShare,
  type RolledUp,
} from "./rollup";
import { CONFIDENCES, type Confidence } from "./types";

export type TreeTeam = { id: number; name: string; parentId: number | null };

export type TreeKeyResult = KeyResultShare & { confidence: Confidence | null };

export type TreeObjectiveInput = {
  id: number;
  teamId: number;
  title: string;
  ownerSlackId: string | null;
  alignsToId: number | null;
  /** Its share in the roll-up of the objective it aligns to; default 1. */
  weight?: number;
  /** Archived ones included (with `archived`), so an objective whose key results are all retired is known as archived. */
  keyResults: TreeKeyResult[];
};

export type TreeObjective = RolledUp & {
  id: number;
  title: string;
  ownerSlackId: string | null;
  /** The least confident of its key results' latest check-ins. */
  confidence: Confidence | null;
  /** Active key results. */
  keyResults: number;
  archived: boolean;
  /** How many objectives are aligned to it. */
  aligned: number;
  /** Its weight in its parent's roll-up, when the objectives aligned to that parent differ in weight (shown only then). */
  weight: number | null;
};

export type TreeNode = { id: number; name: string; depth: number; objectives: TreeObjective[]; children: TreeNode[] };

/** Every key result retired: the objective is over, and leaves its parent's roll-up. */
export function isArchivedObjective(o: Pick<TreeObjectiveInput, "keyResults">): boolean {
  return o.keyResults.length > 0 && o.keyResults.every((kr) => kr.archived);
}

/** The least confident of several (off track < at risk < on track); null when none was given. */
export function leastConfident(confidences: ReadonlyArray<Confidence | null>): Confidence | null {
  let worst: Confidence | null = null;
  for (const c of confidences)
    if (c && (worst === null || CONFIDENCES.indexOf(c) > CONFIDENCES.indexOf(worst))) worst = c;
  return worst;
}

/**
 * The weight of each active aligned objective whose siblings (the active objectives aligned to the
 * same one) differ in weight: weights are shown only then, like key results'.
 */
export function shownWeights(objectives: readonly TreeObjectiveInput[]): Map<number, number> {
  const siblings = new Map<number, TreeObjectiveInput[]>();
  for (const o of objectives)
    if (o.alignsToId !== null && !isArchivedObjective(o))
      siblings.set(o.alignsToId, [...(siblings.get(o.alignsToId) ?? []), o]);
  const shown = new Map<number, number>();
  for (const group of siblings.values())
    if (weightsDiffer(group)) for (const o of group) shown.set(o.id, o.weight ?? DEFAULT_WEIGHT);
  return shown;
}

/** Each objective's own figure and the roll-up of the objectives aligned to it (src/domain/rollup.ts). */
export function objectiveFigures(objectives: readonly TreeObjectiveInput[]): Map<number, RolledUp> {
  const children = new Map<number, TreeObjectiveInput[]>();
  for (const o of objectives)
    if (o.alignsToId !== null) children.set(o.alignsToId, [...(children.get(o.alignsToId) ?? []), o]);
  const aligned = (o: TreeObjectiveInput, seen: ReadonlySet<number>): AlignedObjective => ({
    keyResults: o.keyResults,
    ...(o.weight !== undefined ? { weight: o.weight } : {}),
    archived: isArchivedObjective(o),
    // `seen` guards against a loop the database should never hold.
    children: (children.get(o.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => aligned(c, new Set([...seen, c.id]))),
  });
  return new Map(objectives.map((o) => [o.id, rollUp(aligned(o, new Set([o.id])))]));
}

/** The tree from `rootId` down: teams in name order, each with its objectives in the given order. */
export function buildTree(
  rootId: number,
  teams: readonly TreeTeam[],
  objectives: readonly TreeObjectiveInput[],
): TreeNode | null {
  const figures = objectiveFigures(objectives);
  const weights = shownWeights(objectives);
  const alignedCount = new Map<number, number>();
  for (const o of objectives)
    if (o.alignsToId !== null && !isArchivedObjective(o))
      alignedCount.set(o.alignsToId, (alignedCount.get(o.alignsToId) ?? 0) + 1);
  const byTeam = new Map<number, TreeObjective[]>();
  for (const o of objectives) {
    const active = o.keyResults.filter((kr) => !kr.archived);
    byTeam.set(o.teamId, [
      ...(byTeam.get(o.teamId) ?? []),
      {
        id: o.id,
        title: o.title,
        ownerSlackId: o.ownerSlackId,
        ...figures.get(o.id)!,
        confidence: leastConfident(active.map((kr) => kr.confidence)),
        keyResults: active.length,
        archived: isArchivedObjective(o),
        aligned: alignedCount.get(o.id) ?? 0,
        weight: weights.get(o.id) ?? null,
      },
    ]);
  }
  const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name));
  const node = (team: TreeTeam, depth: number, seen: ReadonlySet<number>): TreeNode => ({
    id: team.id,
    name: team.name,
    depth,
    objectives: byTeam.get(team.id) ?? [],
    children: sorted
      .filter((t) => t.parentId === team.id && !seen.has(t.id))
      .map((t) => node(t, depth + 1, new Set([...seen, t.id]))),
  });
  const root = teams.find((t) => t.id === rootId);
  return root ? node(root, 0, new Set([root.id])) : null;
}

/** The top of the tree a team belongs to. */
export function topTeam(teamId: number, teams: readonly TreeTeam[]): number {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const seen = new Set<number>();
  let id = teamId;
  while (!seen.has(id)) {
    seen.add(id);
    const parent = byId.get(id)?.parentId;
    if (parent === null || parent === undefined) break;
    id = parent;
  }
  return id;
}

/** Every node of the tree, depth first. */
export function treeNodes(root: TreeNode): TreeNode[] {
  return [root, ...root.children.flatMap(treeNodes)];
}

/** The teams that may become `teamId`'s parent: any but itself and the teams below it (no cycles). */
export function eligibleParents<T extends TreeTeam>(teamId: number | null, teams: readonly T[]): T[] {
  if (teamId === null) return [...teams];
  const below = new Set([teamId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of teams)
      if (t.parentId !== null && below.has(t.parentId) && !below.has(t.id)) {
        below.add(t.id);
        grew = true;
      }
  }
  return teams.filter((t) => !below.has(t.id));
}

export type AlignGroup = { team: string; objectives: Array<{ id: number; title: string }> };

/** The objectives (of the cycle) of the teams above any of `teamIds`: what their objectives may align to. */
export function alignableObjectives(
  teams: ReadonlyArray<{ id: number; name: string; parentId: number | null }>,
  teamIds: readonly number[],
  objectives: ReadonlyArray<{ id: number; teamId: number; title: string }>,
): AlignGroup[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const above = new Set<number>();
  for (const id of teamIds) {
    const seen = new Set([id]);
    for (let p = byId.get(id)?.parentId ?? null; p !== null && !seen.has(p); p = byId.get(p)?.parentId ?? null) {
      above.add(p);
      seen.add(p);
    }
  }
  return [...above]
    .map((id) => byId.get(id)!)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({
      team: t.name,
      objectives: objectives.filter((o) => o.teamId === t.id).map((o) => ({ id: o.id, title: o.title })),
    }))
    .filter((g) => g.objectives.length > 0);
}
