// Which workspace a request acts on, with the shapes Slack sends beyond a plain workspace: Slack
// Connect (the person belongs to another organisation, whose team id is in their payloads) and
// Enterprise Grid (enterprise ids everywhere, `team: null` on org-level payloads). In both token
// modes the check-in lands in the installation's workspace, the Home tab shows the person's key
// results, and no request creates a workspace row. A request for a workspace that is not
// installed, or whose token was revoked, is acknowledged and dropped with one warning line.
import { IDS } from "../../src/blocks/ids";
import { NOT_INSTALLED } from "../../src/blocks/sentences";
import { waitFor } from "../../src/sandbox";
import { BOT_MODES, oauthBot, type BotUnderTest, type RequestShape } from "../helpers/botModes";
import { PROVIDERS, type Provider } from "../helpers/databases";
import { ONE_KEY_RESULT_YAML } from "../helpers/okrFactory";

const MONDAY_0930 = new Date("2026-11-30T09:30:00Z");
const GRID = "E0GRID";
const PERSON = "U0PARTNER";
const KR_TITLE = "Reduce P1 incidents";

const YAML = ONE_KEY_RESULT_YAML.replace("U0ALICE", PERSON);
const start = (mode: (typeof BOT_MODES)[number][1], provider: Provider) =>
  mode(provider, { now: MONDAY_0930, yaml: YAML, enterpriseId: GRID });

const SHAPES: Array<[string, RequestShape]> = [
  ["Slack Connect: the person's team is another organisation's", { userTeamId: "T0PARTNER" }],
  ["Enterprise Grid, a workspace-level payload", {}],
  [
    "Enterprise Grid, an org-level payload (team: null) from another workspace of the organisation",
    { orgLevel: true, userTeamId: "T0GRIDOTHER" },
  ],
];

const errorLines = (logs: string[]) => logs.filter((l) => / ERROR /.test(l));
const stackLines = (logs: string[]) => logs.filter((l) => /\n\s+at /.test(l));

