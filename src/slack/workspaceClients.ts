// Which Slack client (and pacer) a job uses for a workspace. With one bot token that is the
// token's own workspace only; when installed through OAuth each workspace has its own token,
// client and pacer (Slack's rate limits are per workspace, so one workspace's 429 pauses only it).
import type { Workspace } from "../db/types";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { NotInstalledError, type BotTokens } from "./botTokens";
import { createJobsSlackClient, type SlackClient } from "./client";
import { Pacer, type PacerOptions } from "./pacer";

export type WorkspaceSlack = { slack: SlackClient; pacer: Pacer };

export interface SlackClients {
  /** The client for this workspace, or null when okr-bot holds no token for it. */
  forWorkspace(workspace: Workspace): Promise<WorkspaceSlack | null>;
}

/** Single-workspace mode: the bot token's workspace (`slackTeamId`) gets the one client; any other gets none. */
export function singleWorkspace(slack: SlackClient, pacer: Pacer, slackTeamId: string): SlackClients {
  return { forWorkspace: async (workspace) => (workspace.slackTeamId === slackTeamId ? { slack, pacer } : null) };
}

/** Multi-workspace mode: each installed workspace's current token (refreshed when due). */
export function installedWorkspaces(
  tokens: BotTokens,
  opts: { apiUrl?: string; log: Logger; pacing: PacerOptions; metrics?: Metrics },
): SlackClients {
  const clients = new Map<number, WorkspaceSlack>();
  return {
    forWorkspace: async (workspace) => {
      let botToken: string;
      try {
        botToken = (await tokens.forTeam(workspace.slackTeamId)).botToken;
      } catch (err) {
        if (err instanceof NotInstalledError) return null;
        throw err;
      }
      const known = clients.get(workspace.id);
      if (known?.slack.token === botToken) return known;
      const slack = createJobsSlackClient({
        token: botToken,
        apiUrl: opts.apiUrl,
        logger: opts.log.child("web-api"),
        metrics: opts.metrics,
      });
      // A refreshed token gets a new client; the workspace keeps its pacer.
      const fresh = { slack, pacer: known?.pacer ?? new Pacer(opts.pacing) };
      clients.set(workspace.id, fresh);
      return fresh;
    },
  };
}
