// Lookups that change rarely (the running cycle, a person and the team whose schedule they follow,
// that the one bot token's workspace is installed) but that every check-in needs: kept for a few
// minutes per process, so that storing a check-in costs its own statements only. Opening the check-in form always reads them afresh (and keeps
// them here), so a submission uses what its form was opened with; another replica's change shows
// once the entry expires.

/** How long an entry is used; the period itself is always worked out from the current time. */
export const LOOKUP_TTL_MS = 5 * 60_000;
/** Enough for every owner of a large workspace; the oldest entries go first. */
const MAX_ENTRIES = 20_000;

export class Lookups {
  private readonly entries = new Map<string, { at: number; value: unknown }>();

  constructor(private readonly ttlMs = LOOKUP_TTL_MS) {}

  /** The entry under `key` if it is fresh at `now`, else what `load` gives (kept when not null). */
  async get<T>(key: string, now: Date, load: () => Promise<T | null>): Promise<T | null> {
    const hit = this.entries.get(key);
    if (hit && now.getTime() - hit.at < this.ttlMs && now.getTime() >= hit.at) return hit.value as T;
    const value = await load();
    if (value === null) this.entries.delete(key);
    else this.set(key, now, value);
    return value;
  }

  /** Everything forgotten (the workspace was uninstalled). */
  clear(): void {
    this.entries.clear();
  }

  set<T>(key: string, now: Date, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { at: now.getTime(), value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
