// view.state.values of the objective and key result modals → drafts (what was typed, as typed).
import { z } from "zod";
import { IDS } from "../../blocks/ids";
import { keyResultBlockId } from "../../blocks/okrForms";
import { AUTO_OPTION, SOURCE_BLOCKS, TYPED_BY_OWNER } from "../../blocks/sourceFields";
import { MAX_KEY_RESULT_SLOTS, type KeyResultDraft, type ObjectiveDraft } from "../../domain/okrDraft";
import type { SourceDraft } from "../../domain/sourceDraft";

const element = z.object({
  value: z.string().nullish(),
  selected_user: z
    .string()
    .regex(/^[UW][A-Z0-9]+$/)
    .nullish(),
  selected_users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const stateValues = z.record(z.string(), z.record(z.string(), element));
type State = z.infer<typeof stateValues>;

const get = (state: State, blockId: string) => state[blockId]?.[blockId];
const text = (state: State, blockId: string) => get(state, blockId)?.value ?? "";

function keyResultDraft(state: State, slot: number): KeyResultDraft {
  return {
    title: text(state, keyResultBlockId("title", slot)),
    ownerSlackId: get(state, keyResultBlockId("owner", slot))?.selected_user ?? null,
    coOwnerSlackIds: get(state, keyResultBlockId("coOwners", slot))?.selected_users ?? [],
    baseline: text(state, keyResultBlockId("baseline", slot)),
    target: text(state, keyResultBlockId("target", slot)),
    unit: text(state, keyResultBlockId("unit", slot)),
    measuredBy: text(state, keyResultBlockId("measuredBy", slot)),
    // A form opened before it had a weight field has none: the stored weight stays.
    ...(keyResultBlockId("weight", slot) in state ? { weight: text(state, keyResultBlockId("weight", slot)) } : {}),
  };
}

/** The objective form; null when the state is not that form's (a forged or outdated payload). */
export function parseObjectiveForm(
  values: unknown,
): { teamId: number | null; alignsToId: number | null; draft: ObjectiveDraft } | null {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success) return null;
  const state = parsed.data;
  const of = IDS.objectiveForm;
  if (!(of.title in state)) return null;
  let slots = 0;
  while (slots < MAX_KEY_RESULT_SLOTS && keyResultBlockId("title", slots) in state) slots += 1;
  const team = Number(get(state, of.team)?.selected_option?.value);
  const alignsTo = Number(get(state, of.alignsTo)?.selected_option?.value);
  return {
    teamId: Number.isSafeInteger(team) && team > 0 ? team : null,
    alignsToId: Number.isSafeInteger(alignsTo) && alignsTo > 0 ? alignsTo : null,
    draft: {
      title: text(state, of.title),
      why: text(state, of.why),
      ownerSlackId: get(state, of.owner)?.selected_user ?? null,
      keyResults: Array.from({ length: slots }, (_, slot) => keyResultDraft(state, slot)),
    },
  };
}

export function parseKeyResultForm(values: unknown): KeyResultDraft | null {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success || !(keyResultBlockId("title", 0) in parsed.data)) return null;
  return keyResultDraft(parsed.data, 0);
}

/** The edit form's private_metadata (keyResultModal). */
export const keyResultFormMetadata = z.object({
  keyResultId: z.number().int().positive(),
  acknowledged: z.string().max(2000).optional(),
});

/** The aligns-to select, present only for those who may change the objective; null when nothing is picked. */
export function parseAlignChoice(values: unknown): number | null {
  const parsed = stateValues.safeParse(values);
  const value = parsed.success ? get(parsed.data, IDS.objectiveForm.alignsTo)?.selected_option?.value : undefined;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

/** The objective's weight beside the aligns-to select, as typed; null when the form does not show it (it stays). */
export function parseObjectiveWeight(values: unknown): string | null {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success || !(IDS.objectiveForm.weight in parsed.data)) return null;
  return text(parsed.data, IDS.objectiveForm.weight);
}

/**
 * "Measured from" in the edit form, as typed; null when the form does not show it (no sources):
 * then the key result's source stays as it is. Fields the form does not show stay undefined.
 */
export function parseSourceForm(values: unknown): SourceDraft | null {
  const parsed = stateValues.safeParse(values);
  if (!parsed.success || !(SOURCE_BLOCKS.source in parsed.data)) return null;
  const state = parsed.data;
  const picked = get(state, SOURCE_BLOCKS.source)?.selected_option?.value;
  const field = (id: string) => (id in state ? text(state, id) : undefined);
  const draft: SourceDraft = {
    name: picked === undefined || picked === TYPED_BY_OWNER ? null : picked,
    auto: (get(state, SOURCE_BLOCKS.auto)?.selected_options ?? []).some((o) => o.value === AUTO_OPTION),
  };
  for (const key of ["query", "pointer", "params", "column", "row"] as const) {
    const value = field(SOURCE_BLOCKS[key]);
    if (value !== undefined) draft[key] = value;
  }
  return draft;
}

/** The JSON private_metadata the bot set, read defensively: it only steers the form, never permissions. */
export function readMetadata<T extends z.ZodTypeAny>(raw: string | undefined, schema: T): z.infer<T> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
