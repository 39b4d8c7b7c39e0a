import { digestMessages, digestNotesMessages } from "../blocks/digest";
import { buildDigest, type Digest, type ObjectiveFacts } from "../domain/digest";
import { objectiveFigures } from "../domain/tree";
import { cycleObjectives } from "./tree";
import { isAway, lastAwayDay } from "../domain/away";
import { isCadence, periodOfWeek } from "../domain/periods";
import { dueInWeek, isoWeekKey, type Cycle as CycleSpan } from "../domain/time";
import { cycleAt } from "../db/cycles";
import { alignedObjectiveTargets, sharedKeyResults, teamObjectives, teamsInCycle } from "../db/okrs";
import { peopleWithPromptFor } from "../db/people";
import type { Cycle, Db, Team } from "../db/types";
import type { JobScope, ServiceDeps } from "./deps";
import { pendingCounter, sendOnce } from "./outbox";
import { uploadOnce } from "./uploads";
import { chartedObjectives, digestCharts, isChartWeek } from "../charts/digestCharts";
import { fields } from "../logger";

export function toSpan(cycle: Cycle): CycleSpan {
  return { key: cycle.key, startsAt: cycle.startsAt, endsAt: cycle.endsAt };
}

/** The team's digest for the period containing `now` (in the team's time zone). */
export async function teamDigest(db: Db, team: Team, cycle: Cycle, now: Date): Promise<Digest> {
  const cadence = isCadence(team.cadence) ? team.cadence : "weekly";
  const week = periodOfWeek(isoWeekKey(now, team.timezone), cadence);
  const objectives = await teamObjectives(db, team.id, cycle.id);
  const owners = [
    ...new Set(
      objectives.flatMap((o) => o.keyResults.map((kr) => kr.ownerSlackId)).filter((u): u is string => u !== null),
    ),
  ];
  const people = await peopleWithPromptFor(db, team.workspaceId, owners, week);
  const skipped = new Set(people.filter((p) => p.prompts.some((pr) => pr.skipped)).map((p) => p.slackUserId));
  const away = new Map(
    people
      .filter((p) => isAway(p, now) || p.prompts.some((pr) => pr.state === "away"))
      .map((p) => [p.slackUserId, lastAwayDay(p, now, p.tz ?? team.timezone)] as const),
  );
  return buildDigest({
    teamName: team.name,
    cycle: toSpan(cycle),
    week,
    now,
    timeZone: team.timezone,
    cadence,
    objectives: await withRollups(db, team, cycle, now, objectives),
    shared: await sharedKeyResults(db, team.id, cycle.id),
    skipped,
    away,
  });
}

/** The roll-up of the objectives aligned to each of the team's, when any are (one more read then). */
async function withRollups(
  db: Db,
  team: Team,
  cycle: Cycle,
  now: Date,
  objectives: ObjectiveFacts[],
): Promise<ObjectiveFacts[]> {
  const aligned = await alignedObjectiveTargets(db, team.id, cycle.id);
  if (aligned.length === 0) return objectives;
  const targets = new Set(aligned);
  const figures = objectiveFigures(await cycleObjectives(db, team.workspaceId, cycle.id, now));
  return objectives.map((o) => (targets.has(o.id) ? { ...o, rollup: figures.get(o.id)?.rollup ?? null } : o));
}

/** `left`: messages due but neither sent nor failed for good; the next run tries again. */
export type DigestRunSummary = {
  posted: number;
  alreadyPosted: number;
  notDue: number;
  failed: number;
  charts: number;
  inFlight: number;
  left: number;
};

/** Posts each team's weekly digest in its channel once its digest time has come this week. */
export async function postDigests(deps: ServiceDeps, opts: JobScope): Promise<DigestRunSummary> {
  const summary: DigestRunSummary = {
    posted: 0,
    alreadyPosted: 0,
    notDue: 0,
    failed: 0,
    charts: 0,
    inFlight: 0,
    left: 0,
  };
  const { workspace } = opts;
  const cycle = await cycleAt(deps.db, workspace.id, deps.now);
  if (!cycle) return summary;
  const teams = await teamsInCycle(deps.db, workspace.id, cycle.id, opts.team);
  for (const team of teams) {
    try {
      const period = periodOfWeek(
        isoWeekKey(deps.now, team.timezone),
        isCadence(team.cadence) ? team.cadence : "weekly",
      );
      if (deps.now < dueInWeek(period, team.timezone, team.digestDay, team.digestTime)) {
        summary.notDue += 1;
        continue;
      }
      const digest = await teamDigest(deps.db, team, cycle, deps.now);
      const [first, ...rest] = digestMessages(digest);
      const key = `digest:${team.id}:${digest.week}`;
      const parent = await sendOnce(
        deps,
        { workspaceId: workspace.id, key, kind: "digest", channel: team.channelId },
        () => first!,
      );
      if (parent.status === "sent") summary.posted += 1;
      else if (parent.status === "already_sent") summary.alreadyPosted += 1;
      else {
        summary[pendingCounter(parent) ?? "failed"] += 1;
        continue;
      }
      // A digest too long for one message continues in its thread, then the notes; each sent once.
      const thread = [
        ...rest.map((content, i) => ({ key: `${key}:part${i + 2}`, content })),
        ...digestNotesMessages(digest).map((content, i) => ({ key: `${key}:notes${i + 1}`, content })),
      ];
      for (const reply of thread) {
        const sent = await sendOnce(
          deps,
          {
            workspaceId: workspace.id,
            key: reply.key,
            kind: "digest",
            channel: parent.message.channel,
            threadTs: parent.message.ts ?? undefined,
          },
          () => reply.content,
        );
        const pending = pendingCounter(sent);
        if (pending) summary[pending] += 1;
      }
      if (parent.message.ts && isChartWeek(digest, team.chartEveryWeeks)) {
        // Rendered once per run at most; each objective's chart is uploaded once.
        let charts: ReturnType<typeof digestCharts> | null = null;
        for (const objective of chartedObjectives(digest)) {
          const outcome = await uploadOnce(
            deps,
            {
              workspaceId: workspace.id,
              key: `${key}:chart:${objective.id}`,
              kind: "digest_chart",
              channel: parent.message.channel,
              threadTs: parent.message.ts,
            },
            () => {
              charts ??= digestCharts(digest);
              const chart = charts.find((c) => c.objectiveId === objective.id)!;
              return { filename: chart.filename, title: chart.title, bytes: chart.bytes };
            },
          );
          if (outcome === "sent") summary.charts += 1;
          else if (outcome === "deferred") summary.left += 1;
          else if (outcome === "in_flight") summary.inFlight += 1;
        }
      }
    } catch (err) {
      deps.log.error(`digest for ${team.name} failed`, err, fields({ team: team.name }));
      summary.left += 1;
    }
  }
  return summary;
}
