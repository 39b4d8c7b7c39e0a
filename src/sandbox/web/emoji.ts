// The emoji shortcodes the bot writes (and the vacation ones Slack statuses use), as characters.
// Unknown shortcodes stay as typed, like Slack shows a custom emoji it cannot find.
export const EMOJI: Readonly<Record<string, string>> = {
  white_check_mark: "✅",
  warning: "⚠️",
  red_circle: "🔴",
  large_yellow_circle: "🟡",
  large_green_circle: "🟢",
  palm_tree: "🌴",
  beach_with_umbrella: "🏖️",
  desert_island: "🏝️",
  airplane: "✈️",
  face_with_thermometer: "🤒",
  baby: "👶",
  link: "🔗",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  dart: "🎯",
  arrow_right: "➡️",
  zipper_mouth_face: "🤐",
  wave: "👋",
  triangular_flag_on_post: "🚩",
  thinking_face: "🤔",
  spiral_calendar_pad: "🗓️",
  speech_balloon: "💬",
  memo: "📝",
  mag: "🔍",
  inbox_tray: "📥",
  fast_forward: "⏩",
  chart: "💹",
  chart_with_upwards_trend: "📈",
  bulb: "💡",
  bell: "🔔",
  tada: "🎉",
  x: "❌",
  heavy_check_mark: "✔️",
  raised_hands: "🙌",
  eyes: "👀",
};

export function emojiFor(name: string): string | undefined {
  return EMOJI[name];
}
