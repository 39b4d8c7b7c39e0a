// `okr-bot forget <slack-user-id>`: for someone who leaves. Their personal data goes (name, time
// zone, status, the notes, links and retro answers they wrote, their prompts and DMs' records);
// the numbers stay, owned by an anonymous person, so the team's history still adds up.
import { randomBytes } from "node:crypto";
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
  const person = await db.person.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
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
  await db.$transaction(async (tx) => {
    report.checkIns = (
      await tx.checkIn.updateMany({ where: { authorId: person.id }, data: { note: null, evidenceUrl: null } })
    ).count;
    report.revisions = (
      await tx.checkInRevision.updateMany({ where: { authorId: person.id }, data: { note: null, evidenceUrl: null } })
    ).count;
    // Retro answers are written by the key result's owner.
    report.retroAnswers = (
      await tx.retroEntry.updateMany({
        where: { keyResult: { ownerId: person.id } },
        data: { worked: null, didnt: null, learned: null },
      })
    ).count;
    // Key results of cycles still running or to come lose their owner (nobody to prompt); ended ones keep the anonymous one.
    report.keyResultsLeftWithoutOwner = (
      await tx.keyResult.updateMany({
        where: { ownerId: person.id, objective: { cycle: { endsAt: { gt: now } } } },
        data: { ownerId: null, pendingSince: null },
      })
    ).count;
    await tx.keyResultCoOwner.deleteMany({ where: { personId: person.id } });
    await tx.teamManager.deleteMany({ where: { personId: person.id } });
    await tx.checkinPrompt.deleteMany({ where: { personId: person.id } });
    await tx.escalation.deleteMany({ where: { personId: person.id } });
    // The outbox's records of DMs to them: who and where, not what (the messages are in Slack).
    report.messages = (
      await tx.slackMessage.updateMany({
        where: { workspaceId, OR: [{ recipient: slackUserId }, { channel: slackUserId }] },
        data: { recipient: null, channel: "forgotten" },
      })
    ).count;
    // Outbox keys name the person too ("checkin:1:U0123:2026-W48"); they stay unique with the anonymous id.
    await tx.$executeRaw`UPDATE "SlackMessage" SET "key" = REPLACE("key", ${slackUserId}, ${anonymous}) WHERE "workspaceId" = ${workspaceId} AND "key" LIKE ${`%${slackUserId}%`}`;
    await tx.person.update({
      where: { id: person.id },
      data: {
        slackUserId: anonymous,
        name: null,
        tz: null,
        tzFetchedAt: null,
        tzChangedAt: null,
        awayUntil: null,
        slackAway: false,
        slackAwayUntil: null,
        isAdmin: false,
      },
    });
  });
  return report;
}
