import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { BOT_SCOPES } from "../src/slack/scopes";

// Slack's official manifest schema (slackapi/manifest-schema, MIT), vendored under test/fixtures.
const schemaDir = path.join(__dirname, "fixtures", "slack-manifest-schema");
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, f), "utf8"));
const manifest = parse(fs.readFileSync(path.join(__dirname, "..", "manifest.yml"), "utf8"));

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:/i);
  // The index schema refers to the versioned schemas by these URLs.
  ajv.addSchema(load("manifest.schema.1.0.0.json"), "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json");
  ajv.addSchema(load("manifest.schema.2.0.0.json"), "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json");
  return ajv.compile(load("manifest.schema.json"));
}

describe("manifest.yml", () => {
  it("validates against Slack's official manifest schema", () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("is rejected by the schema when broken (the check can fail)", () => {
    const validate = validator();
    expect(validate({ ...manifest, settings: { ...manifest.settings, interactivity: { request_url: "ftp://x" } } })).toBe(false);
  });

  it("declares what the bot uses: /okr, interactivity, App Home, app_home_opened, and the fewest scopes", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(["/okr"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_home_opened", "app_uninstalled", "tokens_revoked"]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(["channels:history", "chat:write", "commands", "files:write", "groups:history", "im:history", "im:write", "users:read"]);
  });

  it("asks for the same scopes on an OAuth install, and redirects to the bot's OAuth route", () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://okr-bot.example.com/slack/oauth_redirect"]);
  });
});
