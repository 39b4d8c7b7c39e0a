// Shortly before an owner's prompt is due, the values of their key results that name a source are
// read once for the period: the prompt and the modal show them, and `auto` key results keep them.
// A read that fails is stored too (the owner is told why, and the digest notices a source that keeps failing).
import { keyResultSourceIn, recordMeasurement, sourcedKeyResultsOf } from "../db/measurements";
import type { Db } from "../db/types";
import { storedKeyResultSource } from "../domain/sources";
import type { Reading } from "../sources/reader";
import { forEachConcurrently } from "./concurrently";
import type { ServiceDeps } from "./deps";

/** How long before a prompt is due its values are read: the checkins job ticks every 5 minutes. */
export const MEASURE_AHEAD_MS = 10 * 60_000;

/** Reads at once across sources; each source keeps to its own concurrency limit within the reader. */
export const READS_AT_ONCE = 16;

export type MeasureSummary = { measured: number; readFailed: number };

/** Owners due soon (or now), each with the period their prompt is for. */
export type DueOwner = { personId: number; period: string };

export async function measureBeforePrompts(
  deps: ServiceDeps,
  cycleId: number,
  owners: readonly DueOwner[],
): Promise<MeasureSummary> {
  const summary: MeasureSummary = { measured: 0, readFailed: 0 };
  const reader = deps.sources;
  if (!reader || owners.length === 0) return summary;
  const periodOf = new Map(owners.map((o) => [o.personId, o.period]));
  const todo = (await sourcedKeyResultsOf(deps.db, [...periodOf.keys()], cycleId)).flatMap((kr) => {
    const week = periodOf.get(kr.ownerId!)!;
    return kr.measurements.some((m) => m.week === week) ? [] : [{ kr, week }];
  });
  await forEachConcurrently(todo, READS_AT_ONCE, async ({ kr, week }) => {
    const spec = storedKeyResultSource(kr.sourceName, kr.sourceSpec);
    const reading: Reading = spec
      ? await reader.read(spec)
      : { ok: false, source: kr.sourceName!, error: `couldn't read ${kr.sourceName}: its stored query is unreadable` };
    try {
      await recordMeasurement(deps.db, {
        keyResultId: kr.id,
        week,
        source: reading.source,
        value: reading.ok ? reading.value : null,
        error: reading.ok ? null : reading.error,
        readAt: reading.ok ? reading.at : deps.now,
      });
    } catch (err) {
      deps.log.error(`storing the value read for key result ${kr.id} failed`, err);
      return;
    }
    if (reading.ok) summary.measured += 1;
    else {
      summary.readFailed += 1;
      deps.log.warn(`key result ${kr.id}: ${reading.error}`);
    }
  });
  return summary;
}

/** What a key result's value is read with, in words: the query, the JSON pointer, or the CSV column. */
export async function keyResultSourceText(
  db: Db,
  workspaceId: number,
  keyResultId: number,
): Promise<{ title: string; source: string; what: string | null } | null> {
  const kr = await keyResultSourceIn(db, workspaceId, keyResultId);
  if (!kr?.sourceName) return null;
  const spec = storedKeyResultSource(kr.sourceName, kr.sourceSpec);
  const what = !spec
    ? null
    : (spec.query ??
      (spec.pointer !== undefined
        ? `${spec.pointer || "/"}${spec.params ? ` with ${new URLSearchParams(spec.params).toString()}` : ""}`
        : `column ${spec.column}${spec.row !== undefined ? `, row ${spec.row}` : ", last row"}`));
  return { title: kr.title, source: kr.sourceName, what };
}
