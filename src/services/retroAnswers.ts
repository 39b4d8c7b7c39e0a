// The owners' side of the retro: near the cycle's end each owner is asked, in a DM, for a score
// and the guide's review answers per key result; answers are saved, update the retro thread if it
// is already posted, and "carry forward" drafts the next cycle's key result.
import { goalText } from "../blocks/format";
import { retroRequestMessage, type RetroAsk, type RetroModalData } from "../blocks/retroAsk";
import { retroParent, retroReply } from "../blocks/retro";
import { keyResultStatus } from "../domain/keyResultStatus";
import { decide } from "../domain/permissions";
import type { RetroInputs } from "../domain/retroAnswers";
import { scoreFromProgress } from "../domain/scoring";
import { ensurePerson } from "../db/people";
import { cyclesEndingBetween } from "../db/cycles";
import { teamObjectives, teamsInCycle, toKeyResultFacts } from "../db/okrs";
import { messageByKey } from "../db/outbox";
import { keyResultForRetro, retroEntriesOf, saveRetroAnswersRow } from "../db/retro";
import type { Cycle, Team } from "../db/types";
import { askToConfirmCarried, carryForward, withdrawCarry, type Carried } from "./carryForward";
import type { JobScope, ServiceDeps } from "./deps";
import { actor } from "./keyResults";
import { pendingCounter, sendOnce, updateSent } from "./outbox";
import { finalWeekOf, RETRO_CLOSES_AFTER_END_MS, teamRetro } from "./retro";
import { fields } from "../logger";

const DAY_MS = 24 * 60 * 60_000;

export const retroAskKey = (team: Pick<Team, "id">, cycle: Pick<Cycle, "key">, slackUserId: string) =>
  `retro_ask:${team.id}:${cycle.key}:${slackUserId}`;
export const retroThreadKey = (team: Pick<Team, "id">, cycle: Pick<Cycle, "key">) => `retro:${team.id}:${cycle.key}`;

function asksOpen(team: Team, cycle: Cycle, now: Date): boolean {
  const t = now.getTime();
  return (
    t >= cycle.endsAt.getTime() - team.retroOpensDaysBefore * DAY_MS &&
    t < cycle.endsAt.getTime() + RETRO_CLOSES_AFTER_END_MS
  );
}

/** Each owner's retro DM for a team (their accepted key results, each with its score and whether it is answered), from two queries. */
async function teamAsks(deps: ServiceDeps, team: Team, cycle: Cycle): Promise<Map<string, RetroAsk>> {
  const krs = (await teamObjectives(deps.db, team.id, cycle.id))
    .flatMap((o) => o.keyResults)
    .filter((kr) => kr.ownerSlackId !== null && !kr.pending);
  const entries = new Map(
    (
      await retroEntriesOf(
        deps.db,
        krs.map((k) => k.id),
      )
    ).map((e) => [e.keyResultId, e]),
  );
  const week = finalWeekOf(team, cycle, deps.now);
  const asks = new Map<string, RetroAsk>();
  for (const kr of krs) {
    const owner = kr.ownerSlackId!;
    let ask = asks.get(owner);
    if (!ask) {
      ask = {
        cycleKey: cycle.key,
        teamName: team.name,
        channelId: team.channelId,
        endsOn: new Date(cycle.endsAt.getTime() - 1).toISOString().slice(0, 10),
        items: [],
      };
      asks.set(owner, ask);
    }
    const entry = entries.get(kr.id);
    const answered = entry?.answeredAt != null;
    ask.items.push({
      keyResultId: kr.id,
      title: kr.title,
      score: answered ? entry!.score : scoreFromProgress(keyResultStatus(kr, week).progress),
      answered,
    });
  }
  return asks;
}

/** `left`: DMs due but neither sent nor failed for good; the next run tries again. */
export type RetroAskSummary = { asked: number; reminded: number; failed: number; inFlight: number; left: number };

/** Sends each owner their retro DM once the team's retro window opens, and one reminder while answers are missing. */
export async function sendRetroRequests(deps: ServiceDeps, opts: JobScope): Promise<RetroAskSummary> {
  const summary: RetroAskSummary = { asked: 0, reminded: 0, failed: 0, inFlight: 0, left: 0 };
  const { workspace } = opts;
  const cycles = await cyclesEndingBetween(
    deps.db,
    workspace.id,
    new Date(deps.now.getTime() - RETRO_CLOSES_AFTER_END_MS),
    new Date(deps.now.getTime() + 31 * DAY_MS),
  );
  for (const cycle of cycles) {
    for (const team of await teamsInCycle(deps.db, workspace.id, cycle.id, opts.team)) {
      if (!asksOpen(team, cycle, deps.now)) continue;
      for (const [owner, ask] of await teamAsks(deps, team, cycle)) {
        try {
          const key = retroAskKey(team, cycle, owner);
          const intent = {
            workspaceId: workspace.id,
            kind: "retro_request" as const,
            channel: owner,
            recipient: owner,
          };
          const first = await sendOnce(deps, { ...intent, key }, () => retroRequestMessage(ask));
          if (first.status === "sent") summary.asked += 1;
          if (first.status === "failed") summary.failed += 1;
          const pending = pendingCounter(first);
          if (pending) summary[pending] += 1;
          const sentAt = first.message.sentAt;
          const unanswered = ask.items.some((i) => !i.answered);
          if (
            first.status === "already_sent" &&
            sentAt &&
            unanswered &&
            deps.now.getTime() >= sentAt.getTime() + team.reminderDelayHours * 3_600_000
          ) {
            const reminder = await sendOnce(deps, { ...intent, key: `${key}:reminder` }, () =>
              retroRequestMessage(ask, { reminder: true }),
            );
            if (reminder.status === "sent") summary.reminded += 1;
            else if (reminder.status === "failed") summary.failed += 1;
            else if (reminder.status !== "already_sent") summary[pendingCounter(reminder)!] += 1;
          }
        } catch (err) {
          deps.log.error(`retro request to ${owner} for ${team.name} failed`, err, fields({ team: team.name }));
          summary.left += 1;
        }
      }
    }
  }
  return summary;
}

