import type { ModalView } from "@slack/types";
import { fitMrkdwn, truncate } from "./format";

/** Opened at once with the trigger_id (valid ~3 s), then replaced by the real content. */
export function loadingModal(title: string): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: truncate(title, 24) },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: ":hourglass_flowing_sand: Loading…" } }],
  };
}

export function messageModal(title: string, mrkdwn: string): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: truncate(title, 24) },
    close: { type: "plain_text", text: "Close" },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: fitMrkdwn(mrkdwn, 3000) } }],
  };
}
