import type { App } from "@slack/bolt";
import { homeView } from "../../blocks/home";
import type { ServiceDeps } from "../../services/deps";
import { homeData } from "../../services/overview";
import type { SlackClient } from "../../slack/client";
import { serviceDeps, workspaceId, type ListenerDeps } from "../deps";

export async function publishHome(services: ServiceDeps, client: SlackClient, ws: number, userId: string) {
  await client.views.publish({ user_id: userId, view: homeView(await homeData(services, ws, userId)) });
}

export function registerAppHomeOpened(app: App, deps: ListenerDeps) {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const ws = await workspaceId(deps, body.team_id);
    await publishHome(serviceDeps(deps, client), client, ws, event.user);
  });
}
