import type { SlackSandbox } from "../../src/sandbox";
import { slackError, startSandbox, webClient } from "./support";

const app = { clientId: "111.222", clientSecret: "shh" };
let sandbox: SlackSandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ oauth: app });
});
afterEach(() => sandbox.stop());

/** Follows the authorize page as a browser would; returns the code Slack sends back. */
async function approve(query: Record<string, string>): Promise<URL> {
  const params = new URLSearchParams({
    client_id: app.clientId,
    scope: "chat:write",
    redirect_uri: "http://bot.test/slack/oauth_redirect",
    state: "st",
    ...query,
  });
  const res = await fetch(`${sandbox.authorizeUrl}?${params}`, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

function exchange(args: Record<string, string>) {
  return webClient(sandbox, {}, undefined as unknown as string).oauth.v2.access({
    client_id: app.clientId,
    client_secret: app.clientSecret,
    ...args,
  });
}

describe("several workspaces", () => {
  test("each token reaches its own workspace's people and messages", async () => {
    const other = sandbox.addWorkspace({ teamId: "T0OTHER", teamName: "Other" });
    other.addUser({ id: "UALICE", name: "alice-elsewhere" });
    const token = other.issueToken();
    const auth = await webClient(sandbox, {}, token).auth.test();
    expect(auth.team_id).toBe("T0OTHER");
    await webClient(sandbox, {}, token).chat.postMessage({ channel: "UALICE", text: "hello other" });
    expect(other.dmsTo("UALICE").map((m) => m.text)).toEqual(["hello other"]);
    expect(sandbox.dmsTo("UALICE")).toEqual([]);
    expect((await webClient(sandbox, {}, token).users.info({ user: "UALICE" })).user?.name).toBe("alice-elsewhere");
  });

  test("a revoked token is refused with token_revoked; an unknown one with invalid_auth", async () => {
    const other = sandbox.addWorkspace({ teamId: "T0OTHER" });
    const token = other.issueToken();
    sandbox.uninstall("T0OTHER");
    expect((await slackError(webClient(sandbox, {}, token).auth.test())).error).toBe("token_revoked");
    expect((await slackError(webClient(sandbox, {}, "xoxb-nobody").auth.test())).error).toBe("invalid_auth");
  });
});

describe("OAuth v2", () => {
  test("authorize → code → oauth.v2.access gives a bot token for the chosen workspace, once", async () => {
    sandbox.addWorkspace({ teamId: "T0OTHER", teamName: "Other" });
    const back = await approve({ team: "T0OTHER", user: "UBOB" });
    expect(back.searchParams.get("state")).toBe("st");
    const code = back.searchParams.get("code")!;
    const res = await exchange({ code, redirect_uri: "http://bot.test/slack/oauth_redirect" });
    expect(res).toMatchObject({
      ok: true,
      token_type: "bot",
      team: { id: "T0OTHER", name: "Other" },
      authed_user: { id: "UBOB" },
      scope: "chat:write",
    });
    expect((await webClient(sandbox, {}, res.access_token!).auth.test()).team_id).toBe("T0OTHER");
    expect((await slackError(exchange({ code }))).error).toBe("invalid_code");
  });

  test("wrong secret, wrong redirect and a cancelled install are refused", async () => {
    const code = (await approve({})).searchParams.get("code")!;
    expect((await slackError(exchange({ code, client_secret: "nope" }))).error).toBe("bad_client_secret");
    expect((await slackError(exchange({ code, redirect_uri: "http://evil.test/" }))).error).toBe("bad_redirect_uri");
    expect((await approve({ deny: "1" })).searchParams.get("error")).toBe("access_denied");
  });

  test("with token rotation a refresh token works once and the access token expires", async () => {
    sandbox.oauth.configure({ tokenRotation: true, tokenLifetimeSeconds: 60 });
    const code = (await approve({})).searchParams.get("code")!;
    const first = await exchange({ code });
    expect(first).toMatchObject({ expires_in: 60 });
    expect(first.access_token).toMatch(/^xoxe\.xoxb-/);
    const second = await exchange({ grant_type: "refresh_token", refresh_token: first.refresh_token! });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(
      (await slackError(exchange({ grant_type: "refresh_token", refresh_token: first.refresh_token! }))).error,
    ).toBe("invalid_refresh_token");
    sandbox.expireTokens(0);
    expect((await slackError(webClient(sandbox, {}, second.access_token!).auth.test())).error).toBe("token_expired");
  });
});
