import type { KnownBlock } from "@slack/types";
import type { Digest } from "../domain/digest";
import { formatPercent } from "../domain/progress";
import { plural } from "../domain/text";
import { esc, fitMrkdwn, keyResultLine, mention, truncate } from "./format";
import { splitIntoMessages } from "./split";
import type { MessageContent } from "./types";

export function digestBlocks(digest: Digest): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(`${digest.teamName} · OKR digest · ${digest.week}`, 150) } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${digest.cycleKey} · week ${digest.weekOfCycle.week} of ${digest.weekOfCycle.of} · ${formatPercent(digest.elapsed)} of the quarter gone · ${digest.checkedIn}/${digest.total} key results checked in`,
        },
      ],
    },
  ];
  for (const objective of digest.objectives) {
    blocks.push({ type: "divider" });
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: fitMrkdwn(`:dart: *${esc(objective.title)}*${objective.ownerSlackId ? ` · ${mention(objective.ownerSlackId)}` : ""}`, 3000) },
    });
    for (const kr of objective.keyResults) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(keyResultLine(kr, { showNote: true }), 3000) } });
    }
  }
  blocks.push({ type: "divider" });
  const who: string[] = [];
  if (digest.missing.length > 0) who.push(`:hourglass: *Not checked in yet (${digest.missing.length}):* ${digest.missing.map(mention).join(", ")}`);
  if (digest.skipped.length > 0) who.push(`:fast_forward: *Skipped this week (${digest.skipped.length}):* ${digest.skipped.map(mention).join(", ")}`);
  if (digest.away.length > 0) who.push(`:palm_tree: *Away (${digest.away.length}):* ${digest.away.map(mention).join(", ")}`);
  if (who.length === 0) who.push(":white_check_mark: Everyone has checked in this week.");
  if (digest.unaccepted > 0) who.push(`:inbox_tray: *Proposed, not accepted by their owner yet:* ${plural(digest.unaccepted, "key result")}`);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(who.join("\n"), 3000) } });
  return blocks;
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
