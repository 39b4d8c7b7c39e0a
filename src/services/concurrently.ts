import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Runs `work` for each item, at most `limit` at a time, starting them in order. `work` should not throw.
 * Each worker lets the event loop turn between items: on SQLite a query resolves without waiting on
 * I/O, so a job over thousands of owners would otherwise hold back every request until it is done.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]!);
      await nextTurn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
