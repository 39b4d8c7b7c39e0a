import type { KnownBlock } from "@slack/types";

/** Slack's limits for one message; the text ceiling is undocumented (≈13k), so stay well below. */
export const MESSAGE_LIMITS = { maxBlocks: 50, maxChars: 11_000 } as const;

export function blockTextLength(block: KnownBlock): number {
  const b = block as { text?: { text?: string }; fields?: { text: string }[]; elements?: { text?: string }[] };
  return (
    (b.text?.text?.length ?? 0) +
    (b.fields ?? []).reduce((n, f) => n + f.text.length, 0) +
    (b.elements ?? []).reduce((n, e) => n + (typeof e.text === "string" ? e.text.length : 0), 0)
  );
}

/** Packs blocks into as few messages as Slack's per-message limits allow, in order. */
export function splitIntoMessages(
  blocks: KnownBlock[],
  limits: { maxBlocks: number; maxChars: number } = MESSAGE_LIMITS,
): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const len = blockTextLength(block);
    if (current.length > 0 && (current.length + 1 > limits.maxBlocks || chars + len > limits.maxChars)) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += len;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/**
 * The leading blocks that fit in one message with room to spare (`reserve` blocks and characters
 * for what the caller adds around them), and how many did not fit.
 */
export function fitInMessage(
  blocks: KnownBlock[],
  reserve = { blocks: 4, chars: 1_000 },
): { fitted: KnownBlock[]; left: number } {
  const [first = []] = splitIntoMessages(blocks, {
    maxBlocks: MESSAGE_LIMITS.maxBlocks - reserve.blocks,
    maxChars: MESSAGE_LIMITS.maxChars - reserve.chars,
  });
  return { fitted: first, left: blocks.length - first.length };
}
