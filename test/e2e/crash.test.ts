// A crash delays nobody: a real okr-bot process is killed (SIGKILL) in the middle of a 30-owner
// fan-out with sends in flight, and the next process takes over what the dead one held at once,
// instead of waiting for a lease: every owner gets exactly one DM.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { CLAIM_LEASE_MS } from "../../src/domain/claims";
import { quarterOf } from "../../src/domain/time";
import { PROVIDERS } from "../helpers/databases";
import { okrFileYaml } from "../helpers/okrFactory";
import { startTestStack, type TestStack } from "../helpers/stack";

const CLI = path.join(__dirname, "..", "..", "dist", "cli", "main.js");
const OWNERS = Array.from({ length: 30 }, (_, i) => `U0OWNER${String(i + 1).padStart(2, "0")}`);
const MONDAY = new Date("2026-11-23T09:30:00Z");
/** How long the sandbox keeps each post in flight before answering (and posting it). */
const POST_DELAY_MS = 2_000;

type Run = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; ms: number }> };

function spawnCli(s: TestStack, args: string[], env: Record<string, string> = {}): Run {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: s.testDb.config.url,
      SLACK_BOT_TOKEN: s.sandbox.token,
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: s.sandbox.apiUrl,
      SLACK_POSTS_PER_SECOND: "1000",
      SLACK_POSTS_PER_CHANNEL_PER_SECOND: "1000",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, ms: Date.now() - started })),
  );
  return { child, output: () => output, exited };
}

async function until<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function expectOneDmEach(s: TestStack) {
  for (const owner of OWNERS) expect([owner, s.sandbox.dmsTo(owner).length]).toEqual([owner, 1]);
}

/** Rows the outbox has asked Slack to post and not settled: sends in flight. */
const inFlight = (s: TestStack, holderIds?: string[]) =>
  s.bot.database.db.slackMessage.count({
    where: { status: "pending", attemptedAt: { not: null }, ...(holderIds ? { holderId: { in: holderIds } } : {}) },
  });
const sent = (s: TestStack) => s.bot.database.db.slackMessage.count({ where: { status: "sent" } });

async function killMidFanOut(s: TestStack, run: Run) {
  // Eight sent and the next eight in flight: in the middle of the fan-out.
  await until(async () => (await sent(s)) >= 8 && (await inFlight(s)) >= 8, "a fan-out with sends in flight");
  run.child.kill("SIGKILL");
  await run.exited;
  const prompted = OWNERS.filter((o) => s.sandbox.dmsTo(o).length > 0).length;
  expect(prompted).toBeLessThan(OWNERS.length);
}

describe.each(PROVIDERS)("after kill -9 mid fan-out, on %s", (provider) => {
  let s: TestStack;
  beforeEach(async () => {
    s = await startTestStack(provider, MONDAY);
    for (const id of [...OWNERS, "U0LEAD"]) s.sandbox.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
    await s.importYaml(okrFileYaml({ objectivesEach: 10, krsEach: 3, owners: OWNERS }));
  });
  afterEach(async () => s.close());

  it("a job run at once takes over the dead run's sends: every owner one DM, exit 0, no lease waited for", async () => {
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "delay", ms: POST_DELAY_MS, times: 1000 });
    await killMidFanOut(s, spawnCli(s, ["job", "checkins", "--now", MONDAY.toISOString()]));
    s.sandbox.clearFaults(); // the posts already in flight still land, late

    const rerun = spawnCli(s, ["job", "checkins", "--now", MONDAY.toISOString()]);
    const { code, ms } = await rerun.exited;
    expect([code, rerun.output()]).toEqual([0, expect.stringMatching(/"left":0/)]);
    expect(ms).toBeLessThan(CLAIM_LEASE_MS / 4);
    expectOneDmEach(s);
    expect(await s.bot.database.db.slackMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    // The dead run's holder was cleared away, the re-run removed its own: only this test's bot is left.
    expect(await s.bot.database.db.claimHolder.findMany({ select: { id: true } })).toEqual([{ id: s.bot.holder.id }]);
  });

  it("exits 3, saying what is left, when a due message could not be sent", async () => {
    // The post fails, and Slack cannot say whether it went out: it is given back, not risked twice.
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "http", status: 500, times: 1 });
    s.sandbox.injectFault({ method: "conversations.history", kind: "http", status: 500, times: 1000 });
    const run = spawnCli(s, ["job", "checkins", "--now", MONDAY.toISOString(), "--team", "Big"]);
    const { code } = await run.exited;
    expect(code).toBe(3);
    expect(run.output()).toContain("checkins: 1 due message not sent (the log says why): left for the next run");
    s.sandbox.clearFaults();
    const next = spawnCli(s, ["job", "checkins", "--now", MONDAY.toISOString()]);
    expect((await next.exited).code).toBe(0);
    expectOneDmEach(s);
  });
});

