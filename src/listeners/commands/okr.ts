import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import { helpMessage } from "../../blocks/help";
import { okrList } from "../../blocks/okrList";
import { esc } from "../../blocks/format";
import { setAway, setBack } from "../../services/away";
import { ambiguousKeyResults, keyResultDetail } from "../../blocks/keyResultDetail";
import { digestMessages, digestNotesMessages } from "../../blocks/digest";
import type { SlackClient } from "../../slack/client";
import { archiveKeyResult, findKeyResult } from "../../services/keyResults";
import { digestPreview, myOkrs, teamOverview } from "../../services/overview";
import { teamTree } from "../../services/tree";
import { follow, following, unfollow } from "../../services/follow";
import { followAnswer, followingAnswer } from "../../blocks/follow";
import { treeMessage } from "../../blocks/tree";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";
import { openCheckinModal } from "../actions/openCheckin";
import {
  type CommandContext,
  openEditKeyResult,
  openNewObjective,
  openTeamCreate,
  openTeamSettingsModal,
  unknownTeam,
} from "./openOkrForms";
import { parseOkrCommand, type OkrCommand } from "./parseOkrCommand";
import { orTellTryAgain, TRY_AGAIN } from "../trouble";

const NO_CYCLE = "No OKR cycle is running right now. Import this quarter's OKRs with `okr-bot import okrs.yaml`.";

