import { checkinReminder } from "../blocks/checkin";
import { keyResultStatus } from "../domain/keyResultStatus";
import { cycleAt } from "../db/cycles";
import { ownedObjectives } from "../db/okrs";
import { findPerson } from "../db/people";
import type { ServiceDeps } from "./checkins";
import { sendOnce } from "./outbox";

/** How long after the prompt an owner who has not answered gets a reminder. */
export const REMINDER_DELAY_MS = 24 * 60 * 60_000;
/** Prompts older than this belong to a past week: no reminder for those. */
const REMINDER_WINDOW_MS = 6 * 24 * 60 * 60_000;

export type ReminderRunSummary = { sent: number; alreadySent: number; answered: number; failed: number };

/** One gentle reminder per owner and week, to those who have not answered their prompt. */
export async function sendReminders(deps: ServiceDeps, opts: { team?: string } = {}): Promise<ReminderRunSummary> {
  const summary: ReminderRunSummary = { sent: 0, alreadySent: 0, answered: 0, failed: 0 };
  const prompts = await deps.db.slackMessage.findMany({
    where: {
      kind: "checkin_prompt",
      status: "sent",
      sentAt: { lte: new Date(deps.now.getTime() - REMINDER_DELAY_MS), gt: new Date(deps.now.getTime() - REMINDER_WINDOW_MS) },
    },
    orderBy: { id: "asc" },
  });
  for (const prompt of prompts) {
    if (!prompt.recipient || !prompt.period) continue;
    const person = await findPerson(deps.db, prompt.workspaceId, prompt.recipient);
    const cycle = await cycleAt(deps.db, prompt.workspaceId, deps.now);
    if (!person || !cycle) continue;
    const objectives = (await ownedObjectives(deps.db, person.id, cycle.id)).filter((o) => !opts.team || o.team.name === opts.team);
    const pending = objectives.flatMap((o) => o.keyResults.map((kr) => keyResultStatus(kr, prompt.period!))).filter((kr) => !kr.thisWeek);
    if (pending.length === 0) {
      summary.answered += 1;
      continue;
    }
    const outcome = await sendOnce(
      deps,
      {
        workspaceId: prompt.workspaceId,
        key: `reminder:${prompt.workspaceId}:${prompt.recipient}:${prompt.period}`,
        kind: "checkin_reminder",
        channel: prompt.recipient,
        recipient: prompt.recipient,
        period: prompt.period,
      },
      () => checkinReminder({ week: prompt.period!, pending }),
    );
    if (outcome.status === "sent") summary.sent += 1;
    else if (outcome.status === "already_sent") summary.alreadySent += 1;
    else if (outcome.status === "failed") summary.failed += 1;
  }
  return summary;
}