type RetroKeyResult = NonNullable<Awaited<ReturnType<typeof keyResultForRetro>>>;

async function mayAnswer(deps: ServiceDeps, workspaceId: number, slackUserId: string, kr: RetroKeyResult) {
  return decide(await actor(deps, workspaceId, slackUserId), "answer_retro", {
    ownerSlackId: kr.owner?.slackUserId ?? null,
    coOwnerSlackIds: kr.coOwners.map((c) => c.person.slackUserId),
    managerSlackIds: kr.objective.team.managers.map((m) => m.person.slackUserId),
  });
}

export type RetroFormAccess =
  | { status: "ok"; form: RetroModalData }
  | { status: "refused"; reason: string }
  | { status: "gone" };

export async function retroForm(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
): Promise<RetroFormAccess> {
  const kr = await keyResultForRetro(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  const decision = await mayAnswer(deps, workspaceId, slackUserId, kr);
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const status = keyResultStatus(toKeyResultFacts(kr), finalWeekOf(kr.objective.team, kr.objective.cycle, deps.now));
  const answered = kr.retro?.answeredAt != null;
  return {
    status: "ok",
    form: {
      keyResultId: kr.id,
      title: kr.title,
      objectiveTitle: kr.objective.title,
      finalValue: status.current,
      unit: kr.unit,
      baseline: kr.baseline,
      target: kr.target,
      goal: goalText(status),
      threshold: status.comparator != null,
      computedScore: scoreFromProgress(status.progress),
      answers: {
        score: answered ? kr.retro!.score : null,
        worked: kr.retro?.worked ?? null,
        didnt: kr.retro?.didnt ?? null,
        learned: kr.retro?.learned ?? null,
        carryForward: kr.retro?.carryForward ?? null,
      },
    },
  };
}

export type RetroSaveResult =
  | { status: "saved"; threadUpdated: boolean; carried: Carried | null }
  | { status: "refused"; reason: string }
  | { status: "gone" };

/** Saves an owner's answers; the key result id comes from the modal, so who may answer is checked again here. */
export async function saveRetroAnswers(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  keyResultId: number,
  inputs: RetroInputs,
): Promise<RetroSaveResult> {
  const kr = await keyResultForRetro(deps.db, workspaceId, keyResultId);
  if (!kr) return { status: "gone" };
  const decision = await mayAnswer(deps, workspaceId, slackUserId, kr);
  if (!decision.allowed) return { status: "refused", reason: decision.reason };
  const answers = {
    score: inputs.score,
    scoreSet: true,
    worked: inputs.worked,
    didnt: inputs.didnt,
    learned: inputs.learned,
    carryForward: inputs.carryForward,
    answeredAt: deps.now,
  };
  await saveRetroAnswersRow(deps.db, kr.id, answers);

  const { team, cycle } = kr.objective;
  let carried: Carried | null = null;
  if (inputs.carryForward === true) {
    carried = await carryForward(deps, workspaceId, kr.id, (await ensurePerson(deps.db, workspaceId, slackUserId)).id);
    if (carried) await askToConfirmCarried(deps, workspaceId, carried.keyResultId);
  } else {
    await withdrawCarry(deps, kr.id);
  }

  // Late answers update the thread already posted: this key result's reply and the parent's average.
  let threadUpdated = false;
  const key = retroThreadKey(team, cycle);
  const posted = await messageByKey(deps.db, key);
  if (posted?.status === "sent") {
    const retro = await teamRetro(deps.db, team, cycle, deps.now);
    const item = retro.items.find((i) => i.keyResult.id === kr.id);
    if (item) threadUpdated = await updateSent(deps, `${key}:kr:${kr.id}`, retroReply(item));
    await updateSent(deps, key, retroParent(retro));
  }
  if (kr.owner) {
    const ask = (await teamAsks(deps, team, cycle)).get(kr.owner.slackUserId);
    if (ask)
      await updateSent(deps, retroAskKey(team, cycle, kr.owner.slackUserId), retroRequestMessage(ask)).catch((err) =>
        deps.log.warn("could not update the retro DM", err),
      );
  }
  return { status: "saved", threadUpdated, carried };
}
