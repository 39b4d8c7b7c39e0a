import type { App } from "@slack/bolt";
import { homeView } from "../../blocks/home";
import type { ServiceDeps } from "../../services/deps";
import { homeData } from "../../services/overview";
import type { SlackClient } from "../../slack/client";
import { serviceDeps, workspaceOf, type ListenerDeps } from "../deps";

export async function publishHome(services: ServiceDeps, client: SlackClient, ws: number, userId: string) {
  await client.views.publish({ user_id: userId, view: homeView(await homeData(services, ws, userId)) });
}

export function registerAppHomeOpened(app: App, deps: ListenerDeps) {
  app.event("app_home_opened", async ({ event, client, context }) => {
    if (event.tab !== "home") return;
    const ws = workspaceOf(context);
    await publishHome(serviceDeps(deps, client), client, ws, event.user);
  });
}