export function registerOkrCommand(app: App, deps: ListenerDeps) {
  app.command("/okr", async ({ command, ack, respond, client, context }) => {
    const parsed = parseOkrCommand(command.text);
    if (parsed.name === "help") return ack({ response_type: "ephemeral", ...helpMessage() });
    if (parsed.name === "unknown") {
      const hint = parsed.suggestion ? ` Did you mean \`/okr ${parsed.suggestion}\`?` : "";
      return ack({
        response_type: "ephemeral",
        ...helpMessage(`I don't know \`${esc(parsed.input)}\`.${hint} Here is what I can do:`),
      });
    }
    if (parsed.name === "usage") return ack({ response_type: "ephemeral", text: parsed.problem });
    // Everything else reads the database: answer Slack first, then respond.
    await ack();
    await orTellTryAgain(
      deps.log,
      `/okr ${parsed.name}`,
      () => answerCommand(parsed, { ...command, ws: workspaceOf(context) }, respond, client),
      () => respond({ response_type: "ephemeral", text: TRY_AGAIN }),
    );
  });

  async function answerCommand(
    parsed: Exclude<OkrCommand, { name: "help" | "unknown" | "usage" }>,
    command: SlashCommand & CommandContext,
    respond: RespondFn,
    client: SlackClient,
  ): Promise<void> {
    if (parsed.name === "checkin")
      return openCheckinModal(deps, client, command.ws, command.user_id, command.trigger_id);
    if (parsed.name === "team_settings") return openTeamSettingsModal(deps, client, command, parsed.team);
    if (parsed.name === "team_create") return openTeamCreate(deps, client, command, parsed.team);
    if (parsed.name === "new") return openNewObjective(deps, client, command, parsed.team);
    if (parsed.name === "edit") return openEditKeyResult(deps, client, command, parsed.ref);
    const services = serviceDeps(deps, client);
    const ws = command.ws;
    switch (parsed.name) {
      case "away": {
        const until = await setAway(services, ws, command.user_id, parsed.until);
        await respond({
          response_type: "ephemeral",
          text: until
            ? `You're away through ${parsed.until.trim()}: no prompts or reminders until then, and digests show you as away. \`/okr back\` ends it early.`
            : `I couldn't read "${esc(parsed.until)}" as a date to come. Give the last day you are away as YYYY-MM-DD, e.g. \`/okr away 2026-12-31\`.`,
        });
        return;
      }
      case "back":
        await setBack(services, ws, command.user_id);
        await respond({ response_type: "ephemeral", text: "Welcome back! Your check-in prompts are on again." });
        return;
      case "person": {
        const theirs = await myOkrs(services, ws, parsed.slackUserId);
        if (!theirs) return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        await respond({
          response_type: "ephemeral",
          ...okrList({
            title: `Key results of <@${parsed.slackUserId}>`,
            cycleKey: theirs.cycleKey,
            week: theirs.week,
            objectives: theirs.objectives,
            empty: `<@${parsed.slackUserId}> owns no key results this cycle.`,
          }),
        });
        return;
      }
      case "show":
      case "archive": {
        const found = await findKeyResult(deps.db, ws, services.now, parsed.ref);
        if (found.status === "no_cycle") return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        if (found.status === "none")
          return void (await respond({
            response_type: "ephemeral",
            text: `No key result this cycle matches "${esc(parsed.ref)}". \`/okr team <name>\` lists a team's.`,
          }));
        if (found.status === "ambiguous")
          return void (await respond({
            response_type: "ephemeral",
            text: ambiguousKeyResults(parsed.ref, found.matches),
          }));
        if (parsed.name === "show")
          return void (await respond({ response_type: "ephemeral", ...keyResultDetail(found.match) }));
        const decision = await archiveKeyResult(services, ws, command.user_id, found.match);
        await respond({
          response_type: "ephemeral",
          text: decision.allowed
            ? `Archived #${found.match.status.id} ${esc(found.match.status.title)}: no more prompts for it, and it leaves digests and retros. Its history stays.`
            : `You can't archive #${found.match.status.id}: ${decision.reason}`,
        });
        return;
      }
      case "digest": {
        const preview = await digestPreview(services, ws, command.user_id, parsed.team);
        if (preview.status === "no_cycle") return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        if (preview.status === "unknown_team")
          return void (await respond({
            response_type: "ephemeral",
            text: unknownTeam(parsed.team ?? "", preview.teams),
          }));
        // A response_url takes 5 messages: the main message, then its thread as far as that goes.
        const [first, ...thread] = [...digestMessages(preview.digest), ...digestNotesMessages(preview.digest)];
        await respond({ response_type: "ephemeral", ...first! });
        for (const [i, reply] of thread.entries()) {
          if (i === 3 && thread.length > 4) {
            await respond({
              response_type: "ephemeral",
              text: `…and ${thread.length - 3} more messages in the digest's thread.`,
            });
            break;
          }
          await respond({ response_type: "ephemeral", ...reply });
        }
        return;
      }
      case "tree": {
        const tree = await teamTree(services, ws, command.user_id, parsed.team);
        if (tree.status === "no_cycle") return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        if (tree.status === "unknown_team")
          return void (await respond({ response_type: "ephemeral", text: unknownTeam(parsed.team ?? "", tree.teams) }));
        await respond({ response_type: "ephemeral", ...treeMessage(tree) });
        return;
      }
      case "follow":
      case "unfollow": {
        const result = await (parsed.name === "follow" ? follow : unfollow)(services, ws, command.user_id, parsed.team);
        await respond({
          response_type: "ephemeral",
          text: result.status === "unknown_team" ? unknownTeam(parsed.team, result.teams) : followAnswer(result),
        });
        return;
      }
      case "following":
        await respond({
          response_type: "ephemeral",
          text: followingAnswer(await following(services, ws, command.user_id)),
        });
        return;
      case "mine": {
        const mine = await myOkrs(services, ws, command.user_id);
        if (!mine) return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        await respond({
          response_type: "ephemeral",
          ...okrList({
            title: "Your key results",
            cycleKey: mine.cycleKey,
            week: mine.week,
            objectives: mine.objectives,
            empty: "You own no key results this cycle. `/okr team <name>` shows a team's.",
          }),
        });
        return;
      }
      case "team": {
        const overview = await teamOverview(services, ws, parsed.team);
        if (overview.status === "no_cycle") return void (await respond({ response_type: "ephemeral", text: NO_CYCLE }));
        if (overview.status === "unknown_team")
          return void (await respond({ response_type: "ephemeral", text: unknownTeam(parsed.team, overview.teams) }));
        const d = overview.digest;
        await respond({
          response_type: "ephemeral",
          ...okrList({
            title: d.teamName,
            cycleKey: d.cycleKey,
            week: d.week,
            objectives: d.objectives,
            empty: "This team has no objectives this cycle.",
          }),
        });
        return;
      }
    }
  }
}
