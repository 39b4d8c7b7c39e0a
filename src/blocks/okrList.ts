// Ephemeral answers listing key results: `/okr` (mine) and `/okr team <name>`.
import type { KnownBlock } from "@slack/types";
import type { ObjectiveWithStatus } from "../domain/answers";
import { esc, fitMrkdwn, keyResultLine, mention } from "./format";
import { fitInMessage } from "./split";
import type { MessageContent } from "./types";

export function okrList(data: {
  title: string;
  cycleKey: string;
  week: string;
  objectives: ObjectiveWithStatus[];
  empty: string;
}): MessageContent {
  const body: KnownBlock[] = [];
  for (const o of data.objectives) {
    body.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(`:dart: *${esc(o.title)}*${o.ownerSlackId ? ` · ${mention(o.ownerSlackId)}` : ""}`, 3000),
      },
    });
    for (const kr of o.keyResults)
      body.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(keyResultLine(kr), 3000) } });
  }
  const { fitted: shown, left } = fitInMessage(body);
  const blocks: KnownBlock[] = [
    { type: "context", elements: [{ type: "mrkdwn", text: `*${esc(data.title)}* · ${data.cycleKey} · ${data.week}` }] },
    ...(shown.length > 0 ? shown : [{ type: "section" as const, text: { type: "mrkdwn" as const, text: data.empty } }]),
  ];
  if (left > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${left} more not shown here.` }] });
  return { text: `${esc(data.title)} (${data.cycleKey})`, blocks };
}
