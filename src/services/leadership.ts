// Leadership digests (a team with child teams gets one in its channel each week) and followers
// (`/okr follow <team>`: that team's digest, or leadership digest, as a DM each week). Every send
// goes through the outbox, keyed by team, person and period: no doubles, whichever replica runs it.
import { digestMessages } from "../blocks/digest";
import { leadershipMessages } from "../blocks/leadership";
import type { MessageContent } from "../blocks/types";
import { buildLeadershipDigest, type LeadershipDigest } from "../domain/leadership";
import { isCadence, periodOfWeek } from "../domain/periods";
import { dueInWeek, isoWeekKey } from "../domain/time";
import { objectiveFigures, shownWeights } from "../domain/tree";
import { cycleAt } from "../db/cycles";
import { childTeamsOf, hasChildTeams, teamsWithChildrenOrFollowers } from "../db/teams";
import type { Cycle, Db, Team } from "../db/types";
import type { JobScope, ServiceDeps } from "./deps";
import { teamDigest } from "./digest";
import { pendingCounter, sendOnce, type SendOutcome } from "./outbox";
import { cycleObjectives } from "./tree";

export async function leadershipDigest(db: Db, team: Team, cycle: Cycle, now: Date): Promise<LeadershipDigest> {
  const own = await teamDigest(db, team, cycle, now);
  const children = await childTeamsOf(db, team.id);
  const objectives = await cycleObjectives(db, team.workspaceId, cycle.id, now);
  const figures = objectiveFigures(objectives);
  return buildLeadershipDigest({
    team: own,
    rollups: new Map(own.objectives.map((o) => [o.id, figures.get(o.id)?.rollup ?? null])),
    weights: shownWeights(objectives),
    children: await Promise.all(children.map((c) => teamDigest(db, c, cycle, now))),
  });
}

/** What a team posts each week: its leadership digest when it has child teams, else its digest. */
export async function weeklyMessages(db: Db, team: Team, cycle: Cycle, now: Date): Promise<MessageContent[]> {
  return (await hasChildTeams(db, team.id))
    ? leadershipMessages(await leadershipDigest(db, team, cycle, now))
    : digestMessages(await teamDigest(db, team, cycle, now));
}

export type FollowRunSummary = {
  leadership: number;
  followerDms: number;
  alreadySent: number;
  failed: number;
  inFlight: number;
  left: number;
};

function periodOf(team: Team, now: Date): string {
  return periodOfWeek(isoWeekKey(now, team.timezone), isCadence(team.cadence) ? team.cadence : "weekly");
}

function isDue(team: Team, now: Date): boolean {
  return now >= dueInWeek(periodOf(team, now), team.timezone, team.digestDay, team.digestTime);
}

/** Sends messages as one post and its thread (in a channel) or as consecutive DMs. */
async function sendAll(
  deps: ServiceDeps,
  base: { workspaceId: number; key: string; channel: string; recipient?: string; period: string },
  messages: MessageContent[],
  thread: boolean,
  summary: FollowRunSummary,
): Promise<SendOutcome | null> {
  let first: SendOutcome | null = null;
  for (const [i, content] of messages.entries()) {
    const threadTs = thread && first ? (first.message.ts ?? undefined) : undefined;
    if (thread && i > 0 && !threadTs) break;
    const outcome = await sendOnce(
      deps,
      {
        ...base,
        key: i === 0 ? base.key : `${base.key}:part${i + 1}`,
        kind: "digest",
        ...(threadTs ? { threadTs } : {}),
      },
      () => content,
    );
    first ??= outcome;
    if (outcome.status === "already_sent") summary.alreadySent += 1;
    else if (outcome.status === "failed") summary.failed += 1;
    else if (outcome.status !== "sent") summary[pendingCounter(outcome)!] += 1;
    if (outcome.status !== "sent" && outcome.status !== "already_sent") break;
  }
  return first;
}

/** Each week, once the team's digest time has come: leadership digests in channels, then followers' DMs. */
export async function postLeadershipAndFollowers(deps: ServiceDeps, opts: JobScope): Promise<FollowRunSummary> {
  const summary: FollowRunSummary = { leadership: 0, followerDms: 0, alreadySent: 0, failed: 0, inFlight: 0, left: 0 };
  const { workspace } = opts;
  const cycle = await cycleAt(deps.db, workspace.id, deps.now);
  if (!cycle) return summary;
  const teams = await teamsWithChildrenOrFollowers(deps.db, workspace.id, opts.team);
  for (const team of teams) {
    if (!isDue(team, deps.now)) continue;
    try {
      const period = periodOf(team, deps.now);
      const messages = await weeklyMessages(deps.db, team, cycle, deps.now);
      if (team._count.children > 0) {
        const sent = await sendAll(
          deps,
          { workspaceId: workspace.id, key: `leadership:${team.id}:${period}`, channel: team.channelId, period },
          messages,
          true,
          summary,
        );
        if (sent?.status === "sent") summary.leadership += 1;
      }
      for (const follower of team.followers) {
        const user = follower.person.slackUserId;
        const intent = {
          workspaceId: workspace.id,
          key: `follow:${team.id}:${user}:${period}`,
          channel: user,
          recipient: user,
          period,
        };
        const sent = await sendAll(deps, intent, messages, false, summary);
        if (sent?.status === "sent") summary.followerDms += 1;
      }
    } catch (err) {
      deps.log.error(`leadership digest or followers of ${team.name} failed`, err);
      summary.left += 1;
    }
  }
  return summary;
}
