import { parseAwayUntil } from "../domain/away";
import { ensurePerson, setAwayUntil } from "../db/people";
import type { ServiceDeps } from "./deps";
import { refreshProfile } from "./people";

/** `/okr away <date>`: no prompts or reminders through that day (the person's own time zone). */
export async function setAway(
  deps: ServiceDeps,
  workspaceId: number,
  slackUserId: string,
  text: string,
): Promise<Date | null> {
  const person = await refreshProfile(deps, await ensurePerson(deps.db, workspaceId, slackUserId));
  const until = parseAwayUntil(text, deps.now, person.tz ?? "UTC");
  if (!until) return null;
  await setAwayUntil(deps.db, person.id, until);
  return until;
}

/** `/okr back`: prompts resume (a vacation status in Slack still counts until it is cleared). */
export async function setBack(deps: ServiceDeps, workspaceId: number, slackUserId: string): Promise<void> {
  const person = await ensurePerson(deps.db, workspaceId, slackUserId);
  // Ending the absence now (rather than clearing it) lets this week's prompt count its grace from now.
  await setAwayUntil(deps.db, person.id, deps.now);
}
