// `okr-bot sandbox`: the local Slack sandbox on its own, for a bot started separately (pointed at it
// with SLACK_API_URL), with the demo's people in it, and with --web the page to click through it.
import { randomBytes } from "node:crypto";
import { SlackRequester, SlackSandbox } from "../sandbox";
import { SandboxWebServer } from "../sandbox/web/server";
import { SAMPLE_PEOPLE } from "./sampleOkrs";

export type StandaloneSandbox = {
  sandbox: SlackSandbox;
  /** What to set in the bot's environment so that it talks to this sandbox. */
  botEnv: Record<string, string>;
  /** The page's URL, with --web. */
  pageUrl?: string;
  stop(): Promise<void>;
};

export async function startStandaloneSandbox(opts: {
  port?: number;
  web?: boolean;
  webPort?: number;
  botUrl?: string;
}): Promise<StandaloneSandbox> {
  const sandbox = new SlackSandbox();
  await sandbox.start(opts.port ?? 0);
  for (const p of SAMPLE_PEOPLE) sandbox.addUser({ id: p.id, name: p.name, realName: p.realName, tz: p.tz });
  // Requests reach the bot signed over HTTP when its URL is given, otherwise over its Socket Mode connection.
  const signingSecret = randomBytes(16).toString("hex");
  const requester = opts.botUrl
    ? new SlackRequester({ url: opts.botUrl, signingSecret, sandbox })
    : new SlackRequester({ socketMode: sandbox.socketMode, sandbox });
  const botEnv: Record<string, string> = {
    SLACK_API_URL: sandbox.apiUrl,
    SLACK_BOT_TOKEN: sandbox.token,
    ...(opts.botUrl ? { SLACK_SIGNING_SECRET: signingSecret } : { SLACK_APP_TOKEN: sandbox.socketMode.appToken }),
  };
  let web: SandboxWebServer | undefined;
  let pageUrl: string | undefined;
  try {
    if (opts.web) {
      web = new SandboxWebServer({ sandbox, requester });
      pageUrl = await web.start(opts.webPort ?? 0);
    }
  } catch (e) {
    await sandbox.stop();
    throw e;
  }
  return {
    sandbox,
    botEnv,
    ...(pageUrl !== undefined ? { pageUrl } : {}),
    stop: async () => {
      await web?.stop();
      await sandbox.stop();
    },
  };
}

export async function runStandaloneSandbox(opts: {
  out: (line: string) => void;
  port?: number;
  web?: boolean;
  webPort?: number;
  botUrl?: string;
}): Promise<number> {
  const s = await startStandaloneSandbox(opts);
  opts.out(
    `okr-bot sandbox: a local Slack Web API at ${s.sandbox.apiUrl}, with the demo's people (${SAMPLE_PEOPLE.map((p) => p.id).join(", ")}).`,
  );
  opts.out("Start the bot against it with:");
  opts.out(
    `  ${Object.entries(s.botEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} DATABASE_URL=file:./sandbox.db okr-bot start`,
  );
  if (s.pageUrl) opts.out(`Open ${s.pageUrl} in a browser to see and click what each person sees.`);
  opts.out("Ctrl-C stops it.");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await s.stop();
  return 0;
}
