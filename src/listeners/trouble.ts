// What a person sees when the bot cannot do what they asked right now (the database is down, Slack
// had a hiccup): nothing was changed, and they can try again. The error itself goes to the logs.
import type { ModalView } from "@slack/types";
import { messageModal } from "../blocks/modals";
import { NOT_SAVED } from "../blocks/sentences";
import type { Logger } from "../logger";
import { tokenRefusedCode } from "../slack/client";

/** Runs `work`; if it fails, logs why and runs `tell` (itself guarded: it may fail for the same reason). */
export async function orTellTryAgain(
  log: Logger,
  what: string,
  work: () => Promise<void>,
  tell: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const refused = tokenRefusedCode(err);
    // A revoked or uninstalled workspace: nothing went wrong on our side, and no stack trace helps.
    if (refused) log.warn(`${what} dropped: Slack refused the workspace's bot token (${refused})`);
    else log.error(`${what} failed`, err);
    await tell().catch((e: unknown) => log.error(`could not tell the person that ${what} failed`, e));
  }
}

/**
 * Runs a view submission handler; if it fails before answering Slack, the form stays open with
 * NOT_SAVED under `blockId` instead of Slack's generic error (nothing was stored: each save is
 * one transaction).
 */
export async function submissionOrNotSaved<Ack extends (response?: never) => Promise<void>>(
  log: Logger,
  what: string,
  ack: Ack,
  blockId: string,
  handle: (ack: Ack) => Promise<void>,
): Promise<void> {
  let acked = false;
  const once = (async (response?: never) => {
    acked = true;
    await ack(response);
  }) as Ack;
  try {
    await handle(once);
  } catch (err) {
    log.error(`${what} failed`, err);
    const answer = ack as unknown as (response: {
      response_action: "errors";
      errors: Record<string, string>;
    }) => Promise<void>;
    if (!acked) await answer({ response_action: "errors", errors: { [blockId]: NOT_SAVED } }).catch(() => undefined);
  }
}

export type FormBlocks = { title?: { text?: string }; blocks?: Array<{ type?: string; block_id?: string }> };
export type FormErrorAnswer =
  | { response_action: "errors"; errors: Record<string, string> }
  | { response_action: "update"; view: ModalView };

/**
 * `message` shown on the form: under its first input block, or, when it has none (Slack would show
 * an empty `errors` as its generic "trouble connecting"), in place of the form.
 */
export function formError(view: FormBlocks | undefined, message: string): FormErrorAnswer {
  const input = view?.blocks?.find((b) => b.type === "input" && b.block_id);
  if (input?.block_id) return { response_action: "errors", errors: { [input.block_id]: message } };
  return { response_action: "update", view: messageModal(view?.title?.text ?? "okr-bot", message) };
}
