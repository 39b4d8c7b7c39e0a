// What the tasks of one batch of after-ack work all read (the cycle, a team's digest), read once
// for the batch. Every check-in behind the batch was stored before it started, so nothing it
// shows is older than what its people saw saved.

export type Memo = Map<string, Promise<unknown>>;

/** `load()`, or what it gave earlier in the same batch. Without a batch: `load()`. */
export function remembered<T>(memo: Memo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  const hit = memo.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const loading = load();
  memo.set(key, loading);
  // A failed read is not kept: the next task reads again.
  loading.catch(() => memo.delete(key));
  return loading;
}
