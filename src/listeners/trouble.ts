// What a person sees when the bot cannot do what they asked right now (the database is down, Slack
// had a hiccup): nothing was changed, and they can try again. The error itself goes to the logs.
import type { Logger } from "../logger";

export const TRY_AGAIN = ":warning: Something went wrong on my side and nothing was changed. Please try again in a minute.";

/** Runs `work`; if it fails, logs why and runs `tell` (itself guarded: it may fail for the same reason). */
export async function orTellTryAgain(log: Logger, what: string, work: () => Promise<void>, tell: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error(`${what} failed`, err);
    await tell().catch((e: unknown) => log.error(`could not tell the person that ${what} failed`, e));
  }
}

export const NOT_SAVED = "Not saved: something went wrong on my side. Please press Submit again in a minute.";

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
    const answer = ack as unknown as (response: { response_action: "errors"; errors: Record<string, string> }) => Promise<void>;
    if (!acked) await answer({ response_action: "errors", errors: { [blockId]: NOT_SAVED } }).catch(() => undefined);
  }
}
