// Writes that stand or fall together: services group them with inTransaction, never with $transaction.
import type { Db, Tx } from "./types";

export type TransactionOptions = { timeout?: number; maxWait?: number };

/** Runs `fn` in one interactive transaction: anything it throws and nothing it wrote stays. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts?: TransactionOptions): Promise<T> {
  return db.$transaction(fn, opts);
}
