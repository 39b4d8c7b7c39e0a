import type { KnownBlock } from "@slack/types";

export type MessageContent = { text: string; blocks: KnownBlock[] };
