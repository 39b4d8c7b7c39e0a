import type { KnownBlock } from "@slack/types";
import type { Retro, RetroItem } from "../domain/retro";
import { SCORE_BANDS } from "../domain/scoring";
import { esc, escFit, fitMrkdwn, goalText, mention, progressText, truncate, valueWithUnit } from "./format";
import { plural } from "../domain/text";
import type { MessageContent } from "./types";

const NOT_ANSWERED = "_Not answered yet: the owner fills this in._";

const BAND_ORDER = ["perfect", "strong", "progress", "failed"] as const;

export function retroParent(retro: Retro): MessageContent {
  const average = retro.average === null ? "no key results" : retro.average.toFixed(2);
  const distribution = BAND_ORDER.map((b) => `${SCORE_BANDS[b].range}: *${retro.distribution[b]}*`).join(" · ");
  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: truncate(`${retro.teamName} · ${retro.cycleKey} retrospective`, 150) },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*Average score: ${average}* across ${retro.items.length} key results\n${distribution}`,
      },
    },
    { type: "section", text: { type: "mrkdwn", text: fitMrkdwn(esc(retro.reading), 3000) } },
    ...(retro.carried.keyResults > 0
      ? [
          {
            type: "section" as const,
            text: {
              type: "mrkdwn" as const,
              text: fitMrkdwn(
                `:arrow_right: *Carried forward:* ${plural(retro.carried.keyResults, "key result")}` +
                  (retro.carried.objectives.length > 0
                    ? `, and whole objectives: ${retro.carried.objectives.map((o) => `*${esc(o)}*`).join(", ")}`
                    : ""),
                3000,
              ),
            },
          },
        ]
      : []),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "One reply per key result below: score, what worked, what didn't, what we learned, and whether to carry it forward.",
        },
      ],
    },
  ];
  return { text: `${esc(retro.teamName)} ${retro.cycleKey} retrospective: average score ${average}`, blocks };
}

function answer(text: string | null): string {
  // A section field holds 2,000 characters; leave room for the label.
  return text ? escFit(text, 1800) : NOT_ANSWERED;
}

export function retroReply(item: RetroItem): MessageContent {
  const kr = item.keyResult;
  const carry = item.answers.carryForward === null ? NOT_ANSWERED : item.answers.carryForward ? "Yes" : "No";
  const scoreSource = item.answers.score === null ? " (from final progress)" : "";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: fitMrkdwn(
          `*${esc(kr.title)}* · ${mention(kr.ownerSlackId)}\n_${esc(item.objectiveTitle)}_\n*Score ${item.score.toFixed(1)}*${scoreSource} · ${item.band.range} ${esc(item.band.label)}: ${esc(item.band.meaning)}\nFinal ${valueWithUnit(kr.current, kr.unit)} (${goalText(kr)}), ${kr.comparator ? `held in ${progressText(kr)} of check-ins` : `${progressText(kr)} of the way`}`,
          3000,
        ),
      },
    },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*What worked*\n${answer(item.answers.worked)}` },
        { type: "mrkdwn", text: `*What didn't work*\n${answer(item.answers.didnt)}` },
        { type: "mrkdwn", text: `*What we learned*\n${answer(item.answers.learned)}` },
        { type: "mrkdwn", text: `*Carry forward?*\n${carry}` },
      ],
    },
  ];
  return { text: `${esc(kr.title)}: score ${item.score.toFixed(1)}`, blocks };
}
