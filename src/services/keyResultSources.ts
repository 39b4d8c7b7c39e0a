// A key result's source in `/okr edit`: which of the operator's sources can be picked, checking what
// was typed against them, and "Try it" (one read with the fields as typed; nothing is stored).
import {
  checkSourceDraft,
  type MeasuredBy,
  type SourceChoice,
  type SourceDraft,
  type SourceDraftCheck,
  type TryResult,
} from "../domain/sourceDraft";
import { storedKeyResultSource } from "../domain/sources";
import { keyResultMeasuredBy } from "../db/keyResults";
import type { SourceReader } from "../sources/reader";
import type { ServiceDeps } from "./deps";

/** The sources people may pick: those the sources file declares and that can be read. */
export function sourceChoices(reader: SourceReader | undefined): SourceChoice[] {
  return (reader?.names() ?? []).map((name) => ({ name, kind: reader?.kindOf(name), usable: true }));
}

/** What a key result row stores, back as the modal's terms. */
export function measuredOf(kr: { sourceName: string | null; sourceSpec: string | null; auto: boolean }): MeasuredBy {
  const source = storedKeyResultSource(kr.sourceName, kr.sourceSpec);
  return { source, auto: source !== null && kr.auto };
}

/** Where a key result's value is measured today; nothing when it is gone (saving says so). */
export async function measuredNow(deps: ServiceDeps, workspaceId: number, keyResultId: number): Promise<MeasuredBy> {
  const kr = await keyResultMeasuredBy(deps.db, workspaceId, keyResultId);
  return kr ? measuredOf(kr) : { source: null, auto: false };
}

/** The typed source against the operator's sources; `stored` is the key result's source today. */
export function checkMeasured(
  deps: Pick<ServiceDeps, "sources">,
  draft: SourceDraft,
  stored: MeasuredBy,
): SourceDraftCheck {
  const reader = deps.sources;
  return checkSourceDraft(draft, (name) => reader?.kindOf(name), reader?.names() ?? [], stored.source);
}

/** "Try it": reads the source with the fields as typed (up to the source's timeout); never throws. */
export async function tryMeasured(
  deps: Pick<ServiceDeps, "sources">,
  draft: SourceDraft,
  stored: MeasuredBy,
  unit: string | null,
): Promise<TryResult> {
  const check = checkMeasured(deps, draft, stored);
  if (!check.ok) return { ok: false, error: check.problems[0]!.message };
  const source = check.value.source;
  if (!source) return { ok: false, error: "Pick a source to read from first." };
  if (!deps.sources) return { ok: false, error: `couldn't read ${source.name}: no sources file (SOURCES_FILE) is set` };
  const reading = await deps.sources.read(source);
  return reading.ok ? { ok: true, value: reading.value, unit } : { ok: false, error: reading.error };
}
