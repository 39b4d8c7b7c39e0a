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
