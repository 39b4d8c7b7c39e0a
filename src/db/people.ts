import { PROMPTED_KEY_RESULT } from "./okrs";
import { type CheckinPrompt, type Db, isUniqueViolation, type Person, type Tx } from "./types";

export async function ensurePerson(db: Tx, workspaceId: number, slackUserId: string): Promise<Person> {
  const where = { workspaceId_slackUserId: { workspaceId, slackUserId } };
  const existing = await db.person.findUnique({ where });
  if (existing) return existing;
  try {
    return await db.person.create({ data: { workspaceId, slackUserId } });
  } catch (err) {
    // Two requests from a new person at once: the other one created it.
    if (!isUniqueViolation(err)) throw err;
    return db.person.findUniqueOrThrow({ where });
  }
}

export function findPerson(db: Tx, workspaceId: number, slackUserId: string): Promise<Person | null> {
  return db.person.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
}

export function savePersonProfile(
  db: Tx,
  personId: number,
  profile: { name?: string | null; tz: string | null },
  now: Date,
) {
  return db.person.update({
    where: { id: personId },
    data: { name: profile.name ?? undefined, tz: profile.tz, tzFetchedAt: now },
  });
}

/** What users.info says about a person, as cached. */
export type SlackProfile = {
  name: string | null;
  tz: string | null;
  tzFetchedAt: Date;
  /** Set when the time zone changed since the last read. */
  tzChangedAt?: Date;
  slackAway: boolean;
  isAdmin: boolean;
  slackAwayUntil: Date | null;
};

export function saveSlackProfile(db: Tx, personId: number, profile: SlackProfile): Promise<Person> {
  return db.person.update({ where: { id: personId }, data: profile });
}

/** Slack was asked at `at` and had nothing to tell: the cached profile stands until the next read. */
export function markProfileFetched(db: Tx, personId: number, at: Date): Promise<Person> {
  return db.person.update({ where: { id: personId }, data: { tzFetchedAt: at } });
}

export async function setAwayUntil(db: Tx, personId: number, until: Date): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { awayUntil: until } });
}

export function peopleOf(db: Tx, workspaceId: number): Promise<Person[]> {
  return db.person.findMany({ where: { workspaceId } });
}

/** These people of the workspace, each with their prompt for `period` (if any). */
export function peopleWithPromptFor(
  db: Tx,
  workspaceId: number,
  slackUserIds: readonly string[],
  period: string,
): Promise<Array<Person & { prompts: CheckinPrompt[] }>> {
  return db.person.findMany({
    where: { workspaceId, slackUserId: { in: [...slackUserIds] } },
    include: { prompts: { where: { period } } },
  });
}

/**
 * The owners of the team's prompted key results in the cycle, each with their latest 60 prompts
 * (newest first) and the periods they checked in on the team's key results.
 */
export function ownersWithPromptHistory(
  db: Tx,
  teamId: number,
  cycleId: number,
): Promise<Array<Person & { prompts: CheckinPrompt[]; checkIns: Array<{ week: string }> }>> {
  return db.person.findMany({
    where: { keyResultsOwned: { some: { ...PROMPTED_KEY_RESULT, objective: { teamId, cycleId } } } },
    include: {
      prompts: { orderBy: { period: "desc" }, take: 60 },
      checkIns: { where: { keyResult: { objective: { teamId, cycleId } } }, select: { week: true } },
    },
    orderBy: { id: "asc" },
  });
}

export type Anonymised = {
  checkIns: number;
  revisions: number;
  retroAnswers: number;
  keyResultsLeftWithoutOwner: number;
  messages: number;
};

/**
 * In one transaction: the person's notes, links, retro answers, prompts, roles and DMs' records go,
 * and they are renamed `anonymous`; the numbers stay. Key results of cycles not ended at `now` lose
 * their owner.
 */
export function anonymisePerson(
  db: Db,
  person: Pick<Person, "id" | "workspaceId" | "slackUserId">,
  anonymous: string,
  now: Date,
): Promise<Anonymised> {
  const { workspaceId, slackUserId } = person;
  return db.$transaction(async (tx) => {
    const checkIns = (
      await tx.checkIn.updateMany({ where: { authorId: person.id }, data: { note: null, evidenceUrl: null } })
    ).count;
    const revisions = (
      await tx.checkInRevision.updateMany({ where: { authorId: person.id }, data: { note: null, evidenceUrl: null } })
    ).count;
    // Retro answers are written by the key result's owner.
    const retroAnswers = (
      await tx.retroEntry.updateMany({
        where: { keyResult: { ownerId: person.id } },
        data: { worked: null, didnt: null, learned: null },
      })
    ).count;
    // Key results of cycles still running or to come lose their owner (nobody to prompt); ended ones keep the anonymous one.
    const keyResultsLeftWithoutOwner = (
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
    const messages = (
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
    return { checkIns, revisions, retroAnswers, keyResultsLeftWithoutOwner, messages };
  });
}
