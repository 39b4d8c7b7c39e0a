// `/okr`: parsed into a subcommand, then answered by that subcommand's entry in a table. Help,
// typos and missing arguments are answered in the ack; everything else reads the database, so
// Slack is answered first and the person gets an ephemeral response.
import type { App } from "@slack/bolt";
import { digestMessages, digestNotesMessages } from "../../blocks/digest";
import { treeMessage } from "../../blocks/tree";
import { followAnswer, followingAnswer } from "../../blocks/follow";
import { helpMessage } from "../../blocks/help";
import { ambiguousKeyResults, keyResultDetail } from "../../blocks/keyResultDetail";
import { okrList } from "../../blocks/okrList";
import {
  archiveAnswer,
  awayAnswer,
  moreDigestMessages,
  NO_CYCLE,
  noKeyResultMatches,
  TEAM_HAS_NO_OBJECTIVES,
  theirKeyResults,
  theyOwnNone,
  TRY_AGAIN,
  unknownSubcommand,
  unknownTeam,
  WELCOME_BACK,
  YOU_OWN_NONE,
  YOUR_KEY_RESULTS,
} from "../../blocks/sentences";
import type { MessageContent } from "../../blocks/types";
import { setAway, setBack } from "../../services/away";
import { follow, following, unfollow } from "../../services/follow";
import { archiveKeyResult, findKeyResult } from "../../services/keyResults";
import { digestPreview, myOkrs, teamOverview } from "../../services/overview";
import { teamTree } from "../../services/tree";
import { openCheckinModal } from "../actions/openCheckin";
import { ephemeral } from "../answers";
import type { ListenerDeps } from "../deps";
import { requestOf } from "../request";
import { orTellTryAgain } from "../trouble";
import {
  type CommandRequest,
  openEditKeyResult,
  openNewObjective,
  openTeamCreate,
  openTeamSettingsModal,
} from "./openOkrForms";
import { parseOkrCommand, type OkrCommand } from "./parseOkrCommand";

/** Answered in the ack, without the database. */
type AtOnce = Extract<OkrCommand, { name: "help" | "unknown" | "usage" }>;
/** Answered after the ack. */
export type Subcommand = Exclude<OkrCommand, AtOnce>;
/** An ephemeral answer to the person who typed the command. */
type Say = (message: string | MessageContent) => Promise<unknown>;
type Handler<N extends Subcommand["name"]> = (
  parsed: Extract<Subcommand, { name: N }>,
  req: CommandRequest,
  say: Say,
) => Promise<unknown>;

const AT_ONCE: { [N in AtOnce["name"]]: (parsed: Extract<AtOnce, { name: N }>) => MessageContent | string } = {
  help: () => helpMessage(),
  unknown: (parsed) => helpMessage(unknownSubcommand(parsed.input, parsed.suggestion)),
  usage: (parsed) => parsed.problem,
};

