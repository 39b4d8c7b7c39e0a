import { loadSlackApiConfig } from "../config";
import type { Db } from "../db/types";
import { ensureWorkspace, listWorkspaces } from "../db/workspaces";
import type { Workspace } from "../db/types";
import { createLogger } from "../logger";
import { createSlackClient, slackErrorCode } from "../slack/client";
import { slackUnreachable } from "../slack/unreachable";
import { CliError } from "./errors";

/** `--workspace` in every command's help. */
export const WORKSPACE_OPTION = [
  "--workspace <team-id>",
  "the Slack workspace, e.g. T0123ABCD (default: the only one in the database, else the bot token's)",
] as const;

/**
 * Which workspace a CLI command acts on: the one named with --workspace, else the only one in the
 * database, else the one the bot token belongs to (auth.test).
 */
export async function resolveWorkspace(db: Db, flag: string | undefined): Promise<Workspace> {
  if (flag) {
    if (!/^[TE][A-Z0-9]{2,}$/.test(flag)) throw new CliError(`--workspace should be a Slack team id such as T0123ABCD`);
    return ensureWorkspace(db, flag);
  }
  const all = await listWorkspaces(db, { all: true });
  if (all.length === 1) return all[0]!;
  if (all.length > 1) {
    throw new CliError(
      `This database holds several workspaces (${all.map((w) => w.slackTeamId).join(", ")}): pass --workspace <team id>.`,
    );
  }
  return askSlack(db);
}

async function askSlack(db: Db): Promise<Workspace> {
  const { botToken, apiUrl } = loadSlackApiConfig();
  if (!botToken) {
    throw new CliError(
      "No workspace yet: pass --workspace <team id> (e.g. T0123ABCD), or set SLACK_BOT_TOKEN so okr-bot can ask Slack.",
    );
  }
  // One retry, and the client's own warnings kept quiet: the error below says it all, once.
  const slack = createSlackClient({
    token: botToken,
    apiUrl,
    retries: 1,
    logger: createLogger("error").child("web-api"),
  });
  let auth: Awaited<ReturnType<typeof slack.auth.test>>;
  try {
    auth = await slack.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code)
      throw new CliError(
        `SLACK_BOT_TOKEN was refused by Slack (${code}) when asked for the workspace; check the token or pass --workspace`,
      );
    throw slackUnreachable(err, apiUrl, "find the workspace", "check SLACK_API_URL or pass --workspace") ?? err;
  }
  if (!auth.team_id) throw new CliError("Slack did not say which workspace the bot token belongs to.");
  return ensureWorkspace(db, auth.team_id, auth.team);
}
