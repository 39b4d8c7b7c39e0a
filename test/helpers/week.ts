// One week of okr-bot as people see it, for tests that watch what the bot writes and counts while
// it works: the Monday prompts, two check-ins (from the prompt DM and from /okr checkin), a
// command, the Friday digest with its chart.
import { IDS } from "../../src/blocks/ids";
import type { LocalStack } from "../../src/demo/localStack";
import { waitFor } from "../../src/sandbox";
import { addPeople, platformOkrs } from "./okrs";
import type { TestStack } from "./stack";

const WEEK_OKRS = platformOkrs({ owner: "U0MANAGER" });

export const MONDAY = new Date("2026-11-23T09:30:00Z");
const FRIDAY = new Date("2026-11-27T16:30:00Z");
const WEEK_USERS = ["U0ALICE", "U0BOB", "U0MANAGER"];

const value = (title: string, v: string) => async (id: (t: string) => Promise<number>) => ({
  [`${IDS.checkinBlocks.value}${await id(title)}`]: v,
  [`${IDS.checkinBlocks.confidence}${await id(title)}`]: "on_track",
});

/** The people and OKRs of the week. */
export async function setUpWeek(s: TestStack): Promise<void> {
  addPeople(s.sandbox, WEEK_USERS, "UTC");
  await s.importYaml(WEEK_OKRS);
}

/** Runs the week on a stack set up with setUpWeek; returns how many check-ins were stored. */
export async function runWeek(s: LocalStack): Promise<{ checkins: number }> {
  s.clock.now = MONDAY;
  await s.runJob("checkins");
  const alice = await s.checkIn("U0ALICE", value("Reduce P1 incidents", "7"));
  const bob = await s.checkIn("U0BOB", value("Improve checkout success rate", "95"), { via: "command" });
  for (const done of [alice, bob])
    if (done.outcome.action !== "closed") throw new Error(`a check-in was not saved: ${done.body}`);
  const help = await s.requester.command({ user: "U0MANAGER", text: "help" });
  // The answer comes in the ack or through the response URL.
  if (!help.body.includes("/okr checkin")) {
    await waitFor(() => s.sandbox.responses().find((r) => JSON.stringify(r.body).includes("/okr checkin")), {
      timeoutMs: 5000,
      message: "the /okr help answer",
    });
  }
  s.clock.now = FRIDAY;
  const digest = (await s.runJob("digest")) as { posted?: number };
  if (digest.posted !== 1) throw new Error(`the digest was not posted: ${JSON.stringify(digest)}`);
  return { checkins: 2 };
}
