// `okr-bot demo --web`: the sandbox, the real bot and the sample OKRs as in `okr-bot demo`, shown
// in a browser page that behaves like Slack; a clock on the page moves the story along.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseConfig } from "../config";
import { SandboxWebServer } from "../sandbox/web/server";
import { startLocalStack, type LocalStack } from "./localStack";
import { seedSample } from "./seed";
import { jumpSteps, STORY_JUMPS, storyStart, type StoryStep } from "./storyClock";

export type WebDemo = { url: string; stack: LocalStack; stop(): Promise<void> };

export async function startWebDemo(opts: { port?: number; now?: Date } = {}): Promise<WebDemo> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-demo-web-"));
  let stack: LocalStack | undefined;
  let web: SandboxWebServer | undefined;
  const stop = async () => {
    await web?.stop();
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const s = await startLocalStack({
      database: databaseConfig(`file:${path.join(dir, "okr.db")}`),
      now: storyStart(opts.now ?? new Date()),
    });
    stack = s;
    await seedSample(s);
    const play = async (steps: StoryStep[]): Promise<string[]> => {
      const ran: string[] = [];
      for (const step of steps) {
        s.clock.now = step.at;
        for (const job of step.jobs) ran.push(`${job}: ${summarize(await s.runJob(job))}`);
      }
      return ran;
    };
    // The page opens on the Monday of the second week, once everyone's prompt is out.
    await play(jumpSteps("checkin", s.clock.now));
    // One job at a time: a second click while jobs run waits for them.
    let running: Promise<unknown> = Promise.resolve();
    const jump = async (id: string): Promise<string> => {
      const known = STORY_JUMPS.find((j) => j.id === id);
      if (!known) throw new Error(`no such moment: ${id}`);
      const run = running.then(async () => {
        const ran = await play(jumpSteps(known.id, s.clock.now));
        return `${known.label} · ${ran.join(" · ")}`;
      });
      running = run.catch(() => undefined);
      return run;
    };
    web = new SandboxWebServer({
      sandbox: s.sandbox,
      requester: s.requester,
      clock: { now: () => s.clock.now, jumps: STORY_JUMPS, jump },
    });
    const url = await web.start(opts.port ?? 0);
    return { url, stack: s, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A job's summary in a few words: its non-zero counts ("sent 3, answered 2"). */
function summarize(summary: unknown): string {
  if (typeof summary !== "object" || summary === null) return String(summary);
  const counts = Object.entries(summary).filter(([k, v]) => typeof v === "number" && v !== 0 && k !== "workspaces");
  return counts.length > 0
    ? counts.map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${String(v)}`).join(", ")
    : "nothing due";
}

/** Serves the demo until the process is told to stop (Ctrl-C). */
export async function runWebDemo({ out, port }: { out: (line: string) => void; port?: number }): Promise<number> {
  const demo = await startWebDemo({ ...(port !== undefined ? { port } : {}) });
  out(`okr-bot demo: open ${demo.url} in a browser (the bot and a local Slack sandbox, sample OKRs). Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await demo.stop();
  return 0;
}
