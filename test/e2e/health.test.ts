import { createApp } from "../../src/app";
import type { Database } from "../../src/db/client";
import { createLogger } from "../../src/logger";
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
    const app = createApp({
      config: { slack: { botToken: "xoxb-x", signingSecret: "s", apiUrl: "http://127.0.0.1:9/api/", postsPerSecond: 1, postsPerChannelPerSecond: 1 }, port: 0, database: { provider: "sqlite", url: "file:x", file: "x" }, logLevel: "error" },
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
    }
  });
});
