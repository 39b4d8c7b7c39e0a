// Imports an OKR file into the database in one transaction: any error and nothing is written.
// Teams are matched by name, objectives by title within team and cycle, key results by title
// within their objective; importing the same file twice changes nothing.
import { replaceCoOwners, replaceManagers } from "../db/roles";
import {
  alignmentProblems,
  objectiveKey,
  parentsAfterImport,
  parentsFirst,
  type StoredAlignment,
} from "../domain/alignment";
import { DEFAULT_WEIGHT } from "../domain/rollup";
import { parseTarget, storedShape, type StoredShape } from "../domain/targets";
import { hasErrors, lintOkrs, type Finding } from "../domain/lint";
import { parseOkrFile, parsePath, type FileProblem, type OkrFile, type OkrFileKeyResult } from "../domain/okrFile";
import { keyResultSourceProblem, type SourceKind, sourceSpecJson } from "../domain/sources";
import { parseCycleKey, quarterOf } from "../domain/time";
import { weekdayNumber } from "../domain/types";
import { ensureCycle } from "../db/cycles";
import { activeKeyResultsBut, createKeyResult, keyResultWithCoOwnersByTitle, updateKeyResult } from "../db/keyResults";
import {
  insertObjective,
  objectiveByTitle,
  objectiveIdByTitle,
  objectivesBut,
  objectivesTitled,
  updateObjective,
} from "../db/objectives";
import { ensurePerson } from "../db/people";
import { createTeam, teamTreeOf, teamWithManagersNamed, updateTeam } from "../db/teams";
import { inTransaction } from "../db/transaction";
import type { Db, Team, Tx } from "../db/types";

/** Cycles are workspace-wide quarters; their boundaries are taken in UTC. */
export const CYCLE_TIME_ZONE = "UTC";

export const IMPORT_TIMEOUT_MS = 5 * 60_000;

export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ImportReport = {
  cycle: string;
  teams: ImportCounts;
  objectives: ImportCounts;
  keyResults: ImportCounts;
  /** The linter's findings, with their line in the file. */
  warnings: Array<Finding & { line?: number }>;
  /** Objectives and key results in the database for this cycle that the file does not mention. */
  notInFile: string[];
};

