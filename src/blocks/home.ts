import type { HomeView, KnownBlock } from "@slack/types";
import type { HomeData } from "../domain/answers";
import { esc, escFit, fitMrkdwn, keyResultSummary, mention, truncate } from "./format";
import { IDS } from "./ids";
import { progressFigure } from "./tree";
import type { ServedObjective } from "../domain/alignment";

/** "_→ Platform: Be reliable … → Company: Grow revenue_", at most 1000 characters. */
export function servesLine(serves: readonly ServedObjective[]): string {
  return `_${fitMrkdwn(serves.map((o) => `→ ${escFit(`${o.team}: ${o.title}`, 120)}`).join(" "), 998)}_`;
}

/** A Home tab holds 100 blocks: at most this many of each list, then a pointer to /okr. */
const MAX_KEY_RESULTS = 30;
const MAX_OBJECTIVES = 15;

export function homeView(data: HomeData): HomeView {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Your OKRs" } }];
  if (!data.cycleKey) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: "No OKR cycle is running yet. Your team imports OKRs with `okr-bot import`." },
    });
    return { type: "home", blocks };
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${data.cycleKey} · ${data.week}` }] });

  if (data.keyResults.length === 0) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: "You own no key results this cycle. `/okr team <name>` shows a team's." },
    });
  } else {
    const due = data.keyResults.filter((kr) => !kr.thisWeek).length;
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text:
          due === 0
            ? `:white_check_mark: You have checked in on everything for ${data.week}.`
            : `:spiral_calendar_pad: *Due this week:* ${due} of your ${data.keyResults.length} key results need a check-in.`,
      },
      accessory: {
        type: "button",
        ...(due ? { style: "primary" } : {}),
        action_id: IDS.actions.openCheckin,
        value: data.week ?? "",
        text: { type: "plain_text", text: due ? "Check in" : "Edit check-in" },
      },
    } as KnownBlock);
    for (const kr of data.keyResults.slice(0, MAX_KEY_RESULTS)) {
      // The line it serves, only when that goes beyond its own objective.
      const serves = kr.serves.length > 1 ? `\n${servesLine(kr.serves)}` : "";
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: fitMrkdwn(keyResultSummary(kr), 3000 - serves.length) + serves },
      });
    }
    if (data.keyResults.length > MAX_KEY_RESULTS) {
      blocks.push({
        type: "context",
        elements: [
          { type: "mrkdwn", text: `…and ${data.keyResults.length - MAX_KEY_RESULTS} more: \`/okr\` lists them all.` },
        ],
      });
    }
  }

  if (data.team) {
    blocks.push(
      { type: "divider" },
      { type: "header", text: { type: "plain_text", text: truncate(`Team ${data.team.name}`, 150) } },
    );
    const lines = data.team.objectives
      .slice(0, MAX_OBJECTIVES)
      .map((o) => `${progressFigure(o.progress)} · ${escFit(o.title, 150)} (${o.keyResults} KRs)`);
    if (data.team.objectives.length > MAX_OBJECTIVES)
      lines.push(`…and ${data.team.objectives.length - MAX_OBJECTIVES} more objectives`);
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: fitMrkdwn(lines.join("\n") || "_No objectives this cycle._", 3000) },
    });
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: fitMrkdwn(
            `\`/okr team ${esc(data.team.name)}\` for every key result, \`/okr digest\` for this week's digest.`,
            3000,
          ),
        },
      ],
    });
  }

  for (const m of data.managed) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(
          m.missing.length
            ? `:hourglass: *${esc(m.team)}: not checked in yet (${m.missing.length})* ${m.missing.map(mention).join(", ")}`
            : `:white_check_mark: *${esc(m.team)}:* everyone has checked in this week.`,
          3000,
        ),
      },
    });
  }
  return { type: "home", blocks };
}
