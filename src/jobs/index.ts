// The scheduled jobs: what each runs and how often node-cron ticks it. Every job is idempotent
// (sends go through the outbox), so ticking often only makes delivery prompt, never double.
import { listWorkspaces } from "../db/workspaces";
import type { JobScope, ServiceDeps } from "../services/deps";
import type { SlackClients } from "../slack/workspaceClients";
import { sendCheckinPrompts } from "../services/prompts";
import { postDigests } from "../services/digest";
import { postLeadershipAndFollowers } from "../services/leadership";
import { sendReminders } from "../services/reminders";
import { postRetros } from "../services/retro";
import { sendRetroRequests } from "../services/retroAnswers";
import type { Intent } from "../services/outbox";
import { fields } from "../logger";

/** A job's dependencies: like a use case's, but a Slack client per workspace. */
export type JobDeps = Omit<ServiceDeps, "slack" | "pacer"> & { slack: SlackClients };
export type JobOptions = { team?: string };
type Summary = Record<string, number>;

/** Each job: when node-cron ticks it, what it runs, and the kinds of outbox message it sends. */
export const JOBS = {
  checkins: {
    schedule: "*/5 * * * *",
    sends: ["checkin_prompt"],
    run: (deps: ServiceDeps, scope: JobScope) => sendCheckinPrompts(deps, scope),
  },
  reminders: {
    schedule: "*/15 * * * *",
    sends: ["checkin_reminder"],
    run: (deps: ServiceDeps, scope: JobScope) => sendReminders(deps, scope),
  },
  /** Each team's digest; then leadership digests of teams with child teams, and followers' DMs. */
  digest: {
    schedule: "*/15 * * * *",
    sends: ["digest", "digest_chart"],
    run: async (deps: ServiceDeps, scope: JobScope) => {
      const digests = await postDigests(deps, scope);
      const more = await postLeadershipAndFollowers(deps, scope);
      return {
        ...digests,
        leadership: more.leadership,
        followerDms: more.followerDms,
        failed: digests.failed + more.failed,
        inFlight: digests.inFlight + more.inFlight,
        left: digests.left + more.left,
      };
    },
  },
  /** Asks owners for their retro answers near the cycle's end, then posts the retro thread at its end. */
  retro: {
    schedule: "0 * * * *",
    sends: ["retro_request", "retro_parent", "retro_reply"],
    run: async (deps: ServiceDeps, scope: JobScope) => {
      const asks = await sendRetroRequests(deps, scope);
      const threads = await postRetros(deps, scope);
      return {
        ...threads,
        asked: asks.asked,
        reminded: asks.reminded,
        failed: asks.failed + threads.failed,
        inFlight: asks.inFlight + threads.inFlight,
        left: asks.left + threads.left,
      };
    },
  },
} as const satisfies Record<string, { schedule: string; sends: ReadonlyArray<Intent["kind"]>; run: unknown }>;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/**
 * Runs a job for every workspace okr-bot holds a token for, each with its own client, and adds up
 * what each did (and in how many workspaces). A workspace whose token cannot be had is logged,
 * counted in `unreachable` and skipped; the others go on.
 */
export async function runJob(name: JobName, deps: JobDeps, opts: JobOptions = {}): Promise<Summary> {
  const done = deps.metrics?.jobDuration.startTimer({ job_name: name });
  try {
    const summary = await runInEachWorkspace(name, deps, opts);
    const outcome = leftForNextRun(summary) ? "left" : "ok";
    done?.({ outcome });
    deps.metrics?.jobRuns.inc({ job_name: name, outcome });
    return summary;
  } catch (err) {
    done?.({ outcome: "failed" });
    deps.metrics?.jobRuns.inc({ job_name: name, outcome: "failed" });
    throw err;
  }
}

async function runInEachWorkspace(name: JobName, deps: JobDeps, opts: JobOptions): Promise<Summary> {
  const total: Summary = {};
  let workspaces = 0;
  let unreachable = 0;
  for (const workspace of await listWorkspaces(deps.db)) {
    let slack: Awaited<ReturnType<typeof deps.slack.forWorkspace>>;
    try {
      slack = await deps.slack.forWorkspace(workspace);
    } catch (err) {
      deps.log.error(
        `job ${name}: no Slack token for workspace ${workspace.slackTeamId}`,
        err,
        fields({ job: name, workspace: workspace.slackTeamId }),
      );
      unreachable += 1;
      continue;
    }
    if (!slack) continue;
    // Every line the job writes for this workspace says which job and workspace (and team, when given).
    const log = deps.log.with({
      job: name,
      workspace: workspace.slackTeamId,
      ...(opts.team ? { team: opts.team } : {}),
    });
    const summary: Summary = await JOBS[name].run({ ...deps, ...slack, log }, { ...opts, workspace });
    workspaces += 1;
    for (const [key, n] of Object.entries(summary)) total[key] = (total[key] ?? 0) + n;
  }
  return { ...total, ...(unreachable ? { unreachable } : {}), workspaces };
}

/**
 * What a run left undone for the next one: messages due but neither sent, failed for good nor
 * held by a live process (`left`), and workspaces it could not reach. Null when nothing is left.
 */
export function leftForNextRun(summary: Summary): string | null {
  const left = summary.left ?? 0;
  const unreachable = summary.unreachable ?? 0;
  if (left === 0 && unreachable === 0) return null;
  const parts = [
    ...(left ? [`${left} due ${left === 1 ? "message" : "messages"} not sent (the log says why)`] : []),
    ...(unreachable ? [`${unreachable} ${unreachable === 1 ? "workspace" : "workspaces"} not reached`] : []),
  ];
  return `${parts.join(", ")}: left for the next run`;
}
