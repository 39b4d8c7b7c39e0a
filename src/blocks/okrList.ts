// Ephemeral answers listing key results: `/okr` (mine) and `/okr team <name>`.
import type { KnownBlock } from "@slack/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import { esc, keyResultLine, mention, truncate } from "./format";
import type { MessageContent } from "./types";

export type ObjectiveWithStatus = { title: string; ownerSlackId: string | null; keyResults: KeyResultStatus[] };

/** An ephemeral message holds 50 blocks; keep room for the header and the overflow note. */
const MAX_BLOCKS = 47;

export function okrList(data: { title: string; cycleKey: string; week: string; objectives: ObjectiveWithStatus[]; empty: string }): MessageContent {
  const body: KnownBlock[] = [];
  for (const o of data.objectives) {
    body.push({ type: "section", text: { type: "mrkdwn", text: truncate(`:dart: *${esc(o.title)}*${o.ownerSlackId ? ` · ${mention(o.ownerSlackId)}` : ""}`, 3000) } });
    for (const kr of o.keyResults) body.push({ type: "section", text: { type: "mrkdwn", text: truncate(keyResultLine(kr), 3000) } });
  }
  const shown = body.slice(0, MAX_BLOCKS);
  const blocks: KnownBlock[] = [
    { type: "context", elements: [{ type: "mrkdwn", text: `*${esc(data.title)}* · ${data.cycleKey} · ${data.week}` }] },
    ...(shown.length > 0 ? shown : [{ type: "section" as const, text: { type: "mrkdwn" as const, text: data.empty } }]),
  ];
  if (body.length > shown.length) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…${body.length - shown.length} more lines not shown.` }] });
  }
  return { text: `${data.title} (${data.cycleKey})`, blocks };
}
