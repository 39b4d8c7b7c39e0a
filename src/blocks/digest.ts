import type { KnownBlock } from "@slack/types";
import type { AttentionItem, AttentionKind } from "../domain/attention";
import type { Digest } from "../domain/digest";
import { formatNumber, formatPercent } from "../domain/progress";
import { weightsDiffer } from "../domain/rollup";
import { progressFigure } from "./tree";
import { plural } from "../domain/text";
import { confidenceLabel, esc, escFit, fitMrkdwn, keyResultLine, mention, truncate } from "./format";
import { splitIntoMessages } from "./split";
import type { MessageContent } from "./types";

export const ATTENTION_EMOJI: Record<AttentionKind, string> = {
  threshold_breached: ":rotating_light:",
  off_track: ":red_circle:",
  confident_but_behind: ":warning:",
  worried_but_ahead: ":thinking_face:",
  silent: ":zipper_mouth_face:",
  goalposts_moved: ":triangular_flag_on_post:",
  typed_not_measured: ":mag:",
  source_failing: ":electric_plug:",
};
const ATTENTION_SHOWN = 12;

function attentionLine(item: AttentionItem): string {
  const by = item.editorSlackId ? ` by ${mention(item.editorSlackId)}` : "";
  return `${ATTENTION_EMOJI[item.kind]} *${escFit(item.title, 150)}* · ${mention(item.ownerSlackId)} — ${esc(item.detail)}${by}`;
}

function attentionBlocks(digest: Digest): KnownBlock[] {
  if (digest.attention.length === 0) return [];
  const lines = digest.attention.slice(0, ATTENTION_SHOWN).map(attentionLine);
  if (digest.attention.length > ATTENTION_SHOWN)
    lines.push(`…and ${digest.attention.length - ATTENTION_SHOWN} more below.`);
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(`*Needs attention (${digest.attention.length})*\n${lines.join("\n")}`, 3000),
      },
    },
  ];
}

export function digestBlocks(digest: Digest): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: truncate(`${digest.teamName} · OKR digest · ${digest.week}`, 150) },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${digest.cycleKey} · week ${digest.weekOfCycle.week} of ${digest.weekOfCycle.of} · ${formatPercent(digest.elapsed)} of the quarter gone · ${digest.checkedIn}/${digest.total} key results checked in`,
        },
      ],
    },
    ...attentionBlocks(digest),
  ];
  for (const objective of digest.objectives) {
    blocks.push({ type: "divider" });
    const figures = objective.keyResults.length > 0 ? `\n${progressFigure(objective.progress)}` : "";
    const rollup =
      (objective.rollup !== undefined
        ? ` · aligned: ${objective.rollup === null ? "—" : formatPercent(objective.rollup)}`
        : "") +
      (objective.noLongerServes
        ? `\n:scissors: _No longer aligned: ${escFit(objective.noLongerServes, 300)} was archived. Align it again in the OKR file (\`aligns_to\`)._`
        : "");
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(
          `:dart: *${esc(objective.title)}*${objective.ownerSlackId ? ` · ${mention(objective.ownerSlackId)}` : ""}${figures}${rollup}`,
          3000,
        ),
      },
    });
    // Weights are shown only when they differ.
    const weights = weightsDiffer(objective.keyResults);
    for (const kr of objective.keyResults) {
      const weight = weights ? ` · weight ${formatNumber(kr.weight ?? 1)}` : "";
      blocks.push({
        type: "section",
        text: {
          type: "mrkdwn",
          text: fitMrkdwn(keyResultLine(kr, { trend: kr.trend }), 3000 - weight.length) + weight,
        },
      });
    }
  }
  blocks.push(...sharedBlocks(digest));
  blocks.push({ type: "divider" });
  const who: string[] = [];
  if (digest.missing.length > 0)
    who.push(`:hourglass: *Not checked in yet (${digest.missing.length}):* ${digest.missing.map(mention).join(", ")}`);
  if (digest.skipped.length > 0)
    who.push(
      `:fast_forward: *Skipped this week (${digest.skipped.length}):* ${digest.skipped.map(mention).join(", ")}`,
    );
  if (digest.away.length > 0)
    who.push(`:palm_tree: *Away (${digest.away.length}):* ${digest.away.map(mention).join(", ")}`);
  if (who.length === 0) who.push(":white_check_mark: Everyone has checked in this week.");
  if (digest.unaccepted > 0)
    who.push(`:inbox_tray: *Proposed, not accepted by their owner yet:* ${plural(digest.unaccepted, "key result")}`);
  const notes = notesCount(digest);
  if (notes > 0) who.push(`:speech_balloon: ${plural(notes, "note")} from this week's check-ins in the thread.`);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(who.join("\n"), 3000) } });
  return blocks;
}

/** Key results of other teams this team's people co-own: shown, marked with the team that owns (and counts) them. */
function sharedBlocks(digest: Digest): KnownBlock[] {
  if (digest.shared.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:handshake: *Shared with other teams (${digest.shared.length})* · co-owned here, counted in the owning team's progress`,
      },
    },
  ];
  for (const s of digest.shared) {
    const owner = `\n_Shared with ${escFit(s.teamName, 150)} · ${escFit(s.objectiveTitle, 300)}_`;
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(keyResultLine(s.keyResult, { trend: s.keyResult.trend }), 3000 - owner.length) + owner,
      },
    });
  }
  return blocks;
}

function withNotes(digest: Digest) {
  return digest.objectives.flatMap((o) => o.keyResults).filter((kr) => kr.thisWeek?.note || kr.thisWeek?.evidenceUrl);
}

function notesCount(digest: Digest): number {
  return withNotes(digest).length;
}

/** The digest as one or more messages within Slack's limits; the first is the main message. */
export function digestMessages(digest: Digest): MessageContent[] {
  const parts = splitIntoMessages(digestBlocks(digest));
  return parts.map((blocks, i) => ({
    text:
      i === 0
        ? `${esc(digest.teamName)} OKR digest for ${digest.week}: ${digest.checkedIn}/${digest.total} key results checked in`
        : `${esc(digest.teamName)} OKR digest for ${digest.week} (continued, ${i + 1}/${parts.length})`,
    blocks,
  }));
}

/** This week's check-in notes, for the digest's thread, so the channel stays readable. */
export function digestNotesMessages(digest: Digest): MessageContent[] {
  const krs = withNotes(digest);
  if (krs.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*Notes from this week's check-ins (${krs.length})*` } },
  ];
  for (const kr of krs) {
    const lines = [
      `*${escFit(kr.title, 150)}* · ${mention(kr.ownerSlackId)} · ${confidenceLabel(kr.thisWeek!.confidence)}`,
    ];
    if (kr.thisWeek!.note) lines.push(`> ${escFit(kr.thisWeek!.note, 2400).replace(/\n/g, "\n> ")}`);
    // Evidence URLs were checked on input (http(s), no "|", "<" or ">"), so the link cannot be disguised.
    if (kr.thisWeek!.evidenceUrl) lines.push(`:link: <${kr.thisWeek!.evidenceUrl}|evidence>`);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(lines.join("\n"), 3000) } });
  }
  const parts = splitIntoMessages(blocks);
  return parts.map((b, i) => ({
    text: `Notes from this week's check-ins${parts.length > 1 ? ` (${i + 1}/${parts.length})` : ""}`,
    blocks: b,
  }));
}
