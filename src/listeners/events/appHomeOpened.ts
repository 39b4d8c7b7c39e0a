import type { App } from "@slack/bolt";
import { homeView } from "../../blocks/home";
import { homeData } from "../../services/overview";
import type { ListenerDeps } from "../deps";
import { requestOf, type Request } from "../request";

/** The Home tab of the person the request is from, rebuilt. */
export async function publishHome(req: Pick<Request, "services" | "client" | "ws" | "userId">) {
  const view = homeView(await homeData(req.services, req.ws, req.userId));
  await req.client.views.publish({ user_id: req.userId, view });
}

export function registerAppHomeOpened(app: App, deps: ListenerDeps) {
  app.event("app_home_opened", async (args) => {
    if (args.event.tab !== "home") return;
    await publishHome(requestOf(deps, args));
  });
}
