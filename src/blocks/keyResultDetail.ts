import type { KnownBlock } from "@slack/types";
import type { KeyResultMatch } from "../domain/answers";
import { formatNumber } from "../domain/progress";
import { meets } from "../domain/targets";
import { confidenceLabel, esc, escFit, fitMrkdwn, keyResultLine, mention } from "./format";
import type { MessageContent } from "./types";

const HISTORY_WEEKS = 8;

export function keyResultDetail(m: KeyResultMatch): MessageContent {
  const kr = m.status;
  const history = kr.checkIns
    .slice(-HISTORY_WEEKS)
    .reverse()
    .map(
      (c) =>
        `• ${c.week}: ${formatNumber(c.value)}${kr.comparator ? (meets(kr.comparator, kr.target, c.value) ? " · met" : " · *not met*") : ""} · ${confidenceLabel(c.confidence)}${c.note ? ` — ${escFit(c.note, 200)}` : ""}`,
    );
  const people = [
    `Owner ${mention(kr.ownerSlackId)}`,
    ...(m.coOwnerSlackIds.length ? [`co-owners ${m.coOwnerSlackIds.map(mention).join(", ")}`] : []),
  ].join(" · ");
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: fitMrkdwn(`#${kr.id} · ${esc(m.teamName)} · ${esc(m.objectiveTitle)}`, 3000) },
      ],
    },
    { type: "section", text: { type: "mrkdwn", text: fitMrkdwn(keyResultLine(kr), 3000) } },
    { type: "context", elements: [{ type: "mrkdwn", text: people }] },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(history.length ? `*Check-ins*\n${history.join("\n")}` : "_No check-ins yet._", 3000),
      },
    },
  ];
  return { text: `#${kr.id} ${esc(kr.title)}`, blocks };
}

/** "`incidents` matches 3 key results: …" with the numbers to use instead. */
export function ambiguousKeyResults(ref: string, matches: KeyResultMatch[], subcommand = "show"): string {
  const lines = matches.slice(0, 10).map((m) => `• \`${m.status.id}\` ${esc(m.status.title)} (${esc(m.teamName)})`);
  if (matches.length > 10) lines.push(`• …and ${matches.length - 10} more`);
  return `"${esc(ref)}" matches ${matches.length} key results; use the number, e.g. \`/okr ${subcommand} ${matches[0]!.status.id}\`:\n${lines.join("\n")}`;
}
