// `/okr tree [team]`: a team's objectives and the teams below it, in one message. When the whole
// tree does not fit, deeper levels collapse into one line per team that says how to open it.
import type { KnownBlock } from "@slack/types";
import { formatNumber, formatPercent } from "../domain/progress";
import { treeNodes, type TreeNode, type TreeObjective } from "../domain/tree";
import { CONFIDENCE_EMOJI } from "../domain/types";
import { plural } from "../domain/text";
import { esc, escFit, fitMrkdwn, mention, progressBar } from "./format";
import { fitInMessage } from "./split";
import type { MessageContent } from "./types";

const SECTION_TEXT = 3000;
const INDENT = "\u2003\u2003";

/** "▰▰▱▱… 40%", or "▱▱▱… —" when there is nothing to score yet. */
export function progressFigure(p: number | null): string {
  return p === null ? `${progressBar(0)} —` : `${progressBar(p)} ${formatPercent(p)}`;
}

/** " ×2" beside an aligned objective whose weight is shown (its siblings' differ), else "". */
export function weightMark(weight: number | null): string {
  return weight === null ? "" : ` ×${formatNumber(weight)}`;
}

export function treeObjectiveLine(o: TreeObjective, depth: number): string {
  const parts = [
    progressFigure(o.own),
    o.confidence ? CONFIDENCE_EMOJI[o.confidence] : ":white_circle:",
    mention(o.ownerSlackId),
    plural(o.keyResults, "KR"),
    `*${escFit(o.title, 150)}*${weightMark(o.weight)}`,
  ];
  const rollup =
    o.aligned > 0
      ? ` · aligned ${plural(o.aligned, "objective")}: ${o.rollup === null ? "—" : formatPercent(o.rollup)}`
      : "";
  return `${INDENT.repeat(depth)}${parts.join(" · ")}${rollup}${o.archived ? " · _archived_" : ""}`;
}

function teamHeader(node: TreeNode): string {
  return `${INDENT.repeat(node.depth)}:busts_in_silhouette: *${escFit(node.name, 80)}*${node.objectives.length === 0 ? " · _no objectives this cycle_" : ""}`;
}

function collapsedLine(node: TreeNode): string {
  const below = treeNodes(node).slice(1);
  const objectives = below.reduce((n, t) => n + t.objectives.length, 0);
  return `${INDENT.repeat(node.depth + 1)}:heavy_plus_sign: ${plural(below.length, "team")} below (${plural(objectives, "objective")}): \`/okr tree ${esc(node.name)}\``;
}

/** Lines into sections of at most 3000 characters each. */
function sections(lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let text = "";
  for (const line of lines.map((l) => fitMrkdwn(l, SECTION_TEXT))) {
    if (text && text.length + 1 + line.length > SECTION_TEXT) {
      out.push({ type: "section", text: { type: "mrkdwn", text } });
      text = "";
    }
    text = text ? `${text}\n${line}` : line;
  }
  if (text) out.push({ type: "section", text: { type: "mrkdwn", text } });
  return out;
}

/** The tree down to `maxDepth`; teams at that depth with teams below get one line each instead. */
function treeBlocks(root: TreeNode, maxDepth: number): KnownBlock[] {
  const walk = (node: TreeNode): KnownBlock[] => {
    const lines = [teamHeader(node), ...node.objectives.map((o) => treeObjectiveLine(o, node.depth + 1))];
    if (node.depth === maxDepth && node.children.length > 0) return sections([...lines, collapsedLine(node)]);
    return [...sections(lines), ...node.children.flatMap(walk)];
  };
  return walk(root);
}

export function treeMessage(data: { root: TreeNode; cycleKey: string; week: string }): MessageContent {
  const deepest = Math.max(...treeNodes(data.root).map((n) => n.depth));
  let body: KnownBlock[] = [];
  let left = 0;
  let collapsed = false;
  let shownDepth = deepest;
  // The deepest view that fits whole; failing that, the top team alone, cut where it must be.
  for (let depth = deepest; depth >= 0; depth--) {
    const fitted = fitInMessage(treeBlocks(data.root, depth));
    body = fitted.fitted;
    left = fitted.left;
    collapsed = depth < deepest;
    shownDepth = depth;
    if (left === 0) break;
  }
  const objectives = treeNodes(data.root).reduce((n, t) => n + t.objectives.length, 0);
  const weighted = treeNodes(data.root).some(
    (t) => t.depth <= shownDepth && t.objectives.some((o) => o.weight !== null),
  );
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: fitMrkdwn(
            `*OKR tree: ${esc(data.root.name)}* · ${data.cycleKey} · ${data.week} · ${plural(objectives, "objective")} · progress from key results, "aligned" = roll-up of the objectives that serve it${weighted ? ", ×2 = counts twice in it" : ""}`,
            SECTION_TEXT,
          ),
        },
      ],
    },
    ...body,
  ];
  if (left > 0)
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `…and more not shown here: \`/okr team ${esc(data.root.name)}\` lists this team's, \`/okr tree <team>\` opens a team below.`,
        },
      ],
    });
  else if (collapsed)
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "Deeper levels are folded to fit Slack's limits: `/okr tree <team>` opens one." },
      ],
    });
  return { text: `OKR tree: ${esc(data.root.name)} (${data.cycleKey})`, blocks };
}
