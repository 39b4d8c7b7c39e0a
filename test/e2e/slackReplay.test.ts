// Every request in test/fixtures/slack-requests, in the shapes Slack sends (slash commands,
// block_actions from messages, modals and the Home tab, view submissions with each element type the
// bot uses, view_closed, shortcuts, block_suggestion, legacy interactive_message, events with
// authorizations, Enterprise Grid and Slack Connect variants, retried deliveries, app_rate_limited),
// replayed over signed HTTP and as Socket Mode envelopes against the real bot: each gets a 200 within Slack's 3 seconds, and no
// request logs an ERROR or crashes the bot.
import { IDS } from "../../src/blocks/ids";
import type { Json } from "../../src/sandbox/types";
import { waitFor, type SandboxView, type SlackRequester } from "../../src/sandbox";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";
import {
  deliveries,
  httpTransport,
  loadFixtures,
  renderBody,
  socketModeTransport,
  type DeliveryResult,
  type TemplateVars,
  type Transport,
} from "../helpers/slackReplay";
import { TRANSPORT_MODES, type BotUnderTest } from "../helpers/botModes";

const MONDAY_0930 = new Date("2026-11-30T09:30:00Z");
const USER = "U0ALICE";
const fixtures = loadFixtures();

/** Resolves once the bot has made no Slack call for a while: the work after an ack is done. */
async function settled(bot: BotUnderTest): Promise<void> {
  let seen = -1;
  await waitFor(
    async () => {
      const now = bot.sandbox.calls.length;
      if (now === seen) return true;
      seen = now;
      await new Promise((r) => setTimeout(r, 150));
      return false;
    },
    { timeoutMs: 5000, message: "the bot's follow-up work" },
  );
}

describe.each(TRANSPORT_MODES)("Slack's requests replayed, with %s", (_name, start) => {
  let bot: BotUnderTest;
  let vars: TemplateVars;
  let transport: Transport;
  let requester: SlackRequester;
  let objectiveView: SandboxView | undefined;

  /** A person clicks inside a modal only while it is open: `/okr new` opens the one the fixture acts in. */
  async function openObjectiveModal() {
    await requester.command({ user: USER, text: "new" });
    objectiveView = await waitFor(
      () =>
        bot.sandbox
          .openViews(USER)
          .find(
            (v) => v.callbackId === IDS.views.newObjective && JSON.stringify(v.view).includes(IDS.objectiveForm.title),
          ),
      { timeoutMs: 5000, message: "the new-objective modal" },
    );
    await settled(bot);
  }

  beforeAll(async () => {
    const yaml = ONE_KEY_RESULT_YAML.replace(
      "    channel: C0PLATFORM\n",
      "    channel: C0PLATFORM\n    managers: [U0ALICE]\n",
    );
    bot = await start("sqlite", { now: MONDAY_0930, yaml, enterpriseId: "E0GRID" });
    bot.sandbox.addUser({ id: USER, name: "alice", tz: "UTC" });
    requester = bot.requester();
    await bot.runCheckins();
    const prompt = bot.sandbox.dmsTo(USER).at(-1)!;
    const week =
      /"action_id":"checkin_snooze"[^}]*?"value":"([^"]+)"|"value":"([^"]+)"[^}]*?"action_id":"checkin_snooze"/.exec(
        JSON.stringify(prompt.blocks),
      );
    await requester.appHomeOpened({ user: USER });
    await waitFor(() => bot.sandbox.home(USER), { timeoutMs: 5000, message: "the Home tab" });
    await settled(bot);
    const kr = await bot.db.keyResult.findFirstOrThrow();
    const team = await bot.db.team.findFirstOrThrow();
    const { sandbox } = bot;
    let n = 0;
    vars = {
      TEAM_ID: sandbox.teamId,
      ENTERPRISE_ID: "E0GRID",
      OTHER_TEAM_ID: "T0PARTNER",
      APP_ID: sandbox.identity.appId,
      BOT_ID: sandbox.identity.botId,
      BOT_USER_ID: sandbox.botUserId,
      VERIFICATION_TOKEN: requester.verificationToken,
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
      PROMPT_RESPONSE_URL: () =>
        sandbox.responseUrl(`replay-${++n}`, { user: USER, channel: prompt.channel, messageTs: prompt.ts }),
      EVENT_ID: () => `EvREPLAY${String(++n).padStart(4, "0")}`,
      NOW: () => Math.floor(Date.now() / 1000),
      ACTION_TS: () => (Date.now() / 1000).toFixed(6),
      EVENT_TS: () => (Date.now() / 1000).toFixed(6),
    };
    transport = bot.socketMode ? socketModeTransport(requester) : httpTransport(requester);
  });
  afterAll(async () => bot.stop());

  it("has a fixture for each kind of request Slack sends", () => {
    const types = new Set(
      fixtures.map((f) => (f.kind === "command" ? "command" : String((f.body as { type?: unknown }).type))),
    );
    expect([...types].sort()).toEqual(
      [
        "app_rate_limited",
        "block_actions",
        "block_suggestion",
        "command",
        "event_callback",
        "interactive_message",
        "message_action",
        "shortcut",
        "view_closed",
        "view_submission",
      ].sort(),
    );
    for (const f of fixtures) expect(f.source).toMatch(/^https:\/\/docs\.slack\.dev\//);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    "%s: 200 within 3 s, no ERROR, the bot stays up",
    async (_name, fixture) => {
      if (JSON.stringify(fixture.body).includes("{{OBJECTIVE_VIEW_ID}}")) await openObjectiveModal();
      const logsBefore = bot.logs.length;
      const publishesBefore = bot.sandbox.callsTo("views.publish").length;
      const body = renderBody(fixture.body, vars);
      const results: DeliveryResult[] = [];
      for (const delivery of deliveries(fixture, body)) results.push(await transport(delivery));
      for (const result of results) {
        expect(result.timedOut).toBeFalsy();
        expect(result.status).toBe(200);
        expect(result.durationMs).toBeLessThan(3000);
      }
      if (fixture.expectAck) expect(JSON.parse(results[0]!.body) as Json).toMatchObject(fixture.expectAck);
      await settled(bot);
      // The redelivered fixture is a Home tab event: handled once, the second delivery only acknowledged.
      if (fixture.redeliver) expect(bot.sandbox.callsTo("views.publish").length - publishesBefore).toBe(1);
      const logs = bot.logs.slice(logsBefore);
      expect(logs.filter((l) => / ERROR /.test(l))).toEqual([]);
      expect(logs.filter((l) => /\n\s+at /.test(l))).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
      if (bot.socketMode) expect(bot.sandbox.socketMode.connections).toBe(1);
    },
  );

  it("app_rate_limited was answered with the only warning, naming the minute Slack held events back; what no listener answered is acknowledged and logged at debug (Bolt acknowledges events itself)", () => {
    const warnings = bot.logs.filter((l) => / WARN {2}/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("2018-02-12T20:37:00.000Z");
    const unhandled = bot.logs
      .filter((l) => l.includes("no listener answered"))
      .map((l) => / DEBUG /.test(l) && /answered (.*); acknowledged/.exec(l)?.[1]);
    expect(unhandled).toEqual(
      expect.arrayContaining([
        "shortcut okr_quick_checkin",
        "message_action okr_note_from_message",
        "block_suggestion team_external",
        "interactive_message legacy_attachment",
        "view_closed checkin_submit",
        "view_submission legacy_form_submit",
        "block_actions legacy_button",
        "slash command /standup",
      ]),
    );
  });
});