describe.each(PROVIDERS)("on %s", (provider) => {
  describe.each(BOT_MODES)("with %s", (_name, mode) => {
    let h: BotUnderTest;
    beforeEach(async () => {
      h = await start(mode, provider);
      h.sandbox.addUser({ id: PERSON, name: "pat", tz: "UTC" });
    });
    afterEach(async () => h.stop());

    it.each(SHAPES)(
      "%s: the check-in is stored in the installation's workspace, Home and /okr show the person's key result, no workspace is created",
      async (_shape, shape) => {
        const workspacesBefore = await h.db.workspace.findMany({ orderBy: { id: "asc" } });
        expect(workspacesBefore.map((w) => w.slackTeamId)).toEqual([h.sandbox.teamId]);
        await h.runCheckins();
        const prompt = h.sandbox.dmsTo(PERSON).at(-1)!;
        expect(prompt).toBeDefined();
        const requester = h.requester(shape);

        const clicked = await requester.blockAction({
          user: PERSON,
          actionId: IDS.actions.openCheckin,
          container: { type: "message", channel_id: prompt.channel, message_ts: prompt.ts },
        });
        expect(clicked.status).toBe(200);
        const view = await waitFor(
          () =>
            h.sandbox
              .openViews(PERSON)
              .findLast(
                (v) => v.callbackId === IDS.views.checkin && JSON.stringify(v.view).includes(IDS.checkinBlocks.value),
              ),
          {
            timeoutMs: 5000,
            message: "the check-in modal with the person's key result",
          },
        );
        const kr = await h.db.keyResult.findFirstOrThrow({ where: { title: KR_TITLE } });
        const submitted = await requester.viewSubmission({
          user: PERSON,
          view: { id: view.id },
          values: {
            [`${IDS.checkinBlocks.value}${kr.id}`]: "5",
            [`${IDS.checkinBlocks.confidence}${kr.id}`]: "on_track",
          },
        });
        expect(submitted.status).toBe(200);
        expect(submitted.outcome.action).toBe("closed");
        const stored = await h.db.checkIn.findMany({
          include: { keyResult: { include: { objective: { include: { team: { include: { workspace: true } } } } } } },
        });
        expect(stored.map((c) => [c.keyResult.objective.team.workspace.slackTeamId, c.value])).toEqual([
          [h.sandbox.teamId, 5],
        ]);

        const homeBefore = h.sandbox.callsTo("views.publish").length;
        expect((await requester.appHomeOpened({ user: PERSON })).status).toBe(200);
        await waitFor(() => h.sandbox.callsTo("views.publish").length > homeBefore, {
          timeoutMs: 5000,
          message: "the Home tab published",
        });
        expect(JSON.stringify(h.sandbox.home(PERSON)!.view)).toContain(KR_TITLE);

        const mine = await requester.command({ user: PERSON, text: "" });
        expect(mine.status).toBe(200);
        const answer = await waitFor(() => h.sandbox.responses().find((r) => r.url === mine.responseUrl), {
          timeoutMs: 5000,
          message: "the answer to /okr",
        });
        expect(JSON.stringify(answer.body)).toContain(KR_TITLE);

        expect(await h.db.workspace.findMany({ orderBy: { id: "asc" } })).toEqual(workspacesBefore);
        expect(errorLines(h.logs)).toEqual([]);
      },
    );

    it("the token revoked: a slash command is told why, other requests are acknowledged and dropped with one warning, no stack trace", async () => {
      h.sandbox.uninstall(h.sandbox.teamId);
      const requester = h.requester();
      expect(
        (await requester.event({ event: { type: "tokens_revoked", tokens: { bot: [h.sandbox.botUserId] } } })).status,
      ).toBe(200);
      await waitFor(async () => (await h.db.workspace.findFirstOrThrow()).uninstalledAt !== null, {
        timeoutMs: 5000,
        message: "the workspace marked uninstalled",
      });

      const command = await requester.command({ user: PERSON, text: "" });
      expect(command).toMatchObject({ status: 200, json: { response_type: "ephemeral", text: NOT_INSTALLED } });
      expect(command.durationMs).toBeLessThan(3000);
      const home = await requester.appHomeOpened({ user: PERSON });
      expect(home.status).toBe(200);
      const click = await requester.blockAction({ user: PERSON, actionId: IDS.actions.openCheckin });
      expect(click.status).toBe(200);
      await waitFor(() => h.logs.filter((l) => l.includes("dropped")).length >= 3, {
        timeoutMs: 5000,
        message: "three warnings",
      });
      const dropped = h.logs.filter((l) => l.includes("dropped"));
      expect(dropped.map((l) => / WARN {2}/.test(l))).toEqual([true, true, true]);
      expect(dropped[0]).toContain(`dropped slash command /okr for workspace ${h.sandbox.teamId}`);
      expect(errorLines(h.logs)).toEqual([]);
      expect(stackLines(h.logs)).toEqual([]);
      expect(h.sandbox.callsTo("views.publish")).toHaveLength(0);
      expect(await h.db.workspace.count()).toBe(1);
    });
    it("the token revoked without the event reaching the bot: what Slack refuses is a warning without a stack trace", async () => {
      h.sandbox.uninstall(h.sandbox.teamId);
      const requester = h.requester();
      expect((await requester.command({ user: PERSON, text: "checkin" })).status).toBe(200);
      expect((await requester.appHomeOpened({ user: PERSON })).status).toBe(200);
      await waitFor(
        () => h.logs.filter((l) => l.includes("Slack refused the workspace's bot token (token_revoked)")).length >= 2,
        { timeoutMs: 5000, message: "two warnings" },
      );
      expect(h.logs.filter((l) => l.includes("Slack refused")).every((l) => / WARN {2}/.test(l))).toBe(true);
      expect(errorLines(h.logs)).toEqual([]);
      expect(stackLines(h.logs)).toEqual([]);
    });
  });

  describe("with OAuth installations, a workspace okr-bot is not installed in", () => {
    let h: BotUnderTest;
    beforeEach(async () => {
      h = await start(oauthBot, provider);
    });
    afterEach(async () => h.stop());

    it("each request is acknowledged at once and dropped with one warning; a slash command is told why; no workspace is created", async () => {
      const elsewhere = h.sandbox.addWorkspace({ teamId: "T0ELSEWHERE" });
      const requester = h.requester({}, elsewhere);
      const results = [
        await requester.command({ user: "U0SOMEONE", text: "mine" }),
        await requester.appHomeOpened({ user: "U0SOMEONE" }),
        await requester.blockAction({ user: "U0SOMEONE", actionId: IDS.actions.openCheckin }),
      ];
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(results.map((r) => r.durationMs < 3000)).toEqual([true, true, true]);
      expect(results[0]!.json).toEqual({ response_type: "ephemeral", text: NOT_INSTALLED });
      await waitFor(() => h.logs.filter((l) => l.includes("dropped")).length >= 3, {
        timeoutMs: 5000,
        message: "three warnings",
      });
      const dropped = h.logs.filter((l) => l.includes("dropped"));
      expect(dropped).toHaveLength(3);
      expect(
        dropped.every((l) => / WARN {2}/.test(l) && l.includes("T0ELSEWHERE: okr-bot is not installed there")),
      ).toBe(true);
      expect(errorLines(h.logs)).toEqual([]);
      expect(stackLines(h.logs)).toEqual([]);
      expect((await h.db.workspace.findMany()).map((w) => w.slackTeamId)).toEqual([h.sandbox.teamId]);
    });
  });
});
