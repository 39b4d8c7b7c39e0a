// The Bolt app: HTTP receiver on /slack/events (Socket Mode when SLACK_APP_TOKEN is set), the
// health route, the error handler and every listener.
import type { ServerResponse } from "node:http";
import { App } from "@slack/bolt";
import type { Config } from "./config";
import type { Database } from "./db/client";
import { registerListeners } from "./listeners";
import type { Logger } from "./logger";
import { webClientOptions } from "./slack/client";

export type AppDeps = {
  config: Config;
  database: Database;
  log: Logger;
  clock: () => Date;
  homeWorkspaceId?: number;
  /** Listener work still running (it goes on after the ack): stopping waits for it before closing the database. */
  inFlight?: Set<Promise<unknown>>;
};

export function createApp({ config, database, log, clock, homeWorkspaceId, inFlight }: AppDeps): App {
  const socketMode = Boolean(config.slack.appToken);
  const app = new App({
    token: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    ...(socketMode ? { socketMode: true, appToken: config.slack.appToken, installerOptions: { port: config.port } } : {}),
    clientOptions: webClientOptions({ apiUrl: config.slack.apiUrl, logger: log.child("web-api") }),
    logger: log.child("bolt"),
    customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => void health(database, res) }],
  });
  app.error(async (err) => {
    // Logged, never rethrown: one failing listener must not take the process down.
    log.error("listener failed", err);
  });
  if (inFlight) {
    app.use(async ({ next }) => {
      const work = next();
      inFlight.add(work);
      try {
        await work;
      } finally {
        inFlight.delete(work);
      }
    });
  }
  registerListeners(app, { db: database.db, log, clock, homeWorkspaceId });
  return app;
}

async function health(database: Database, res: ServerResponse) {
  let ok = true;
  try {
    await Promise.race([database.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref())]);
  } catch {
    ok = false;
  }
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: ok ? "ok" : "unavailable", database: ok ? "up" : "down" }));
}
