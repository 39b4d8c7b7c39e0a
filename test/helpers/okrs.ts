// The OKR file most end-to-end tests start from: team Platform in C0PLATFORM, managed by U0MANAGER,
// one objective owned by U0LEAD with two key results, Alice's and Bob's. Tests change only what
// they are about (a cycle, a check-in time, another owner, one more key result or team).
import { stringify } from "yaml";
import type { SlackSandbox } from "../../src/sandbox";

export type KeyResultSpec = {
  title: string;
  owner: string;
  co_owners?: string[];
  baseline?: number;
  target: number | string;
  unit?: string;
  measured_by?: string;
};

export const P1_INCIDENTS: KeyResultSpec = {
  title: "Reduce P1 incidents",
  owner: "U0ALICE",
  baseline: 8,
  target: 2,
  measured_by: "Incident tracker",
};

export const CHECKOUT_SUCCESS: KeyResultSpec = {
  title: "Improve checkout success rate",
  owner: "U0BOB",
  baseline: 94,
  target: 98,
  measured_by: "Payments dashboard",
};

/** A second team, in C0DATA, managed by U0OTHER, with no objectives yet. */
export const DATA_TEAM = { name: "Data", channel: "C0DATA", managers: ["U0OTHER"], objectives: [] };

export type PlatformOkrsOptions = {
  cycle?: string;
  managers?: string[];
  /** The objective's owner. */
  owner?: string;
  checkin?: { day: string; time: string };
  keyResults?: KeyResultSpec[];
  /** Objectives after "Make our platform reliable", as written in the file. */
  moreObjectives?: object[];
  /** Teams after Platform, as written in the file. */
  moreTeams?: object[];
};

/** The people of the default file, for `addPeople`. */
export const PLATFORM_PEOPLE = ["U0ALICE", "U0BOB", "U0LEAD", "U0MANAGER"];

/** The Platform OKR file; by default cycle 2026-Q4 and key results P1_INCIDENTS and CHECKOUT_SUCCESS. */
export function platformOkrs(opts: PlatformOkrsOptions = {}): string {
  const platform = {
    name: "Platform",
    channel: "C0PLATFORM",
    managers: opts.managers ?? ["U0MANAGER"],
    ...(opts.checkin ? { checkin: opts.checkin } : {}),
    objectives: [
      {
        title: "Make our platform reliable",
        owner: opts.owner ?? "U0LEAD",
        key_results: opts.keyResults ?? [P1_INCIDENTS, CHECKOUT_SUCCESS],
      },
      ...(opts.moreObjectives ?? []),
    ],
  };
  return stringify({ cycle: opts.cycle ?? "2026-Q4", teams: [platform, ...(opts.moreTeams ?? [])] });
}

/** Adds these people to the sandbox, named after their ids (U0ALICE is alice), in one time zone. */
export function addPeople(sandbox: Pick<SlackSandbox, "addUser">, ids: readonly string[], tz: string): void {
  for (const id of ids) sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz });
}
