// Every request in test/fixtures/slack-requests, in the shapes Slack sends (slash commands,
// block_actions from messages, modals and the Home tab, view submissions with each element type the
// bot uses, view_closed, shortcuts, block_suggestion, legacy interactive_message, events with
// authorizations, Enterprise Grid and Slack Connect variants, retried deliveries, app_rate_limited),
// replayed over signed HTTP against the real bot: each gets a 200 within Slack's 3 seconds, and no
// request logs an ERROR or crashes the bot.
import { IDS } from "../../src/blocks/ids";
import type { Json } from "../../src/sandbox/types";
import { waitFor, type SandboxView } from "../../src/sandbox";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";
import { deliveries, httpTransport, loadFixtures, renderBody, type DeliveryResult, type TemplateVars, type Transport } from "../helpers/slackReplay";
import { startTestStack, type TestStack } from "../helpers/stack";

const MONDAY_0930 = new Date("2026-11-30T09:30:00Z");
const USER = "U0ALICE";
const fixtures = loadFixtures();

/** Resolves once the bot has made no Slack call for a while: the work after an ack is done. */
async function settled(stack: TestStack): Promise<void> {
  let seen = -1;
  await waitFor(
    async () => {
      const now = stack.sandbox.calls.length;
      if (now === seen) return true;
      seen = now;
      await new Promise((r) => setTimeout(r, 150));
      return false;
    },
    { timeoutMs: 5000, message: "the bot's follow-up work" },
  );
}

describe("Slack's requests replayed over signed HTTP", () => {
  let stack: TestStack;
  let vars: TemplateVars;
  let transport: Transport;
  let objectiveView: SandboxView | undefined;

  /** A person clicks inside a modal only while it is open: `/okr new` opens the one the fixture acts in. */
  async function openObjectiveModal() {
    await stack.requester.command({ user: USER, text: "new" });
    objectiveView = await waitFor(
      () => stack.sandbox.openViews(USER).find((v) => v.callbackId === IDS.views.newObjective && JSON.stringify(v.view).includes(IDS.objectiveForm.title)),
      { timeoutMs: 5000, message: "the new-objective modal" },
    );
    await settled(stack);
  }

  beforeAll(async () => {
    stack = await startTestStack("sqlite", MONDAY_0930, { enterpriseId: "E0GRID" });
    stack.sandbox.addUser({ id: USER, name: "alice", tz: "UTC" });
    await stack.importYaml(ONE_KEY_RESULT_YAML.replace("    channel: C0PLATFORM\n", "    channel: C0PLATFORM\n    managers: [U0ALICE]\n"));
    await stack.runJob("checkins");
    const prompt = stack.sandbox.dmsTo(USER).at(-1)!;
    const week = /"action_id":"checkin_snooze"[^}]*?"value":"([^"]+)"|"value":"([^"]+)"[^}]*?"action_id":"checkin_snooze"/.exec(JSON.stringify(prompt.blocks));
    await stack.requester.appHomeOpened({ user: USER });
    await waitFor(() => stack.sandbox.home(USER), { timeoutMs: 5000, message: "the Home tab" });
    await settled(stack);
    const kr = await stack.bot.database.db.keyResult.findFirstOrThrow();
    const team = await stack.bot.database.db.team.findFirstOrThrow();
    const { sandbox } = stack;
    let n = 0;
    vars = {
      TEAM_ID: sandbox.teamId,
      ENTERPRISE_ID: "E0GRID",
      OTHER_TEAM_ID: "T0PARTNER",
      APP_ID: sandbox.identity.appId,
      BOT_ID: sandbox.identity.botId,
      BOT_USER_ID: sandbox.botUserId,
      VERIFICATION_TOKEN: stack.requester.verificationToken,
      USER_ID: USER,
      CHANNEL_ID: "C0PLATFORM",
      DM_CHANNEL_ID: prompt.channel,
      PROMPT_TS: prompt.ts,
      WEEK: week?.[1] ?? week?.[2] ?? "no week on the prompt",
      KR_ID: kr.id,
      TEAM_DB_ID: team.id,
      HOME_VIEW_ID: () => sandbox.home(USER)!.id,
      HOME_VIEW_HASH: () => sandbox.home(USER)!.hash,
      OBJECTIVE_VIEW_ID: () => objectiveView!.id,
      OBJECTIVE_VIEW_HASH: () => sandbox.view(objectiveView!.id)!.hash,
      MODAL_VIEW_ID: "V0REPLAYMODAL",
      MODAL_VIEW_HASH: "1700000000.replay",
      TRIGGER_ID: () => sandbox.issueTriggerId(USER),
      RESPONSE_URL: () => sandbox.responseUrl(`replay-${++n}`, { user: USER, channel: "C0PLATFORM" }),
      PROMPT_RESPONSE_URL: () => sandbox.responseUrl(`replay-${++n}`, { user: USER, channel: prompt.channel, messageTs: prompt.ts }),
      EVENT_ID: () => `EvREPLAY${String(++n).padStart(4, "0")}`,
      NOW: () => Math.floor(Date.now() / 1000),
      ACTION_TS: () => (Date.now() / 1000).toFixed(6),
      EVENT_TS: () => (Date.now() / 1000).toFixed(6),
    };
    transport = httpTransport(stack.requester);
  });
  afterAll(async () => stack.close());

  it("has a fixture for each kind of request Slack sends", () => {
    const types = new Set(fixtures.map((f) => (f.kind === "command" ? "command" : String((f.body as { type?: unknown }).type))));
    expect([...types].sort()).toEqual(
      ["app_rate_limited", "block_actions", "block_suggestion", "command", "event_callback", "interactive_message", "message_action", "shortcut", "view_closed", "view_submission"].sort(),
    );
    for (const f of fixtures) expect(f.source).toMatch(/^https:\/\/docs\.slack\.dev\//);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s: 200 within 3 s, no ERROR, the bot stays up", async (_name, fixture) => {
    if (JSON.stringify(fixture.body).includes("{{OBJECTIVE_VIEW_ID}}")) await openObjectiveModal();
    const logsBefore = stack.logs.length;
    const publishesBefore = stack.sandbox.callsTo("views.publish").length;
    const body = renderBody(fixture.body, vars);
    const results: DeliveryResult[] = [];
    for (const delivery of deliveries(fixture, body)) results.push(await transport(delivery));
    for (const result of results) {
      expect(result.timedOut).toBeFalsy();
      expect(result.status).toBe(200);
      expect(result.durationMs).toBeLessThan(3000);
    }
    if (fixture.expectAck) expect(JSON.parse(results[0]!.body) as Json).toMatchObject(fixture.expectAck);
    await settled(stack);
    // The redelivered fixture is a Home tab event: handled once, the second delivery only acknowledged.
    if (fixture.redeliver) expect(stack.sandbox.callsTo("views.publish").length - publishesBefore).toBe(1);
    const logs = stack.logs.slice(logsBefore);
    expect(logs.filter((l) => / ERROR /.test(l))).toEqual([]);
    expect(logs.filter((l) => /\n\s+at /.test(l))).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${stack.bot.port}/healthz`)).status).toBe(200);
  });

  it("app_rate_limited was answered with one warning naming the minute Slack held events back", () => {
    expect(stack.logs.filter((l) => / WARN  /.test(l) && l.includes("2018-02-12T20:37:00.000Z"))).toHaveLength(1);
  });
});
