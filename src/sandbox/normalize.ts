import { randomBytes } from "node:crypto";
import type { Block } from "./types";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function randomId(): string {
  // Slack generates short random ids such as "Xk3=a" for missing block_id / action_id.
  return randomBytes(4).toString("base64url").slice(0, 5);
}

function normalizeElement(el: unknown): unknown {
  if (!isObj(el)) return el;
  const copy: Obj = { ...el };
  if (
    typeof copy.type === "string" &&
    copy.type !== "image" &&
    copy.type !== "plain_text" &&
    copy.type !== "mrkdwn" &&
    copy.action_id === undefined
  ) {
    copy.action_id = randomId();
  }
  return copy;
}

/**
 * Deep-copy blocks the way Slack stores them: every block gets a `block_id` and every interactive
 * element an `action_id` (random when the app did not set one).
 */
export function normalizeBlocks(blocks: Block[]): Block[] {
  return (JSON.parse(JSON.stringify(blocks)) as Block[]).map((b) => {
    const copy: Obj = { ...b };
    if (copy.block_id === undefined) copy.block_id = randomId();
    if (copy.type === "actions" && Array.isArray(copy.elements)) copy.elements = copy.elements.map(normalizeElement);
    if (copy.type === "section" && copy.accessory !== undefined) copy.accessory = normalizeElement(copy.accessory);
    if (copy.type === "input" && copy.element !== undefined) copy.element = normalizeElement(copy.element);
    return copy;
  });
}

export interface FoundElement {
  blockId: string;
  block: Obj;
  element: Obj;
}

/** All interactive elements of blocks, with their block ids. */
export function interactiveElements(blocks: unknown): FoundElement[] {
  if (!Array.isArray(blocks)) return [];
  const out: FoundElement[] = [];
  for (const b of blocks) {
    if (!isObj(b)) continue;
    const blockId = typeof b.block_id === "string" ? b.block_id : "";
    const els: unknown[] =
      b.type === "actions" && Array.isArray(b.elements)
        ? b.elements
        : b.type === "section" && b.accessory !== undefined
          ? [b.accessory]
          : b.type === "input" && b.element !== undefined
            ? [b.element]
            : [];
    for (const e of els) if (isObj(e)) out.push({ blockId, block: b, element: e });
  }
  return out;
}

/** Find an element by action_id (and optionally block_id). */
export function findElement(blocks: unknown, actionId: string, blockId?: string): FoundElement | undefined {
  return interactiveElements(blocks).find(
    (f) => f.element.action_id === actionId && (blockId === undefined || f.blockId === blockId),
  );
}
