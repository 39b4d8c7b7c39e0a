import type { ModalView } from "@slack/types";
import { loadingModal, messageModal } from "../blocks/modals";
import { TRY_AGAIN } from "../blocks/sentences";
import type { Request } from "./request";

/**
 * Opens a loading modal before anything else (the trigger_id is valid for ~3 s), then replaces it
 * with what `fill` builds; if that fails, with "try again", never "Loading…" for good.
 */
export async function openThenFill(
  req: Pick<Request, "client" | "log">,
  triggerId: string,
  title: string,
  fill: () => Promise<ModalView>,
): Promise<void> {
  const opened = await req.client.views.open({ trigger_id: triggerId, view: loadingModal(title) });
  let view: ModalView;
  try {
    view = await fill();
  } catch (err) {
    req.log.error(`filling the "${title}" modal failed`, err);
    view = messageModal(title, TRY_AGAIN);
  }
  await req.client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view });
}