const onPostgres = PROVIDERS.includes("postgresql") ? describe : describe.skip;

onPostgres("two replicas on PostgreSQL, one killed mid fan-out", () => {
  let s: TestStack;
  const replicas: Run[] = [];
  beforeEach(async () => {
    // The replicas run on real time: a cycle and a check-in that are due now.
    const now = new Date();
    s = await startTestStack("postgresql", now);
    for (const id of [...OWNERS, "U0LEAD"]) s.sandbox.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
    await s.importYaml(
      okrFileYaml({ objectivesEach: 10, krsEach: 3, owners: OWNERS }).replace(
        "cycle: 2026-Q4",
        `cycle: ${quarterOf(now, "UTC").key}`,
      ),
    );
    await s.bot.database.db.team.updateMany({
      data: { checkinDay: ((now.getUTCDay() + 6) % 7) + 1, checkinTime: "00:00", timezone: "UTC" },
    });
  });
  afterEach(async () => {
    for (const r of replicas.splice(0))
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
    await s.close();
  });

  it("the survivor takes over the dead replica's sends at once: every owner one DM", async () => {
    s.sandbox.injectFault({ method: "chat.postMessage", kind: "delay", ms: POST_DELAY_MS, times: 1000 });
    // A job dies first; two replicas then start together and find its claims at boot.
    await killMidFanOut(s, spawnCli(s, ["job", "checkins"]));
    for (let i = 0; i < 2; i++) replicas.push(spawnCli(s, ["start"], { PORT: "0" }));
    const db = s.bot.database.db;
    const holderOf = async (run: Run) => (await db.claimHolder.findFirst({ where: { pid: run.child.pid! } }))?.id;
    // Kill whichever replica has sends in flight.
    const victim = await until(async () => {
      for (const r of replicas) {
        const id = await holderOf(r);
        if (id && (await inFlight(s, [id])) > 0) return r;
      }
      return null;
    }, "a replica with sends in flight");
    const survivor = replicas.find((r) => r !== victim)!;
    const victimHolder = (await holderOf(victim))!;
    victim.child.kill("SIGKILL");
    const killedAt = Date.now();
    await victim.exited;
    s.sandbox.clearFaults();

    await until(
      async () => (await db.slackMessage.count({ where: { status: "sent" } })) === OWNERS.length,
      "every prompt sent",
      CLAIM_LEASE_MS / 2,
    );
    expect(Date.now() - killedAt).toBeLessThan(CLAIM_LEASE_MS / 4);
    expectOneDmEach(s);
    expect(await db.claimHolder.count({ where: { id: victimHolder } })).toBe(0);
    expect(survivor.output()).toContain("a stopped process held checkins messages");

    survivor.child.kill("SIGTERM");
    expect((await survivor.exited).code).toBe(0);
    expect(await db.claimHolder.findMany({ select: { id: true } })).toEqual([{ id: s.bot.holder.id }]);
  });
});