/** Every subcommand `parseOkrCommand` returns, and what answers it. */
export const SUBCOMMAND_HANDLERS: { [N in Subcommand["name"]]: Handler<N> } = {
  checkin: (_, req) => openCheckinModal(req, req.triggerId),
  team_settings: (parsed, req) => openTeamSettingsModal(req, parsed.team),
  team_create: (parsed, req) => openTeamCreate(req, parsed.team),
  new: (parsed, req) => openNewObjective(req, parsed.team),
  edit: (parsed, req) => openEditKeyResult(req, parsed.ref),

  away: async (parsed, req, say) => {
    const until = await setAway(req.services, req.ws, req.userId, parsed.until);
    return say(awayAnswer(parsed.until, until !== null));
  },
  back: async (_, req, say) => {
    await setBack(req.services, req.ws, req.userId);
    return say(WELCOME_BACK);
  },

  mine: async (_, req, say) => {
    const mine = await myOkrs(req.services, req.ws, req.userId);
    if (!mine) return say(NO_CYCLE);
    return say(okrList({ ...mine, title: YOUR_KEY_RESULTS, empty: YOU_OWN_NONE }));
  },
  person: async (parsed, req, say) => {
    const theirs = await myOkrs(req.services, req.ws, parsed.slackUserId);
    if (!theirs) return say(NO_CYCLE);
    const who = parsed.slackUserId;
    return say(okrList({ ...theirs, title: theirKeyResults(who), empty: theyOwnNone(who) }));
  },
  team: async (parsed, req, say) => {
    const overview = await teamOverview(req.services, req.ws, parsed.team);
    if (overview.status === "no_cycle") return say(NO_CYCLE);
    if (overview.status === "unknown_team") return say(unknownTeam(parsed.team, overview.teams));
    const d = overview.digest;
    return say(
      okrList({
        title: d.teamName,
        cycleKey: d.cycleKey,
        week: d.week,
        objectives: d.objectives,
        empty: TEAM_HAS_NO_OBJECTIVES,
      }),
    );
  },

  show: (parsed, req, say) => showOrArchive(parsed, req, say),
  archive: (parsed, req, say) => showOrArchive(parsed, req, say),

  digest: async (parsed, req, say) => {
    const preview = await digestPreview(req.services, req.ws, req.userId, parsed.team);
    if (preview.status === "no_cycle") return say(NO_CYCLE);
    if (preview.status === "unknown_team") return say(unknownTeam(parsed.team ?? "", preview.teams));
    // A response_url takes 5 messages: the main message, then its thread as far as that goes.
    const [first, ...thread] = [...digestMessages(preview.digest), ...digestNotesMessages(preview.digest)];
    await say(first!);
    for (const [i, reply] of thread.entries()) {
      if (i === 3 && thread.length > 4) return say(moreDigestMessages(thread.length - 3));
      await say(reply);
    }
  },
  tree: async (parsed, req, say) => {
    const tree = await teamTree(req.services, req.ws, req.userId, parsed.team);
    if (tree.status === "no_cycle") return say(NO_CYCLE);
    if (tree.status === "unknown_team") return say(unknownTeam(parsed.team ?? "", tree.teams));
    return say(treeMessage(tree));
  },

  follow: (parsed, req, say) => followOrUnfollow(parsed, req, say),
  unfollow: (parsed, req, say) => followOrUnfollow(parsed, req, say),
  following: async (_, req, say) => say(followingAnswer(await following(req.services, req.ws, req.userId))),
};

async function showOrArchive(parsed: Extract<Subcommand, { name: "show" | "archive" }>, req: CommandRequest, say: Say) {
  const found = await findKeyResult(req.db, req.ws, req.now, parsed.ref);
  if (found.status === "no_cycle") return say(NO_CYCLE);
  if (found.status === "none") return say(noKeyResultMatches(parsed.ref));
  if (found.status === "ambiguous") return say(ambiguousKeyResults(parsed.ref, found.matches));
  if (parsed.name === "show") return say(keyResultDetail(found.match));
  const decision = await archiveKeyResult(req.services, req.ws, req.userId, found.match);
  const { id, title } = found.match.status;
  return say(archiveAnswer(id, title, decision.allowed ? null : decision.reason));
}

async function followOrUnfollow(
  parsed: Extract<Subcommand, { name: "follow" | "unfollow" }>,
  req: CommandRequest,
  say: Say,
) {
  const result = await (parsed.name === "follow" ? follow : unfollow)(req.services, req.ws, req.userId, parsed.team);
  return say(result.status === "unknown_team" ? unknownTeam(parsed.team, result.teams) : followAnswer(result));
}

const isAtOnce = (parsed: OkrCommand): parsed is AtOnce => parsed.name in AT_ONCE;

export function registerOkrCommand(app: App, deps: ListenerDeps) {
  app.command("/okr", async (args) => {
    const { command, ack, respond } = args;
    const parsed = parseOkrCommand(command.text);
    if (isAtOnce(parsed)) {
      const answer = AT_ONCE[parsed.name] as (p: AtOnce) => MessageContent | string;
      return ack(ephemeral(answer(parsed)));
    }
    await ack();
    const say: Say = (message) => respond(ephemeral(message));
    await orTellTryAgain(
      deps.log,
      `/okr ${parsed.name}`,
      async () => {
        const req = { ...requestOf(deps, args), triggerId: command.trigger_id, channelId: command.channel_id };
        const handle = SUBCOMMAND_HANDLERS[parsed.name] as (
          p: Subcommand,
          r: CommandRequest,
          s: Say,
        ) => Promise<unknown>;
        await handle(parsed, req, say);
      },
      () => say(TRY_AGAIN),
    );
  });
}
