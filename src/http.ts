import type { IncomingMessage } from "node:http";

/** The request's path, or null for a target no URL can be made of (`//[`): a 400, not a reason to crash. */
export function pathOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? "/", "http://localhost").pathname;
  } catch {
    return null;
  }
}
