// The few shapes a listener answers Slack with, so that a handler reads as what it says.
import type { RespondFn } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { MessageContent } from "../blocks/types";

/** A form stays open with `message` under the field `blockId`. */
export function fieldError(blockId: string, message: string) {
  return errorsOn({ [blockId]: message });
}

/** A form stays open with a message under each of these fields. */
export function errorsOn(errors: Record<string, string>) {
  return { response_action: "errors" as const, errors };
}

/** The open form is replaced by `view`. */
export function updateView(view: ModalView) {
  return { response_action: "update" as const, view };
}

/** A message only the person sees. */
export function ephemeral(message: string | MessageContent) {
  return { response_type: "ephemeral" as const, ...(typeof message === "string" ? { text: message } : message) };
}

/** Says `text` to the person who clicked a button, leaving the message with the button as it is. */
export async function refuse(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: "ephemeral", replace_original: false, text });
}
