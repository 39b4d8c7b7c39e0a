// `/okr <subcommand> [args]` → a tagged value. Pure, so it is tested without Slack.
export type OkrCommand =
  | { name: "mine" }
  | { name: "help" }
  | { name: "checkin" }
  | { name: "team"; team: string }
  | { name: "away"; until: string }
  | { name: "back" }
  | { name: "usage"; problem: string }
  | { name: "unknown"; input: string };

export function parseOkrCommand(text: string): OkrCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { name: "mine" };
  const [word = "", ...rest] = trimmed.split(/\s+/);
  const args = rest.join(" ");
  switch (word.toLowerCase()) {
    case "help":
      return { name: "help" };
    case "checkin":
    case "check-in":
      return { name: "checkin" };
    case "away":
      return args ? { name: "away", until: args } : { name: "usage", problem: "Until when? For example `/okr away 2026-12-31` (the last day you are away)." };
    case "back":
      return { name: "back" };
    case "team":
      return args ? { name: "team", team: args } : { name: "usage", problem: "Which team? For example `/okr team Platform`." };
    default:
      return { name: "unknown", input: word };
  }
}
