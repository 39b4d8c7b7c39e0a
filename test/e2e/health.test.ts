import { createApp } from "../../src/app";
import type { Database } from "../../src/db/client";
import { createLogger } from "../../src/logger";
import { SlackSandbox } from "../../src/sandbox";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack } from "../helpers/stack";

describe.each(PROVIDERS)("GET /healthz on %s", (provider) => {
  it("answers 200 with JSON while the database answers", async () => {
    const s = await startTestStack(provider, new Date());
    try {
      const res = await fetch(`http://127.0.0.1:${s.bot.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: "up" });
    } finally {
      await s.close();
    }
  });
});

describe("GET /healthz", () => {
  it("answers 503 when the database does not", async () => {
    const down: Database = {
      db: {} as Database["db"],
      provider: "sqlite",
      ping: () => Promise.reject(new Error("database is gone")),
      close: async () => undefined,
    };
    // Bolt calls auth.test as soon as the app is made: give it a Slack that answers.
    const sandbox = new SlackSandbox();
    await sandbox.start();
    const app = createApp({
      config: {
        slack: {
          botToken: sandbox.token,
          signingSecret: "s",
          apiUrl: sandbox.apiUrl,
          postsPerSecond: 1,
          postsPerChannelPerSecond: 1,
        },
        port: 0,
        database: { provider: "sqlite", url: "file:x", file: "x" },
        logLevel: "error",
      },
      database: down,
      log: createLogger("error", "test", () => undefined),
      clock: () => new Date(),
    });
    const server = (await app.start(0)) as import("node:http").Server;
    try {
      const { port } = server.address() as import("node:net").AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", database: "down" });
    } finally {
      await app.stop();
      await sandbox.stop();
    }
  });
});

describe.each(PROVIDERS)("stopping on %s", (provider) => {
  it("lets a request already acknowledged finish its work before the database closes", async () => {
    const s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"));
    try {
      s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
      // The check-in form opens slowly: the command is acknowledged, the work is still going on.
      s.sandbox.injectFault({ method: "views.open", kind: "delay", ms: 300 });
      const res = await s.requester.command({ user: "U0ALICE", text: "checkin" });
      expect(res.status).toBe(200);
      await s.bot.stop();
      const views = s.sandbox.openViews("U0ALICE");
      expect(views).toHaveLength(1);
      expect(JSON.stringify(views[0]!.view)).not.toContain("Loading");
      expect(s.logs.join("\n")).not.toMatch(/listener failed|failed/);
    } finally {
      await s.close();
    }
  });
});