export class ImportError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(
      problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.path ? `${p.path}: ` : ""}${p.message}`).join("\n"),
    );
    this.name = "ImportError";
  }
}

export function parseOrThrow(source: string) {
  const parsed = parseOkrFile(source);
  if (!parsed.ok) throw new ImportError(parsed.problems);
  return parsed;
}

/** Lint findings for every team in the file, with paths from the file's root. */
export function lintFile(file: OkrFile): Finding[] {
  return file.teams.flatMap((team, t) =>
    lintOkrs({
      objectives: team.objectives.map((o) => ({
        title: o.title,
        owner: o.owner,
        weight: o.weight,
        aligned: o.aligns_to !== undefined,
        keyResults: o.key_results.map((kr) => ({
          title: kr.title,
          owner: kr.owner,
          baseline: kr.baseline,
          target: kr.target,
          coOwners: kr.co_owners,
          measuredBy: kr.measured_by,
          unit: kr.unit,
        })),
      })),
    }).map((f) => ({ ...f, path: `teams[${t}].${f.path}` })),
  );
}

/** The operator's sources (SOURCES_FILE): a key result may name only these, with the field its kind reads. */
export type KnownSources = ReadonlyMap<string, SourceKind>;

/** Key results naming a source that is not configured, or giving it the wrong field. */
export function sourceProblems(file: OkrFile, known: KnownSources): Array<{ path: string; message: string }> {
  return file.teams.flatMap((team, t) =>
    team.objectives.flatMap((o, i) =>
      o.key_results.flatMap((kr, k) => {
        if (!kr.source) return [];
        const path = `teams[${t}].objectives[${i}].key_results[${k}].source`;
        const kind = known.get(kr.source.name);
        if (kind === undefined)
          return [
            {
              path: `${path}.name`,
              message:
                known.size === 0
                  ? `"${kr.source.name}" is not a configured source: no sources file (SOURCES_FILE) is set`
                  : `"${kr.source.name}" is not a configured source (known: ${[...known.keys()].join(", ")})`,
            },
          ];
        const problem = keyResultSourceProblem(kind, kr.source);
        return problem ? [{ path, message: problem }] : [];
      }),
    ),
  );
}

export async function importOkrs(
  db: Db,
  workspaceId: number,
  source: string,
  now: Date,
  knownSources: KnownSources = new Map(),
): Promise<ImportReport> {
  const { file, lineOf } = parseOrThrow(source);
  const unknown = sourceProblems(file, knownSources);
  if (unknown.length > 0) throw new ImportError(unknown.map((p) => ({ ...p, line: lineOf(parsePath(p.path)) })));
  const findings = lintFile(file).map((f) => ({ ...f, line: lineOf(parsePath(f.path)) }));
  if (hasErrors(findings)) {
    throw new ImportError(
      findings.filter((f) => f.severity === "error").map((f) => ({ path: f.path, line: f.line, message: f.message })),
    );
  }
  const span = file.cycle ? parseCycleKey(file.cycle, CYCLE_TIME_ZONE) : quarterOf(now, CYCLE_TIME_ZONE);

  const report: ImportReport = {
    cycle: span.key,
    teams: counts(),
    objectives: counts(),
    keyResults: counts(),
    warnings: findings,
    notInFile: [],
  };
  // All or nothing, so one transaction; a file of a thousand key results takes longer than
  // Prisma's default 5 s for an interactive transaction, so it gets minutes.
  await inTransaction(
    db,
    async (tx) => {
      const teams = await teamTreeOf(tx, workspaceId);
      const stored = await storedAlignment(tx, workspaceId, file, span.key, teams);
      const problems = alignmentProblems(file, span.key, stored);
      if (problems.length > 0) throw new ImportError(problems.map((p) => ({ ...p, line: lineOf(parsePath(p.path)) })));
      const cycle = await ensureCycle(tx, workspaceId, span);
      const teamIds = new Map(teams.map((t) => [t.name, t.id]));
      // Parents before children, so a parent team and the objectives aligned to exist when referred to.
      for (const team of parentsFirst(file.teams, parentsAfterImport(file, stored))) {
        await importTeam(tx, workspaceId, cycle.id, team, report, teamIds);
      }
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
  return report;
}

/**
 * Baseline, target and direction as stored from a file's key result (see storedShape). Re-importing
 * an exported measure-first key result whose first check-in set its baseline keeps that baseline.
 */
export function keyResultShape(
  kr: Pick<OkrFileKeyResult, "baseline" | "target" | "direction">,
  measured?: { baseline: number; target: number } | null,
): StoredShape {
  const spec = parseTarget(kr.target)!; // the file schema refuses a target parseTarget cannot read
  const shape = storedShape(kr.baseline ?? measured?.baseline ?? null, spec, kr.direction);
  return { ...shape, baselineFromCheckIn: kr.baseline === undefined };
}

function counts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

function tally(c: ImportCounts, outcome: keyof ImportCounts) {
  c[outcome] += 1;
}

/** Whether any field of `data` differs from `existing`. */
function changed<T extends object>(existing: T, data: Partial<T>): boolean {
  return Object.entries(data).some(([k, v]) => (existing as Record<string, unknown>)[k] !== v);
}

async function personId(tx: Tx, workspaceId: number, slackUserId: string | undefined): Promise<number | null> {
  return slackUserId ? (await ensurePerson(tx, workspaceId, slackUserId)).id : null;
}

/** The teams, and the objectives the file aligns to, that the database holds outside the file. */
async function storedAlignment(
  tx: Tx,
  workspaceId: number,
  file: OkrFile,
  cycleKey: string,
  teams: ReadonlyArray<Pick<Team, "id" | "name" | "parentId">>,
): Promise<StoredAlignment> {
  const listed = new Set(file.teams.map((t) => t.name));
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const targets = file.teams.flatMap((t) => t.objectives.flatMap((o) => (o.aligns_to ? [o.aligns_to] : [])));
  const objectives =
    targets.length === 0 ? [] : await objectivesTitled(tx, workspaceId, [...new Set(targets.map((a) => a.objective))]);
  const inCycle = new Set<string>();
  const otherCycles = new Map<string, string>();
  for (const o of objectives) {
    const key = objectiveKey(o.team.name, o.title);
    if (o.cycle.key === cycleKey) inCycle.add(key);
    else otherCycles.set(key, o.cycle.key);
  }
  return {
    teams: new Map(
      teams
        .filter((t) => !listed.has(t.name))
        .map((t) => [t.name, t.parentId !== null ? (names.get(t.parentId) ?? null) : null]),
    ),
    objectives: inCycle,
    otherCycles,
  };
}

async function importTeam(
  tx: Tx,
  workspaceId: number,
  cycleId: number,
  team: OkrFile["teams"][number],
  report: ImportReport,
  teamIds: Map<string, number>,
) {
  const data = {
    parentId: team.parent !== undefined ? teamIds.get(team.parent)! : null,
    channelId: team.channel,
    checkinDay: weekdayNumber(team.checkin?.day ?? "monday"),
    checkinTime: team.checkin?.time ?? "09:00",
    digestDay: weekdayNumber(team.digest?.day ?? "friday"),
    digestTime: team.digest?.time ?? "16:00",
    timezone: team.timezone ?? "UTC",
    cadence: team.checkin?.cadence ?? "weekly",
    graceMinutes: team.checkin?.grace_minutes ?? null,
    reminderDelayHours: team.reminders?.after_hours ?? 24,
    escalateAfter: team.reminders?.escalate_after ?? 2,
    chartEveryWeeks: team.digest?.chart_every_weeks ?? 1,
    retroOpensDaysBefore: team.retro?.opens_days_before ?? 7,
  };
  const existing = await teamWithManagersNamed(tx, workspaceId, team.name);
  const sameManagers =
    existing !== null &&
    existing.managers
      .map((m) => m.person.slackUserId)
      .sort()
      .join() === [...new Set(team.managers)].sort().join();
  let teamId: number;
  if (!existing) {
    teamId = (await createTeam(tx, { workspaceId, name: team.name, ...data })).id;
    teamIds.set(team.name, teamId);
    tally(report.teams, "created");
  } else {
    teamId = existing.id;
    if (changed(existing, data) || !sameManagers) {
      await updateTeam(tx, teamId, data);
      tally(report.teams, "updated");
    } else tally(report.teams, "unchanged");
  }
  if (!sameManagers) await replaceManagers(tx, workspaceId, teamId, team.managers);

  const seenObjectives: number[] = [];
  for (const [position, objective] of team.objectives.entries()) {
    const ownerId = await personId(tx, workspaceId, objective.owner);
    const alignsToId = objective.aligns_to
      ? await objectiveIdByTitle(tx, teamIds.get(objective.aligns_to.team)!, cycleId, objective.aligns_to.objective)
      : null;
    // Aligned again: the note that it no longer was is over.
    const fields = {
      ownerId,
      why: objective.why ?? null,
      position,
      alignsToId,
      weight: objective.weight ?? DEFAULT_WEIGHT,
      ...(alignsToId !== null ? { unalignedFrom: null, unalignedAt: null } : {}),
    };
    const found = await objectiveByTitle(tx, teamId, cycleId, objective.title);
    let objectiveId: number;
    if (!found) {
      objectiveId = (await insertObjective(tx, { teamId, cycleId, title: objective.title, ...fields })).id;
      tally(report.objectives, "created");
    } else {
      objectiveId = found.id;
      if (changed(found, fields)) {
        await updateObjective(tx, objectiveId, fields);
        tally(report.objectives, "updated");
      } else tally(report.objectives, "unchanged");
    }
    seenObjectives.push(objectiveId);

    const seenKrs: number[] = [];
    for (const [krPosition, kr] of objective.key_results.entries()) {
      seenKrs.push(await importKeyResult(tx, workspaceId, objectiveId, ownerId, krPosition, kr, report));
    }
    const others = await activeKeyResultsBut(tx, objectiveId, seenKrs);
    report.notInFile.push(...others.map((kr) => `${team.name} › ${objective.title} › ${kr.title}`));
  }
  const otherObjectives = await objectivesBut(tx, teamId, cycleId, seenObjectives);
  report.notInFile.push(...otherObjectives.map((o) => `${team.name} › ${o.title}`));
}

async function importKeyResult(
  tx: Tx,
  workspaceId: number,
  objectiveId: number,
  objectiveOwnerId: number | null,
  position: number,
  kr: OkrFileKeyResult,
  report: ImportReport,
): Promise<number> {
  const coOwners = [...new Set(kr.co_owners ?? [])].sort();
  const found = await keyResultWithCoOwnersByTitle(tx, objectiveId, kr.title);
  // A measure-first key result whose first check-in has set its baseline keeps it (the file still has none).
  const measured = found?.baselineFromCheckIn && found._count.checkIns > 0 ? found : null;
  const fields = {
    // A key result without its own owner is its objective owner's to check in on.
    ownerId: kr.owner ? await personId(tx, workspaceId, kr.owner) : objectiveOwnerId,
    ...keyResultShape(kr, measured),
    unit: kr.unit ?? null,
    measuredBy: kr.measured_by ?? null,
    sourceName: kr.source?.name ?? null,
    sourceSpec: kr.source ? sourceSpecJson(kr.source) : null,
    auto: kr.auto ?? false,
    directionSet: kr.direction !== undefined,
    position,
    // A key result in the file is active, even if it was archived in Slack before.
    archivedAt: null,
    weight: kr.weight ?? DEFAULT_WEIGHT,
  };
  const setCoOwners = (keyResultId: number) => replaceCoOwners(tx, workspaceId, keyResultId, coOwners);
  if (!found) {
    const created = await createKeyResult(tx, { objectiveId, title: kr.title, ...fields });
    await setCoOwners(created.id);
    tally(report.keyResults, "created");
    return created.id;
  }
  const sameCoOwners =
    found.coOwners
      .map((c) => c.person.slackUserId)
      .sort()
      .join() === coOwners.join();
  if (changed(found, fields) || !sameCoOwners) {
    await updateKeyResult(tx, found.id, fields);
    if (!sameCoOwners) await setCoOwners(found.id);
    tally(report.keyResults, "updated");
  } else tally(report.keyResults, "unchanged");
  return found.id;
}
