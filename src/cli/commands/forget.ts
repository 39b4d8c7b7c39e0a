import type { Command } from "commander";
import { forgetPerson } from "../../services/forget";
import { action } from "../action";
import { withDatabase } from "../database";
import { slackUserId, workspaceId } from "../values";
import { resolveWorkspace, WORKSPACE_OPTION } from "../workspace";

export function addForgetCommand(program: Command): void {
  program
    .command("forget")
    .usage("<slack-user-id> [options]")
    .summary("remove a person's personal data and keep the numbers, anonymously: for people who leave")
    .description(
      "Remove a person's personal data (name, time zone, the notes and links of their check-ins, their retro answers) " +
        "and keep the numbers, anonymously: for people who leave.",
    )
    .argument("<slack-user-id>", "the person's Slack member id, e.g. U0123ABCD")
    .option(...WORKSPACE_OPTION)
    .action(action(forgetCommand));
}

async function forgetCommand(userArg: string, opts: { workspace?: string }): Promise<number> {
  const user = slackUserId(userArg);
  const workspaceFlag = workspaceId(opts.workspace);
  return withDatabase(async ({ db }) => {
    const workspace = await resolveWorkspace(db, workspaceFlag);
    const report = await forgetPerson(db, workspace.id, user, new Date());
    if (!report.found) {
      console.log(`${user} is not known in this workspace: nothing to forget.`);
      return 0;
    }
    console.log(
      `Forgot ${user}: notes and links removed from ${report.checkIns} check-ins and ${report.revisions} earlier versions, ` +
        `${report.retroAnswers} retro answers cleared, ${report.keyResultsLeftWithoutOwner} current key results left without an owner, ` +
        `${report.messages} message records scrubbed. Their numbers stay, anonymously.`,
    );
    return 0;
  });
}
