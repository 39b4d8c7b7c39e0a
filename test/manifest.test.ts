import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { BOT_SCOPES } from "../src/slack/scopes";

// Slack's official manifest schema (slackapi/manifest-schema, MIT), vendored under test/fixtures.
const schemaDir = path.join(__dirname, "fixtures", "slack-manifest-schema");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, f), "utf8"));
const read = (file: string) => parse(fs.readFileSync(path.join(__dirname, "..", file), "utf8"));
const manifest = read("manifest.yml");
const socketManifest = read("manifest.socket.yml");

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:/i);
  // The index schema refers to the versioned schemas by these URLs.
  ajv.addSchema(
    load("manifest.schema.1.0.0.json"),
    "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json",
  );
  ajv.addSchema(
    load("manifest.schema.2.0.0.json"),
    "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json",
  );
  return ajv.compile(load("manifest.schema.json"));
}

describe.each([
  ["manifest.yml", manifest],
  ["manifest.socket.yml", socketManifest],
])("%s", (_file, m) => {
  it("validates against Slack's official manifest schema", () => {
    const validate = validator();
    const ok = validate(m);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("is rejected by the schema when broken (the check can fail)", () => {
    const validate = validator();
    expect(validate({ ...m, settings: { ...m.settings, interactivity: { request_url: "ftp://x" } } })).toBe(false);
  });
});

describe("manifest.yml", () => {
  it("sends everything to the bot's public URL over HTTP", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands[0].url).toBe("https://okr-bot.example.com/slack/events");
    expect(manifest.settings.interactivity.request_url).toBe("https://okr-bot.example.com/slack/events");
    expect(manifest.settings.event_subscriptions.request_url).toBe("https://okr-bot.example.com/slack/events");
  });

  it("declares what the bot uses: /okr, interactivity, App Home, app_home_opened, and the fewest scopes", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(["/okr"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      "app_home_opened",
      "app_uninstalled",
      "tokens_revoked",
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "channels:history",
      "chat:write",
      "commands",
      "files:write",
      "groups:history",
      "im:history",
      "im:write",
      "users:read",
    ]);
  });

  it("asks for the same scopes on an OAuth install, and redirects to the bot's OAuth route", () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://okr-bot.example.com/slack/oauth_redirect"]);
  });
});

describe("manifest.socket.yml", () => {
  it("turns Socket Mode on and has no URL to edit", () => {
    expect(socketManifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketManifest)).not.toMatch(/https?:\/\//);
    expect(socketManifest.oauth_config.redirect_urls).toBeUndefined();
  });

  it("is the HTTP manifest without its URLs: same commands, events, interactivity, App Home and scopes", () => {
    const withoutUrls = structuredClone(manifest);
    for (const c of withoutUrls.features.slash_commands) delete c.url;
    delete withoutUrls.settings.event_subscriptions.request_url;
    delete withoutUrls.settings.interactivity.request_url;
    delete withoutUrls.oauth_config.redirect_urls;
    withoutUrls.settings.socket_mode_enabled = true;
    expect(socketManifest).toEqual(withoutUrls);
  });
});
