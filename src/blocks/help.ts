import type { MessageContent } from "./types";

export const COMMANDS = [
  { usage: "/okr", description: "Your key results this cycle, with progress and your last check-in" },
  { usage: "/okr @person", description: "Someone else's key results, e.g. `/okr @alice`" },
  { usage: "/okr team <name>", description: "A team's objectives and key results, e.g. `/okr team Platform`" },
  {
    usage: "/okr new [team]",
    description:
      "Write an objective with its key results, with hints from the OKR guides (team managers and workspace admins)",
  },
  {
    usage: "/okr edit <key result>",
    description: "Change a key result's title, owner, baseline, target or source, e.g. `/okr edit 12`",
  },
  {
    usage: "/okr team create [name]",
    description: "Start a new team: its channel, managers, check-in day, time and cadence",
  },
  {
    usage: "/okr team settings <name>",
    description:
      "Change a team's channel, managers, check-in day, time and cadence (its managers and workspace admins)",
  },
  {
    usage: "/okr show <key result>",
    description:
      "One key result with its history, by number or title words, e.g. `/okr show 12` or `/okr show incidents`",
  },
  {
    usage: "/okr tree [team]",
    description:
      "The OKR tree from a team down (default: the top of yours): each objective's progress, confidence, owner and key results, and the roll-up of the objectives aligned to it",
  },
  {
    usage: "/okr follow <team>",
    description:
      "Get that team's weekly digest (its leadership digest if it has teams below) as a DM, e.g. `/okr follow Company`",
  },
  { usage: "/okr unfollow <team>", description: "Stop getting that team's digest" },
  { usage: "/okr following", description: "The teams whose digest you get" },
  {
    usage: "/okr digest [team]",
    description: "A preview of the next digest, only to you, e.g. `/okr digest Platform`",
  },
  {
    usage: "/okr archive <key result>",
    description: "Retire a key result (its history stays), e.g. `/okr archive 12`",
  },
  { usage: "/okr checkin", description: "Open the check-in form now, whatever the day" },
  {
    usage: "/okr away <YYYY-MM-DD>",
    description: "Pause your prompts and reminders through that day, e.g. `/okr away 2026-12-31`",
  },
  { usage: "/okr back", description: "Resume your prompts" },
  { usage: "/okr help", description: "This list" },
] as const;

export function helpMessage(intro?: string): MessageContent {
  const lines = COMMANDS.map((c) => `• \`${c.usage}\` — ${c.description}`);
  return {
    text: "okr-bot commands",
    blocks: [
      ...(intro ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: intro } }] : []),
      { type: "section", text: { type: "mrkdwn", text: `*okr-bot commands*\n${lines.join("\n")}` } },
    ],
  };
}
