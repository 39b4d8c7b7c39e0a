import type { HomeView, KnownBlock } from "@slack/types";
import type { KeyResultStatus } from "../domain/keyResultStatus";
import { fitMrkdwn, keyResultLine } from "./format";
import { IDS } from "./ids";

/** A Home tab holds 100 blocks; beyond this many key results, point to /okr. */
const HOME_MAX_KEY_RESULTS = 40;

export function homeView(data: { cycleKey: string | null; week: string | null; keyResults: KeyResultStatus[] }): HomeView {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Your OKRs" } }];
  if (!data.cycleKey) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: "No OKR cycle is running yet. Your team imports OKRs with `okr-bot import`." } });
    return { type: "home", blocks };
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${data.cycleKey} · ${data.week}` }] });
  if (data.keyResults.length === 0) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: "You own no key results this cycle. `/okr team <name>` shows a team's." } });
    return { type: "home", blocks };
  }
  const shown = data.keyResults.slice(0, HOME_MAX_KEY_RESULTS);
  for (const kr of shown) blocks.push({ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(keyResultLine(kr), 3000) } });
  if (data.keyResults.length > shown.length) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${data.keyResults.length - shown.length} more: \`/okr\` lists them all.` }] });
  }
  blocks.push({
    type: "actions",
    elements: [{ type: "button", style: "primary", action_id: IDS.actions.openCheckin, value: data.week ?? "", text: { type: "plain_text", text: "Check in" } }],
  });
  return { type: "home", blocks };
}
