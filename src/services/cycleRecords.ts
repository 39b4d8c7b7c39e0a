// `okr-bot export --format md|csv|json`: a cycle's retro and check-in history, for records kept
// outside Slack. Archived key results are left out, as in the retro.
import { meets } from "../domain/targets";
import type { CycleRecord } from "../domain/records";
import { findCycle } from "../db/cycles";
import { checkInsOf } from "../db/checkIns";
import { teamsInCycle } from "../db/okrs";
import { peopleOf } from "../db/people";
import type { Db } from "../db/types";
import { teamRetro } from "./retro";

export async function cycleRecord(
  db: Db,
  workspaceId: number,
  cycleKey: string,
  now: Date,
): Promise<CycleRecord | null> {
  const cycle = await findCycle(db, workspaceId, cycleKey);
  if (!cycle) return null;
  const people = new Map(
    (await peopleOf(db, workspaceId)).map((p) => [
      p.slackUserId,
      p.name ? `${p.name} (${p.slackUserId})` : p.slackUserId,
    ]),
  );
  const who = (slackUserId: string | null) => (slackUserId ? (people.get(slackUserId) ?? slackUserId) : null);
  const record: CycleRecord = { cycle: cycle.key, teams: [] };
  for (const team of await teamsInCycle(db, workspaceId, cycle.id)) {
    const retro = await teamRetro(db, team, cycle, now);
    const checkIns = await checkInsOf(
      db,
      retro.items.map((i) => i.keyResult.id),
    );
    const objectives: CycleRecord["teams"][number]["objectives"] = [];
    for (const item of retro.items) {
      let objective = objectives.find((o) => o.title === item.objectiveTitle);
      if (!objective) {
        objective = { title: item.objectiveTitle, owner: null, keyResults: [] };
        objectives.push(objective);
      }
      const kr = item.keyResult;
      objective.keyResults.push({
        id: kr.id,
        title: kr.title,
        owner: who(kr.ownerSlackId),
        baseline: kr.baseline,
        target: kr.target,
        unit: kr.unit,
        measuredBy: kr.measuredBy,
        direction: kr.direction,
        targetAsWritten: kr.targetText ?? (kr.comparator ? `${kr.comparator} ${kr.target}` : null),
        baselineFrom: kr.baselineFromCheckIn ? "first_check_in" : "set",
        weeksMet: kr.comparator ? { met: kr.weeksMet, of: kr.weeksCheckedIn } : null,
        finalValue: kr.current,
        progress: kr.scored ? kr.progress : null,
        retro: {
          score: item.score,
          scoreFrom: item.answers.score === null ? "progress" : "owner",
          worked: item.answers.worked,
          didnt: item.answers.didnt,
          learned: item.answers.learned,
          carryForward: item.answers.carryForward,
        },
        checkIns: checkIns
          .filter((c) => c.keyResultId === kr.id)
          .map((c) => ({
            week: c.week,
            value: c.value,
            confidence: c.confidence,
            note: c.note,
            evidenceUrl: c.evidenceUrl,
            author: who(c.author.slackUserId),
            ...(kr.comparator ? { met: meets(kr.comparator, kr.target, c.value) } : {}),
            ...(c.measuredValue !== null ? { measuredValue: c.measuredValue } : {}),
          })),
      });
    }
    record.teams.push({ name: team.name, averageScore: retro.average, reading: retro.reading, objectives });
  }
  return record;
}
