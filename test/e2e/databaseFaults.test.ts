// The database failing: unreachable at start (retried, then a clear error without the password),
// and lost mid-run (people are told nothing was changed and to try again; jobs fail without taking
// the process down and catch up once it is back).
import { Client } from "pg";
import { IDS } from "../../src/blocks/ids";
import { ConfigError } from "../../src/config";
import { createLogger } from "../../src/logger";
import { waitFor } from "../../src/sandbox";
import { startBot } from "../../src/server";
import { NOT_SAVED, TRY_AGAIN } from "../../src/blocks/sentences";
import { PROVIDERS } from "../helpers/databases";
import { startTestStack, type TestStack } from "../helpers/stack";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";
import { oauthBot } from "../helpers/botModes";

it("retries a database that cannot be reached at start, then says which one, without its password", async () => {
  const logs: string[] = [];
  const started = startBot(
    {
      slack: { botToken: "xoxb-not-used", signingSecret: "s", postsPerSecond: 5, postsPerChannelPerSecond: 1 },
      port: 0,
      database: { provider: "postgresql", url: "postgresql://root:hunter2@127.0.0.1:1/okr" },
      logLevel: "warn",
    },
    createLogger("warn", "okr-bot", (line) => logs.push(line)),
    { scheduler: false, databaseRetries: { attempts: 3, delayMs: 10 } },
  );
  const err = await started.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as Error).message).toContain(
    "The database at 127.0.0.1:1/okr could not be reached after 3 attempts (ECONNREFUSED)",
  );
  expect(logs.filter((l) => l.includes("is not reachable (ECONNREFUSED); trying again"))).toHaveLength(2);
  expect([(err as Error).message, ...logs].join("\n")).not.toContain("hunter2");
});

const onPostgres = PROVIDERS.includes("postgresql") ? describe : describe.skip;

onPostgres("the database lost mid-run (PostgreSQL)", () => {
  let s: TestStack;
  let schema: string;
  const sql = async (query: string) => {
    const client = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  beforeEach(async () => {
    s = await startTestStack("postgresql", new Date("2026-11-30T09:30:00Z"));
    s.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
    await s.importYaml(ONE_KEY_RESULT_YAML);
    schema = new URL(s.testDb.config.url).searchParams.get("schema")!;
  });
  afterEach(async () => {
    await sql(`ALTER SCHEMA "${schema}_gone" RENAME TO "${schema}"`).catch(() => undefined);
    await s.close();
  });

  it("tells people to try again, stores nothing, and the jobs catch up when it is back", async () => {
    await s.requester.command({ user: "U0ALICE", text: "checkin" });
    const form = await waitFor(() => s.sandbox.openViews("U0ALICE").find((v) => v.callbackId === IDS.views.checkin), {
      timeoutMs: 5000,
    });
    const kr = await s.bot.database.db.keyResult.findFirstOrThrow();
    const checkinForm = form;

    await sql(`ALTER SCHEMA "${schema}" RENAME TO "${schema}_gone"`);
    await s.requester.command({ user: "U0ALICE", text: "" });
    const told = await waitFor(
      () => s.sandbox.responses().find((r) => JSON.stringify(r.body).includes("nothing was changed")),
      { timeoutMs: 5000 },
    );
    expect(told.effect).toBe("ephemeral");
    expect(JSON.stringify(told.body)).toContain(TRY_AGAIN.slice(0, 40));
    const submitted = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: checkinForm.id },
      values: { [`${IDS.checkinBlocks.value}${kr.id}`]: "5", [`${IDS.checkinBlocks.confidence}${kr.id}`]: "on_track" },
    });
    expect(submitted.outcome.action).toBe("errors");
    expect(submitted.body).toContain("Not saved: something went wrong on my side");
    await expect(s.runJob("checkins")).rejects.toThrow();

    expect(s.sandbox.dmsTo("U0ALICE").filter((m) => m.text.startsWith("Weekly check-in"))).toHaveLength(0);

    await sql(`ALTER SCHEMA "${schema}_gone" RENAME TO "${schema}"`);
    // The form is still open with what was typed: submitting again stores it.
    const again = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: checkinForm.id },
      values: { [`${IDS.checkinBlocks.value}${kr.id}`]: "5", [`${IDS.checkinBlocks.confidence}${kr.id}`]: "on_track" },
    });
    expect(again.outcome.action).toBe("closed");
    expect(await s.bot.database.db.checkIn.count()).toBe(1);
    s.clock.now = new Date("2026-12-07T09:30:00Z");
    expect(await s.runJob("checkins")).toMatchObject({ sent: 1 });

    // Any other form submitted while the database is gone stays open with "not saved".
    await s.requester.command({ user: "U0ALICE", text: `edit ${kr.id}` });
    const edit = await waitFor(
      () => s.sandbox.openViews("U0ALICE").find((v) => v.callbackId === IDS.views.editKeyResult),
      { timeoutMs: 5000 },
    );
    await sql(`ALTER SCHEMA "${schema}" RENAME TO "${schema}_gone"`);
    const notSaved = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: edit.id },
      values: { kr_target_0: "1" },
    });
    expect(notSaved.outcome.action).toBe("errors");
    expect(notSaved.body).toContain("Not saved: something went wrong on my side");
    s.sandbox.closeView(edit.id);
    // And a form opened while it is gone says to try again instead of loading forever.
    await s.requester.command({ user: "U0ALICE", text: `edit ${kr.id}` });
    await waitFor(
      () => s.sandbox.openViews("U0ALICE").find((v) => JSON.stringify(v.view).includes("nothing was changed")),
      { timeoutMs: 5000 },
    );
  });
});

