// The leadership digest of a team with child teams: its objectives, one line per child team's
// objective, the children's attention items and missing check-in counts. Split over as many
// messages as Slack's limits need (the rest go in the first one's thread).
import type { KnownBlock } from "@slack/types";
import type { LeadershipDigest, LeadershipObjective } from "../domain/leadership";
import { formatPercent } from "../domain/progress";
import { plural } from "../domain/text";
import { CONFIDENCE_EMOJI } from "../domain/types";
import { ATTENTION_EMOJI } from "./digest";
import { esc, escFit, fitMrkdwn } from "./format";
import { splitIntoMessages } from "./split";
import { progressFigure, weightMark } from "./tree";
import type { MessageContent } from "./types";

const SECTION_TEXT = 3000;

/** "+5 pts", "−3 pts", "±0", or "" when there is no previous figure. */
export function changeFigure(change: number | null): string {
  if (change === null) return "";
  const points = Math.round(change * 100);
  return points === 0 ? " · ±0 this week" : ` · ${points > 0 ? "+" : "−"}${Math.abs(points)} pts this week`;
}

export function leadershipObjectiveLine(o: LeadershipObjective): string {
  const rollup = o.rollup !== null ? ` · aligned: ${formatPercent(o.rollup)}` : "";
  return `${progressFigure(o.own)}${changeFigure(o.change)} · ${o.confidence ? CONFIDENCE_EMOJI[o.confidence] : ":white_circle:"} · ${escFit(o.title, 150)}${weightMark(o.weight)}${rollup}`;
}

function sections(title: string, lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let text = title;
  for (const line of lines.map((l) => fitMrkdwn(l, SECTION_TEXT - 50))) {
    if (text.length + 1 + line.length > SECTION_TEXT) {
      out.push({ type: "section", text: { type: "mrkdwn", text } });
      text = `${title} (continued)`;
    }
    text = `${text}\n${line}`;
  }
  out.push({ type: "section", text: { type: "mrkdwn", text } });
  return out;
}

export function leadershipBlocks(d: LeadershipDigest): KnownBlock[] {
  const weighted = [...d.objectives, ...d.children.flatMap((c) => c.objectives)].some((o) => o.weight !== null);
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `${d.teamName} · leadership digest`.slice(0, 150) } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${d.cycleKey} · ${d.week} · progress is the weighted mean of key results; "aligned" is the roll-up of the objectives that serve one${weighted ? ", in which ×2 counts twice" : ""}`,
        },
      ],
    },
    ...sections(
      `*${escFit(d.teamName, 80)}: own objectives*`,
      d.objectives.length ? d.objectives.map(leadershipObjectiveLine) : ["_No objectives this cycle._"],
    ),
  ];
  for (const c of d.children) {
    const missing = c.missing === 0 ? "everyone checked in" : `${plural(c.missing, "owner")} not checked in yet`;
    blocks.push(
      { type: "divider" },
      ...sections(
        `*${escFit(c.teamName, 80)}* · ${c.checkedIn}/${c.total} key results checked in · ${missing}`,
        c.objectives.length ? c.objectives.map(leadershipObjectiveLine) : ["_No objectives this cycle._"],
      ),
    );
  }
  if (d.attention.length > 0) {
    const lines = d.attention.map(
      (a) => `${ATTENTION_EMOJI[a.kind]} ${escFit(a.teamName, 80)}: *${escFit(a.title, 150)}* — ${esc(a.detail)}`,
    );
    blocks.push(
      { type: "divider" },
      ...sections(`*Needs attention in the teams below (${d.attention.length})*`, lines),
    );
  }
  return blocks;
}

export function leadershipMessages(d: LeadershipDigest): MessageContent[] {
  const parts = splitIntoMessages(leadershipBlocks(d));
  return parts.map((blocks, i) => ({
    text:
      i === 0
        ? `${esc(d.teamName)} leadership digest for ${d.week}`
        : `${esc(d.teamName)} leadership digest for ${d.week} (continued, ${i + 1}/${parts.length})`,
    blocks,
  }));
}
