// What `/okr follow`, `/okr unfollow` and `/okr following` answer.
import type { FollowResult } from "../domain/answers";
import { esc } from "./format";

export function followAnswer(result: Exclude<FollowResult, { status: "unknown_team" }>): string {
  const team = `*${esc(result.team)}*`;
  switch (result.status) {
    case "followed":
      return `You now follow ${team}: its weekly digest comes to you as a DM when it is posted. \`/okr unfollow ${esc(result.team)}\` stops it.`;
    case "already":
      return `You already follow ${team}.`;
    case "unfollowed":
      return `You no longer follow ${team}.`;
    case "not_following":
      return `You don't follow ${team}. \`/okr following\` lists the teams you follow.`;
  }
}

export function followingAnswer(teams: readonly string[]): string {
  return teams.length === 0
    ? "You follow no team. `/okr follow <team>` sends you its weekly digest as a DM."
    : `You get the weekly digest of: ${teams.map((t) => `*${esc(t)}*`).join(", ")}.`;
}
