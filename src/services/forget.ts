// `okr-bot forget <slack-user-id>`: for someone who leaves. Their personal data goes (name, time
// zone, status, the notes, links and retro answers they wrote, their prompts and DMs' records);
// the numbers stay, owned by an anonymous person, so the team's history still adds up.
import { randomBytes } from "node:crypto";
import { anonymisePerson, findPerson } from "../db/people";
import type { Db } from "../db/types";

export type ForgetReport = {
  found: boolean;
  checkIns: number;
  revisions: number;
  retroAnswers: number;
  keyResultsLeftWithoutOwner: number;
  messages: number;
};

export async function forgetPerson(db: Db, workspaceId: number, slackUserId: string, now: Date): Promise<ForgetReport> {
  const person = await findPerson(db, workspaceId, slackUserId);
  const report: ForgetReport = {
    found: false,
    checkIns: 0,
    revisions: 0,
    retroAnswers: 0,
    keyResultsLeftWithoutOwner: 0,
    messages: 0,
  };
  if (!person) return report;
  report.found = true;
  const anonymous = `forgotten-${randomBytes(6).toString("hex")}`;
  Object.assign(report, await anonymisePerson(db, person, anonymous, now));
  return report;
}
