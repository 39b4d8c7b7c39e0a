// What the bot says to a person in answer to a command, a click or a form: one place for the
// sentences the listeners send, so they read the same wherever they come from.
import { plural } from "../domain/text";
import { esc } from "./format";

// When the bot cannot do what was asked right now: nothing was changed, and they can try again.
export const TRY_AGAIN =
  ":warning: Something went wrong on my side and nothing was changed. Please try again in a minute.";
export const NOT_SAVED = "Not saved: something went wrong on my side. Please press Submit again in a minute.";
/** A slash command from a workspace okr-bot is not (or no longer) installed in. */
export const NOT_INSTALLED =
  "okr-bot can't answer here: it is not installed in this workspace, or its access was revoked. A workspace admin can install it again.";
/** A form okr-bot has no handler for (an old version's, or a forged callback_id): it closes saying so. */
export const UNKNOWN_FORM =
  "This form is out of date, so nothing was saved. Close it and start again from the message or command that opened it.";

export const NO_CYCLE =
  "No OKR cycle is running right now. Import this quarter's OKRs with `okr-bot import okrs.yaml`.";
export const NO_CYCLE_SHORT = "No OKR cycle is running right now.";
export const BUTTON_OUT_OF_DATE = "This button is out of date.";
export const KEY_RESULT_GONE = "This key result no longer exists.";
export const KEY_RESULT_GONE_OR_ARCHIVED = "This key result no longer exists, or was archived.";

export function noKeyResultMatches(ref: string): string {
  return `No key result this cycle matches "${esc(ref)}". \`/okr team <name>\` lists a team's.`;
}

export function unknownTeam(name: string, teams: string[]): string {
  const known = teams.length
    ? `Teams: ${teams.map((t) => `\`${esc(t)}\``).join(", ")}.`
    : "No teams exist yet: start one with `/okr team create`.";
  return name ? `There is no team called "${esc(name)}". ${known}` : `Which team? ${known}`;
}

// `/okr` and its subcommands.
/** What a subcommand typed without what it needs is answered with. */
export const USAGE = {
  teamSettings: "Which team? For example `/okr team settings Platform`.",
  team: "Which team? For example `/okr team Platform`.",
  show: "Which key result? Give its number or words from its title, e.g. `/okr show 12` or `/okr show incidents`.",
  edit: "Which key result? For example `/okr edit 12` or `/okr edit checkout`.",
  archive: "Which key result? For example `/okr archive 12`.",
  follow: "Which team? For example `/okr follow Platform`: its digest comes to you as a DM each week.",
  unfollow: "Which team? For example `/okr unfollow Platform`. `/okr following` lists the teams you follow.",
  away: "Until when? For example `/okr away 2026-12-31` (the last day you are away).",
} as const;

export function unknownSubcommand(input: string, suggestion: string | null): string {
  const hint = suggestion ? ` Did you mean \`/okr ${suggestion}\`?` : "";
  return `I don't know \`${esc(input)}\`.${hint} Here is what I can do:`;
}

export function awayAnswer(until: string, understood: boolean): string {
  return understood
    ? `You're away through ${until.trim()}: no prompts or reminders until then, and digests show you as away. \`/okr back\` ends it early.`
    : `I couldn't read "${esc(until)}" as a date to come. Give the last day you are away as YYYY-MM-DD, e.g. \`/okr away 2026-12-31\`.`;
}
export const WELCOME_BACK = "Welcome back! Your check-in prompts are on again.";

export const YOUR_KEY_RESULTS = "Your key results";
export const YOU_OWN_NONE = "You own no key results this cycle. `/okr team <name>` shows a team's.";
export const theirKeyResults = (slackUserId: string) => `Key results of <@${slackUserId}>`;
export const theyOwnNone = (slackUserId: string) => `<@${slackUserId}> owns no key results this cycle.`;
export const TEAM_HAS_NO_OBJECTIVES = "This team has no objectives this cycle.";

export function archiveAnswer(id: number, title: string, refused: string | null): string {
  return refused === null
    ? `Archived #${id} ${esc(title)}: no more prompts for it, and it leaves digests and retros. Its history stays.`
    : `You can't archive #${id}: ${refused}`;
}

/** The last of the five messages a response_url takes, when the digest's thread is longer. */
export const moreDigestMessages = (count: number) => `…and ${count} more messages in the digest's thread.`;

// Forms opened from a command or a button.
export const NOTHING_TO_CHECK_IN = "You own no key results in the current cycle, so there is nothing to check in.";
export const ONLY_MANAGERS_WRITE =
  "Only a team's managers or a workspace admin can write its objectives. Ask one of them, or start your own team with `/okr team create`. Anyone can see the OKRs with `/okr team <name>`.";
export const cannotEdit = (id: number, reason: string) => `You can't edit #${id}: ${reason}`;
export const cannotAccept = (id: number, reason: string) => `You can't accept #${id}: ${reason}`;

// Forms submitted.
/** Under a check-in form's fields. */
export const CHECKIN_FIELDS = {
  noValue: "Enter the current value.",
  notANumber: "Enter a number, e.g. 42 or 97.5.",
  noConfidence: "Pick how confident you are.",
  noteTooLong: (max: number, length: number) => `Keep the note under ${max} characters (it has ${length}).`,
  badLink: "Enter a link starting with https:// (or leave it empty).",
} as const;
export const CHECKIN_FORM_OUT_OF_DATE = "This form is out of date: close it and open the check-in again.";
export const RETRO_FORM_OUT_OF_DATE = "This form is out of date: open it again from the retro DM.";
export const OBJECTIVE_FORM_OUT_OF_DATE = "This form is out of date: close it and run `/okr new` again.";
export const KEY_RESULT_FORM_OUT_OF_DATE = "This form is out of date: close it and run `/okr edit` again.";
export const TEAM_FORM_OUT_OF_DATE = "This form is out of date: open it again.";
export const PICK_A_TEAM = "Pick the team this objective belongs to.";
export const ONLY_MANAGERS_CHANGE = "Only the team's managers or a workspace admin can change this.";
export const DUPLICATE_OBJECTIVE = "This team already has an objective with this title this cycle.";
export const DUPLICATE_KEY_RESULT = "Another key result of this objective has this title.";
export const SETTINGS_INVALID = "Some settings are missing or invalid: check each field.";
export const teamNameTooLong = (max: number) => `Give the team a name of up to ${max} characters.`;
export const DUPLICATE_TEAM = "A team with this name exists already.";

export function objectiveSaved(title: string, keyResults: number, proposed: number): string {
  return (
    `:white_check_mark: Saved *${esc(title)}* with ${plural(keyResults, "key result")}.` +
    (proposed > 0
      ? ` ${plural(proposed, "key result")} belong${proposed === 1 ? "s" : ""} to someone else: I've asked them to accept, and until they do nobody is prompted about ${proposed === 1 ? "it" : "them"}.`
      : "")
  );
}

export function retroSaved(
  score: number,
  threadUpdated: boolean,
  carried: { toCycle: string; keyResultId: number } | null,
): string {
  const carriedText = carried
    ? ` It is drafted into ${esc(carried.toCycle)} as #${carried.keyResultId}: confirm its target in the DM I sent.`
    : "";
  return `:white_check_mark: Saved, score *${score.toFixed(1)}*.${threadUpdated ? " The retro thread shows it." : ""}${carriedText}`;
}
