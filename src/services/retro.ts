import { retroParent, retroReply } from "../blocks/retro";
import { buildRetro, type Retro, type RetroAnswers } from "../domain/retro";
import { isoWeekKey } from "../domain/time";
import { cyclesOf } from "../db/cycles";
import { teamObjectives, teamsInCycle } from "../db/okrs";
import { messageByKey, settledCountUnder } from "../db/outbox";
import { retroEntriesOf, saveComputedScore } from "../db/retro";
import type { Cycle, Db, Team } from "../db/types";
import type { JobScope, ServiceDeps } from "./deps";
import { pendingCounter, sendOnce } from "./outbox";
import { fields } from "../logger";

const DAY_MS = 24 * 60 * 60_000;
/** The retro thread is posted at the cycle's end, or up to a month later if the bot was down. */
export const RETRO_CLOSES_AFTER_END_MS = 30 * DAY_MS;

export function retroWindowOpen(cycle: Pick<Cycle, "endsAt">, now: Date): boolean {
  const end = cycle.endsAt.getTime();
  return now.getTime() >= end && now.getTime() < end + RETRO_CLOSES_AFTER_END_MS;
}

/** The week whose values are final for a retro: the cycle's last, or this one while it runs (team time zone). */
export function finalWeekOf(team: Pick<Team, "timezone">, cycle: Pick<Cycle, "endsAt">, now: Date): string {
  return isoWeekKey(new Date(Math.min(now.getTime(), cycle.endsAt.getTime() - 1)), team.timezone);
}

/** The team's retro for a cycle: scores from final progress unless the owner gave one. */
export async function teamRetro(db: Db, team: Team, cycle: Cycle, now: Date): Promise<Retro> {
  const objectives = await teamObjectives(db, team.id, cycle.id);
  const entries = await retroEntriesOf(
    db,
    objectives.flatMap((o) => o.keyResults.map((k) => k.id)),
  );
  const answers = new Map<number, RetroAnswers>(
    entries.map((e) => [
      e.keyResultId,
      {
        score: e.scoreSet ? e.score : null,
        worked: e.worked,
        didnt: e.didnt,
        learned: e.learned,
        carryForward: e.carryForward,
      },
    ]),
  );
  return buildRetro({
    teamName: team.name,
    cycleKey: cycle.key,
    finalWeek: finalWeekOf(team, cycle, now),
    objectives,
    answers,
  });
}

/** Records the computed scores the thread shows, for key results whose owner gave none. */
async function saveComputedScores(db: Db, retro: Retro) {
  for (const item of retro.items.filter((i) => i.answers.score === null)) {
    await saveComputedScore(db, item.keyResult.id, item.computedScore);
  }
}

/** `left`: messages due but neither sent nor failed for good; the next run tries again. */
export type RetroRunSummary = {
  threads: number;
  alreadyPosted: number;
  replies: number;
  failed: number;
  inFlight: number;
  left: number;
};

/** Posts each team's retro thread near the end of a cycle: a parent and one reply per key result. */
export async function postRetros(deps: ServiceDeps, opts: JobScope): Promise<RetroRunSummary> {
  const summary: RetroRunSummary = { threads: 0, alreadyPosted: 0, replies: 0, failed: 0, inFlight: 0, left: 0 };
  const { workspace } = opts;
  const cycles = (await cyclesOf(deps.db, workspace.id)).filter((c) => retroWindowOpen(c, deps.now));
  for (const cycle of cycles) {
    const teams = await teamsInCycle(deps.db, workspace.id, cycle.id, opts.team);
    for (const team of teams) {
      try {
        const key = `retro:${team.id}:${cycle.key}`;
        const replies = await settledCountUnder(deps.db, `${key}:kr:`);
        const parentRow = await messageByKey(deps.db, key);
        const retro = await teamRetro(deps.db, team, cycle, deps.now);
        if (parentRow?.status === "sent" && replies >= retro.items.length) {
          summary.alreadyPosted += 1;
          continue;
        }
        if (!parentRow) await saveComputedScores(deps.db, retro);
        const parent = await sendOnce(
          deps,
          { workspaceId: workspace.id, key, kind: "retro_parent", channel: team.channelId },
          () => retroParent(retro),
        );
        if (parent.status === "sent") summary.threads += 1;
        else if (parent.status === "already_sent") summary.alreadyPosted += 1;
        else {
          summary[pendingCounter(parent) ?? "failed"] += 1;
          continue;
        }
        for (const item of retro.items) {
          const reply = await sendOnce(
            deps,
            {
              workspaceId: workspace.id,
              key: `${key}:kr:${item.keyResult.id}`,
              kind: "retro_reply",
              channel: parent.message.channel,
              threadTs: parent.message.ts ?? undefined,
            },
            () => retroReply(item),
          );
          if (reply.status === "sent") summary.replies += 1;
          else if (reply.status === "failed") summary.failed += 1;
          else if (reply.status !== "already_sent") summary[pendingCounter(reply)!] += 1;
        }
      } catch (err) {
        deps.log.error(`retro for ${team.name} failed`, err, fields({ team: team.name }));
        summary.left += 1;
      }
    }
  }
  return summary;
}
