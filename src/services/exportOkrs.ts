import { stringifyOkrFile, type OkrFile } from "../domain/okrFile";
import type { Cadence } from "../domain/periods";
import { DEFAULT_WEIGHT } from "../domain/rollup";
import { isComparator } from "../domain/targets";
import { storedKeyResultSource } from "../domain/sources";
import { weekdayName } from "../domain/types";
import { findCycle } from "../db/cycles";
import { teamsWithOkrs } from "../db/teams";
import type { Db } from "../db/types";

const DEFAULT_DIGEST = { day: "friday", time: "16:00" } as const;

/** The workspace's OKRs for one cycle in the import format; import(export()) changes nothing. */
export async function exportOkrs(db: Db, workspaceId: number, cycleKey: string): Promise<OkrFile> {
  const cycle = await findCycle(db, workspaceId, cycleKey);
  const teams = await teamsWithOkrs(db, workspaceId, cycle?.id ?? null);
  return {
    cycle: cycleKey,
    teams: teams.map((team) => {
      const digest = {
        ...(weekdayName(team.digestDay) !== DEFAULT_DIGEST.day ? { day: weekdayName(team.digestDay) } : {}),
        ...(team.digestTime !== DEFAULT_DIGEST.time ? { time: team.digestTime } : {}),
        ...(team.chartEveryWeeks !== 1 ? { chart_every_weeks: team.chartEveryWeeks } : {}),
      };
      return {
        name: team.name,
        ...(team.parent ? { parent: team.parent.name } : {}),
        channel: team.channelId,
        managers: team.managers.map((m) => m.person.slackUserId).sort(),
        ...(team.timezone !== "UTC" ? { timezone: team.timezone } : {}),
        checkin: {
          day: weekdayName(team.checkinDay),
          time: team.checkinTime,
          ...(team.cadence !== "weekly" ? { cadence: team.cadence as Cadence } : {}),
          ...(team.graceMinutes !== null ? { grace_minutes: team.graceMinutes } : {}),
        },
        ...(Object.keys(digest).length > 0 ? { digest } : {}),
        ...(team.reminderDelayHours !== 24 || team.escalateAfter !== 2
          ? { reminders: { after_hours: team.reminderDelayHours, escalate_after: team.escalateAfter } }
          : {}),
        ...(team.retroOpensDaysBefore !== 7 ? { retro: { opens_days_before: team.retroOpensDaysBefore } } : {}),
        objectives: team.objectives.map((o) => ({
          title: o.title,
          ...(o.owner ? { owner: o.owner.slackUserId } : {}),
          ...(o.why ? { why: o.why } : {}),
          ...(o.alignsTo ? { aligns_to: { team: o.alignsTo.team.name, objective: o.alignsTo.title } } : {}),
          ...(o.weight !== DEFAULT_WEIGHT ? { weight: o.weight } : {}),
          key_results: o.keyResults.map((kr) => ({
            title: kr.title,
            ...(kr.owner && kr.ownerId !== o.ownerId ? { owner: kr.owner.slackUserId } : {}),
            ...(kr.coOwners.length > 0 ? { co_owners: kr.coOwners.map((c) => c.person.slackUserId).sort() } : {}),
            ...(kr.baselineFromCheckIn ? {} : { baseline: kr.baseline }),
            target: kr.targetText ?? (isComparator(kr.comparator) ? `${kr.comparator} ${kr.target}` : kr.target),
            ...(kr.unit ? { unit: kr.unit } : {}),
            ...(kr.measuredBy ? { measured_by: kr.measuredBy } : {}),
            ...(kr.directionSet ? { direction: kr.direction as "increase" | "decrease" } : {}),
            ...(kr.weight !== DEFAULT_WEIGHT ? { weight: kr.weight } : {}),
            ...exportedSource(kr),
          })),
        })),
      };
    }),
  };
}

export async function exportOkrsYaml(db: Db, workspaceId: number, cycleKey: string): Promise<string> {
  return stringifyOkrFile(await exportOkrs(db, workspaceId, cycleKey));
}

function exportedSource(kr: { sourceName: string | null; sourceSpec: string | null; auto: boolean }) {
  const source = storedKeyResultSource(kr.sourceName, kr.sourceSpec);
  return source ? { source, ...(kr.auto ? { auto: true } : {}) } : {};
}
