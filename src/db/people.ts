import { isUniqueViolation, type Person, type Tx } from "./types";

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
