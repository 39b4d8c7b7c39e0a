/** The bot scopes okr-bot asks for when installed through OAuth; the same list as manifest.yml (tested). */
export const BOT_SCOPES = [
  "chat:write",
  "commands",
  "files:write",
  "users:read",
  "im:write",
  "im:history",
  "channels:history",
  "groups:history",
] as const;
