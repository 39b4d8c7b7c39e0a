import type { MessageContent } from "./types";

export const COMMANDS = [
  { usage: "/okr", description: "Your key results this cycle, with progress and your last check-in" },
  { usage: "/okr team <name>", description: "A team's objectives and key results, e.g. `/okr team Platform`" },
  { usage: "/okr checkin", description: "Open the check-in form now, whatever the day" },
  { usage: "/okr away <YYYY-MM-DD>", description: "Pause your prompts and reminders through that day, e.g. `/okr away 2026-12-31`" },
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
