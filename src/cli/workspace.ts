import type { Db } from "../db/types";
import { ensureWorkspace, listWorkspaces } from "../db/workspaces";
import type { Workspace } from "../db/types";
import type { SlackClient } from "../slack/client";

export class CliError extends Error {
  override name = "CliError";
}

/**
 * Which workspace a CLI command acts on: the one named with --workspace, else the only one in the
 * database, else the one the bot token belongs to (auth.test).
 */
export async function resolveWorkspace(db: Db, flag: string | undefined, slack: SlackClient | null): Promise<Workspace> {
  if (flag) {
    if (!/^[TE][A-Z0-9]{2,}$/.test(flag)) throw new CliError(`--workspace should be a Slack team id such as T0123ABCD`);
    return ensureWorkspace(db, flag);
  }
  const all = await listWorkspaces(db, { all: true });
  if (all.length === 1) return all[0]!;
  if (all.length > 1) {
    throw new CliError(`This database holds several workspaces (${all.map((w) => w.slackTeamId).join(", ")}): pass --workspace <team id>.`);
  }
  if (!slack) {
    throw new CliError("No workspace yet: pass --workspace <team id> (e.g. T0123ABCD), or set SLACK_BOT_TOKEN so okr-bot can ask Slack.");
  }
  const auth = await slack.auth.test();
  if (!auth.team_id) throw new CliError("Slack did not say which workspace the bot token belongs to.");
  return ensureWorkspace(db, auth.team_id, auth.team);
}