onPostgres("the database lost mid-run with OAuth installations (PostgreSQL)", () => {
  it("a command is told to try again and a form stays open saying it was not saved, not silence", async () => {
    const bot = await oauthBot("postgresql", { now: new Date("2026-11-30T09:30:00Z"), yaml: ONE_KEY_RESULT_YAML });
    const schema = new URL(bot.databaseUrl).searchParams.get("schema")!;
    const sql = async (query: string) => {
      const client = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
      await client.connect();
      await client.query(query).finally(() => client.end());
    };
    try {
      bot.sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "UTC" });
      const requester = bot.requester();
      await requester.command({ user: "U0ALICE", text: "checkin" });
      const form = await waitFor(
        () => bot.sandbox.openViews("U0ALICE").find((v) => v.callbackId === IDS.views.checkin),
        { timeoutMs: 5000 },
      );
      const kr = await bot.db.keyResult.findFirstOrThrow();

      await sql(`ALTER SCHEMA "${schema}" RENAME TO "${schema}_gone"`);
      const command = await requester.command({ user: "U0ALICE", text: "" });
      expect(command.json).toMatchObject({ response_type: "ephemeral", text: TRY_AGAIN });
      const values = {
        [`${IDS.checkinBlocks.value}${kr.id}`]: "5",
        [`${IDS.checkinBlocks.confidence}${kr.id}`]: "on_track",
      };
      const submitted = await requester.viewSubmission({ user: "U0ALICE", view: { id: form.id }, values });
      expect(submitted.outcome.action).toBe("errors");
      expect(submitted.body).toContain(NOT_SAVED);

      await sql(`ALTER SCHEMA "${schema}_gone" RENAME TO "${schema}"`);
      expect((await requester.viewSubmission({ user: "U0ALICE", view: { id: form.id }, values })).outcome.action).toBe(
        "closed",
      );
      expect(await bot.db.checkIn.count()).toBe(1);
      expect(bot.logs.filter((l) => /\n\s+at /.test(l) && / ERROR /.test(l))).toEqual([]);
    } finally {
      await sql(`ALTER SCHEMA "${schema}_gone" RENAME TO "${schema}"`).catch(() => undefined);
      await bot.stop();
    }
  });
});
