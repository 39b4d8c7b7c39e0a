import { type Logger, LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import { SlackSandbox, type SlackSandboxOptions } from "../../src/sandbox";

/** A logger that keeps test output quiet. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export function webClient(sandbox: SlackSandbox, opts: WebClientOptions = {}, token = sandbox.token): WebClient {
  return new WebClient(token, {
    slackApiUrl: sandbox.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...opts,
  });
}

export async function startSandbox(opts?: SlackSandboxOptions): Promise<SlackSandbox> {
  const sandbox = new SlackSandbox(opts);
  await sandbox.start();
  sandbox.addUser({
    id: "UALICE",
    name: "alice",
    tz: "Europe/Paris",
    statusEmoji: ":palm_tree:",
    statusText: "On holiday",
  });
  sandbox.addUser({ id: "UBOB", name: "bob", tz: "America/New_York", isAdmin: true });
  sandbox.addUser({ id: "UGONE", name: "gone", deleted: true });
  return sandbox;
}

/** The Slack error code of a rejected WebClient call. */
export async function slackError(p: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await p;
  } catch (e) {
    const data = (e as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
    if (data?.error) return { error: data.error, messages: data.response_metadata?.messages ?? [] };
    throw e;
  }
  throw new Error("expected the call to fail");
}
