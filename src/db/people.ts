import type { Person, Tx } from "./types";

export async function ensurePerson(db: Tx, workspaceId: number, slackUserId: string): Promise<Person> {
  const existing = await db.person.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
  return existing ?? db.person.create({ data: { workspaceId, slackUserId } });
}

export function findPerson(db: Tx, workspaceId: number, slackUserId: string): Promise<Person | null> {
  return db.person.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
}

export function savePersonProfile(db: Tx, personId: number, profile: { name?: string | null; tz: string | null }, now: Date) {
  return db.person.update({ where: { id: personId }, data: { name: profile.name ?? undefined, tz: profile.tz, tzFetchedAt: now } });
}
