// `okr-bot demo`: one OKR cycle, played against the local Slack sandbox on a throwaway SQLite
// file, through the same jobs, listeners and HTTP requests as production. Prints what each person
// and channel saw, then cleans up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, addWeeks, nextMonday, startOfDay } from "date-fns";
import { formatImportReport } from "../cli/importReport";
import { databaseConfig } from "../config";
import { keyResultIdByTitle } from "../db/okrs";
import { quarterOf } from "../domain/time";
import { IDS } from "../blocks/ids";
import { renderTranscript, waitFor } from "../sandbox";
import { seedSample } from "./seed";
import { startLocalStack, type LocalStack } from "./localStack";

type Answer = { value: string; confidence: "on_track" | "at_risk" | "off_track"; note?: string };

export async function runDemo({ out }: { out: (line: string) => void }): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-demo-"));
  const cycle = quarterOf(new Date(), "UTC");
  // Mondays of the cycle's second and third weeks, at 18:00 UTC: past 09:00 for every owner
  // from Tokyo to Los Angeles.
  const firstMonday = nextMonday(addDays(startOfDay(cycle.startsAt), -1));
  const at = (week: number, day: number, hourUtc: number) =>
    new Date(addDays(addWeeks(firstMonday, week - 1), day).getTime() + hourUtc * 3_600_000);

  let stack: LocalStack | null = null;
  try {
    stack = await startLocalStack({ database: databaseConfig(`file:${path.join(dir, "okr.db")}`), now: at(2, 0, 8) });
    const s = stack;
    const db = s.bot.database.db;

    const step = (title: string) => out(`\n▶ ${s.clock.now.toUTCString().replace(":00 GMT", " UTC")} · ${title}`);
    const job = async (name: "checkins" | "reminders" | "digest" | "retro") => {
      const summary = await s.runJob(name);
      out(`  okr-bot job ${name} → ${JSON.stringify(summary)}`);
    };
    const answer = async (
      user: string,
      answers: Record<string, Answer>,
      label: string,
      opts = { sameModal: false },
    ) => {
      const result = await s.checkIn(
        user,
        async (krId) => {
          const values: Record<string, string> = {};
          for (const [title, a] of Object.entries(answers)) {
            const id = await krId(title);
            values[`${IDS.checkinBlocks.value}${id}`] = a.value;
            values[`${IDS.checkinBlocks.confidence}${id}`] = a.confidence;
            if (a.note) values[`${IDS.checkinBlocks.note}${id}`] = a.note;
          }
          return values;
        },
        { via: opts.sameModal ? "open-modal" : "dm" },
      );
      out(
        `  ${label}: ${result.outcome.action === "errors" ? `the modal answers with field errors: ${Object.values(JSON.parse(result.body).errors).join(" ")}` : "saved"}`,
      );
      if (result.outcome.action === "closed")
        await waitFor(() => s.sandbox.dmsTo(user).some((m) => m.text.startsWith("Checked in ✓") && m.updates > 0), {
          timeoutMs: 5000,
        });
    };

    out(`okr-bot demo: a local Slack sandbox at ${s.sandbox.url}, the bot on port ${s.bot.port}, SQLite in ${dir}`);
    step("import the sample OKRs (okr-bot import)");
    const report = await seedSample(s);
    out(formatImportReport("sample-okrs.yaml", report).replace(/^/gm, "  "));

    s.clock.now = at(2, 0, 10);
    step("the check-in job runs: owners whose local Monday 09:00 has passed get one DM (Tokyo, London)");
    await job("checkins");
    s.clock.now = at(2, 0, 18);
    step("later that Monday: New York and Los Angeles reach 09:00 too");
    await job("checkins");
    await job("checkins");
    out("  (run twice: the second run sends nothing new)");

    step("owners answer in the modal");
    await answer(
      "U0ALICE",
      {
        "Reduce P1 incidents": {
          value: "6",
          confidence: "on_track",
          note: "Retries & circuit breakers on the payment path <finally>",
        },
      },
      "Alice",
    );
    await answer(
      "U0BOB",
      { "Improve checkout success rate": { value: "ninety-five", confidence: "at_risk" } },
      "Bob types words instead of a number",
    );
    await answer(
      "U0BOB",
      {
        "Improve checkout success rate": {
          value: "95.1",
          confidence: "at_risk",
          note: "Card-declined retries still failing for one PSP",
        },
      },
      "Bob corrects it in the same form",
      { sameModal: true },
    );
    await answer("U0CHEN", { "Reduce mean time to recovery (MTTR)": { value: "95", confidence: "on_track" } }, "Chen");
    await answer(
      "U0DANA",
      {
        "Reduce data quality incidents": { value: "5", confidence: "at_risk" },
        "Keep dashboards fresh": { value: "45", confidence: "on_track" },
      },
      "Dana",
    );
    out("  Eve does not answer this week.");

    s.clock.now = at(2, 1, 19);
    step("a day later: one gentle reminder to whoever has not answered");
    await job("reminders");

    s.clock.now = at(2, 4, 22);
    step("Friday: each team's digest in its channel");
    await job("digest");

    s.clock.now = at(3, 0, 10);
    step("the next Monday: prompts again through the day, and everyone answers");
    await job("checkins");
    s.clock.now = at(3, 0, 18);
    await job("checkins");
    await answer("U0ALICE", { "Reduce P1 incidents": { value: "5", confidence: "on_track" } }, "Alice");
    await answer("U0BOB", { "Improve checkout success rate": { value: "96", confidence: "on_track" } }, "Bob");
    await answer(
      "U0CHEN",
      {
        "Reduce mean time to recovery (MTTR)": {
          value: "80",
          confidence: "at_risk",
          note: "Runbooks help; paging still slow at night",
        },
      },
      "Chen",
    );
    await answer(
      "U0DANA",
      {
        "Reduce data quality incidents": { value: "4", confidence: "on_track" },
        "Keep dashboards fresh": { value: "30", confidence: "on_track" },
      },
      "Dana",
    );
    await answer(
      "U0EVE",
      {
        "Grow self-serve analytics adoption": {
          value: "52",
          confidence: "on_track",
          note: "New metrics catalogue launched",
        },
      },
      "Eve",
    );

    s.clock.now = at(3, 4, 22);
    step("Friday: the digests show the change since last week");
    await job("digest");

    step("anyone can look things up with /okr");
    await s.requester.command({ user: "U0ALICE", text: "" });
    await s.requester.command({ user: "U0MAYA", text: "team Data" });
    await waitFor(() => s.sandbox.responses().length >= 2, { timeoutMs: 5000 });
    out("  /okr (Alice) and /okr team Data (Maya) answered, only to them");

    s.clock.now = new Date(cycle.endsAt.getTime() - 5 * 24 * 3_600_000);
    step("the quarter's last week: each owner is asked for their retro in a DM");
    await job("retro");
    const reflect = async (user: string, title: string, values: Record<string, string>) => {
      const keyResultId = await keyResultIdByTitle(db, title, cycle.key);
      const ask = s.sandbox.dmsTo(user).findLast((m) => m.text.startsWith("Retro time"));
      if (!ask) throw new Error(`no retro DM for ${user}`);
      const before = new Set(s.sandbox.views().map((v) => v.id));
      await s.requester.blockAction({
        user,
        actionId: IDS.actions.openRetro,
        value: String(keyResultId),
        container: { type: "message", channel_id: ask.channel, message_ts: ask.ts },
      });
      const modal = await waitFor(
        () => s.sandbox.openViews(user).find((v) => !before.has(v.id) && v.callbackId === IDS.views.retro),
        { timeoutMs: 5000 },
      );
      const saved = await s.requester.viewSubmission({ user, view: { id: modal.id }, values });
      out(
        `  ${s.sandbox.users.get(user)?.name ?? user} answers the retro for "${title}": ${saved.outcome.action === "errors" ? "refused" : "saved"}`,
      );
    };
    await reflect("U0ALICE", "Reduce P1 incidents", {
      [IDS.retroForm.score]: "0.6",
      [IDS.retroForm.worked]: "Circuit breakers on the payment path",
      [IDS.retroForm.didnt]: "Alert noise hid two incidents",
      [IDS.retroForm.learned]: "Fix alerting before adding checks",
      [IDS.retroForm.carryForward]: "yes",
    });
    await reflect("U0CHEN", "Reduce mean time to recovery (MTTR)", {
      [IDS.retroForm.worked]: "Runbooks",
      [IDS.retroForm.carryForward]: "no",
    });

    s.clock.now = new Date(cycle.endsAt.getTime() + 10 * 3_600_000);
    step("the quarter is over: the retro thread in each team channel");
    await job("retro");
    await job("retro");
    out("  (run twice: one thread per team)");

    out("\n════════════════ What each person and channel saw ════════════════\n");
    out(renderTranscript(s.sandbox));
    return 0;
  } finally {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
