// What use cases answer, as data: the services build it, src/blocks renders it (neither imports the other for it).
import type { ServedObjective } from "./alignment";
import type { KeyResultStatus } from "./keyResultStatus";

export type HomeData = {
  cycleKey: string | null;
  week: string | null;
  /** With the line each serves: its objective, then the objectives that one aligns to, up the tree. */
  keyResults: Array<KeyResultStatus & { serves: ServedObjective[] }>;
  /** `progress`: the digest's, the weighted mean of the key results that can be scored (null: none can). */
  team: { name: string; objectives: Array<{ title: string; progress: number | null; keyResults: number }> } | null;
  managed: Array<{ team: string; missing: string[] }>;
};

export type KeyResultMatch = {
  status: KeyResultStatus;
  objectiveTitle: string;
  teamName: string;
  coOwnerSlackIds: string[];
  managerSlackIds: string[];
};

export type FollowResult =
  | { status: "followed" | "already" | "unfollowed" | "not_following"; team: string }
  | { status: "unknown_team"; teams: string[] };

export type ObjectiveWithStatus = { title: string; ownerSlackId: string | null; keyResults: KeyResultStatus[] };
