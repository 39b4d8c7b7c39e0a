// The DM asking an owner to accept a key result someone else wrote for them, and what it turns into.
import type { KnownBlock } from "@slack/types";
import { describeTarget, type Comparator } from "../domain/targets";
import { esc, escFit, goalText, mention } from "./format";
import { IDS } from "./ids";
import type { MessageContent } from "./types";

export type ProposalData = {
  keyResultId: number;
  title: string;
  objectiveTitle: string;
  teamName: string;
  proposerSlackId: string | null;
  baseline: number;
  target: number;
  unit: string | null;
  measuredBy: string | null;
  comparator?: Comparator | null;
  targetText?: string | null;
  /** No baseline yet: the first check-in sets it. */
  baselineFromCheckIn?: boolean;
};

/** "8 → 2", "a threshold: < 60", "baseline to be set by the first check-in → -30%". */
function goal(p: ProposalData): string {
  if (p.comparator)
    return `a threshold to hold: ${esc(describeTarget({ target: p.target, comparator: p.comparator, targetText: p.targetText ?? null }))}`;
  return goalText({
    ...p,
    comparator: null,
    targetText: p.targetText ?? null,
    checkIns: [],
    met: null,
    weeksMet: 0,
    weeksCheckedIn: 0,
  });
}

function describe(p: ProposalData): string {
  const unit = p.unit ? ` ${escFit(p.unit, 20)}` : "";
  return [
    `*${escFit(p.title, 300)}* (#${p.keyResultId})`,
    `${escFit(p.teamName, 100)} › ${escFit(p.objectiveTitle, 300)}`,
    `${goal(p)}${unit}${p.measuredBy ? ` · measured by ${escFit(p.measuredBy, 300)}` : ""}`,
  ].join("\n");
}

export function proposalMessage(p: ProposalData): MessageContent {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${mention(p.proposerSlackId)} proposes a key result for you to own:\n${describe(p)}`,
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Until you accept it, it gets no check-in prompts and the digest counts it as not accepted. Not right? Change it with \`/okr edit ${p.keyResultId}\`, or talk to ${mention(p.proposerSlackId)}.`,
        },
      ],
    },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          style: "primary",
          action_id: IDS.actions.acceptKeyResult,
          value: String(p.keyResultId),
          text: { type: "plain_text", text: "Accept" },
        },
      ],
    },
  ];
  return { text: `A key result was proposed for you to own: ${escFit(p.title, 300)}`, blocks };
}

export function proposalAccepted(p: ProposalData): MessageContent {
  return {
    text: `Accepted ✓ ${escFit(p.title, 300)}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*Accepted ✓* — it's yours. You'll be asked to check in on it.\n${describe(p)}` },
      },
    ],
  };
}
