// `/okr <subcommand> [args]` → a tagged value. Pure, so it is tested without Slack.
import { USAGE } from "../../blocks/sentences";

export type OkrCommand =
  | { name: "mine" }
  | { name: "person"; slackUserId: string }
  | { name: "help" }
  | { name: "checkin" }
  | { name: "team"; team: string }
  | { name: "team_settings"; team: string }
  | { name: "team_create"; team: string }
  | { name: "new"; team: string | null }
  | { name: "edit"; ref: string }
  | { name: "show"; ref: string }
  | { name: "archive"; ref: string }
  | { name: "digest"; team: string | null }
  | { name: "tree"; team: string | null }
  | { name: "follow"; team: string }
  | { name: "unfollow"; team: string }
  | { name: "following" }
  | { name: "away"; until: string }
  | { name: "back" }
  | { name: "usage"; problem: string }
  | { name: "unknown"; input: string; suggestion: string | null };

export const SUBCOMMANDS = [
  "help",
  "checkin",
  "team",
  "show",
  "new",
  "edit",
  "archive",
  "digest",
  "away",
  "back",
  "tree",
  "follow",
  "unfollow",
  "following",
] as const;

/** A user mention as Slack sends it in command text (with "Escape channels, users, and links" on). */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseOkrCommand(text: string): OkrCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { name: "mine" };
  const [word = "", ...rest] = trimmed.split(/\s+/);
  const args = rest.join(" ");
  const mention = MENTION.exec(word);
  if (mention) return { name: "person", slackUserId: mention[1]! };
  switch (word.toLowerCase()) {
    case "help":
      return { name: "help" };
    case "checkin":
    case "check-in":
      return { name: "checkin" };
    case "team": {
      const create = /^create(?:\s+(.+))?$/i.exec(args);
      if (create) return { name: "team_create", team: create[1] ?? "" };
      const settings = /^settings(?:\s+(.+))?$/i.exec(args);
      if (settings) {
        return settings[1]
          ? { name: "team_settings", team: settings[1] }
          : { name: "usage", problem: USAGE.teamSettings };
      }
      return args ? { name: "team", team: args } : { name: "usage", problem: USAGE.team };
    }
    case "show":
      return args
        ? { name: "show", ref: args }
        : {
            name: "usage",
            problem: USAGE.show,
          };
    case "new":
      return { name: "new", team: args || null };
    case "edit":
      return args ? { name: "edit", ref: args } : { name: "usage", problem: USAGE.edit };
    case "archive":
      return args ? { name: "archive", ref: args } : { name: "usage", problem: USAGE.archive };
    case "digest":
      return { name: "digest", team: args || null };
    case "tree":
      return { name: "tree", team: args || null };
    case "follow":
      return args
        ? { name: "follow", team: args }
        : {
            name: "usage",
            problem: USAGE.follow,
          };
    case "unfollow":
      return args
        ? { name: "unfollow", team: args }
        : {
            name: "usage",
            problem: USAGE.unfollow,
          };
    case "following":
      return { name: "following" };
    case "away":
      return args ? { name: "away", until: args } : { name: "usage", problem: USAGE.away };
    case "back":
      return { name: "back" };
    default:
      return { name: "unknown", input: word, suggestion: closest(word.toLowerCase()) };
  }
}

/** The subcommand within two edits of what was typed ("tem" → "team"), if any. */
function closest(word: string): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of SUBCOMMANDS) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
