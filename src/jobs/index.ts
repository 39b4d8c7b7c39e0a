// The scheduled jobs: what each runs and how often node-cron ticks it. Every job is idempotent
// (sends go through the outbox), so ticking often only makes delivery prompt, never double.
import { listWorkspaces } from "../db/workspaces";
import type { JobScope, ServiceDeps } from "../services/deps";
import type { SlackClients } from "../slack/workspaceClients";
import { sendCheckinPrompts } from "../services/prompts";
import { postDigests } from "../services/digest";
import { sendReminders } from "../services/reminders";
import { postRetros } from "../services/retro";
import { sendRetroRequests } from "../services/retroAnswers";

/** A job's dependencies: like a use case's, but a Slack client per workspace. */
export type JobDeps = Omit<ServiceDeps, "slack" | "pacer"> & { slack: SlackClients };
export type JobOptions = { team?: string };
type Summary = Record<string, number>;

export const JOBS = {
  checkins: { schedule: "*/5 * * * *", run: (deps: ServiceDeps, scope: JobScope) => sendCheckinPrompts(deps, scope) },
  reminders: { schedule: "*/15 * * * *", run: (deps: ServiceDeps, scope: JobScope) => sendReminders(deps, scope) },
  digest: { schedule: "*/15 * * * *", run: (deps: ServiceDeps, scope: JobScope) => postDigests(deps, scope) },
  /** Asks owners for their retro answers near the cycle's end, then posts the retro thread at its end. */
  retro: {
    schedule: "0 * * * *",
    run: async (deps: ServiceDeps, scope: JobScope) => {
      const asks = await sendRetroRequests(deps, scope);
      const threads = await postRetros(deps, scope);
      return { ...threads, asked: asks.asked, reminded: asks.reminded, failed: asks.failed + threads.failed };
    },
  },
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/**
 * Runs a job for every workspace okr-bot holds a token for, each with its own client, and adds up
 * what each did (and in how many workspaces). A workspace whose token cannot be had is logged and skipped; the others go on.
 */
export async function runJob(name: JobName, deps: JobDeps, opts: JobOptions = {}): Promise<Summary> {
  const total: Summary = {};
  let workspaces = 0;
  for (const workspace of await listWorkspaces(deps.db)) {
    let slack;
    try {
      slack = await deps.slack.forWorkspace(workspace);
    } catch (err) {
      deps.log.error(`job ${name}: no Slack token for workspace ${workspace.slackTeamId}`, err);
      continue;
    }
    if (!slack) continue;
    const summary: Summary = await JOBS[name].run({ ...deps, ...slack }, { ...opts, workspace });
    workspaces += 1;
    for (const [key, n] of Object.entries(summary)) total[key] = (total[key] ?? 0) + n;
  }
  return { ...total, workspaces };
}
