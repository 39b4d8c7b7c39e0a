// Replays request payloads in the shapes Slack sends (test/fixtures/slack-requests/*.json, written
// from Slack's reference documentation) against a running bot. A fixture names its ids as
// placeholders: `"{{NAME}}"` becomes a string, `"{{#NAME}}"` (quotes included) a number. The
// transport is a parameter: over HTTP a delivery is a signed POST; over Socket Mode it is an
// envelope (`slash_commands` for "command", `interactive`, `events_api` for "event"; `retry`
// becomes retry_attempt / retry_reason) whose ack carries the same answer.
import fs from "node:fs";
import path from "node:path";
import type { SlackRequester } from "../../src/sandbox";
import type { Json } from "../../src/sandbox/types";

export type DeliveryKind = "command" | "interactive" | "event";
export type Retry = { num: number; reason: string };

export type SlackRequestFixture = {
  name: string;
  description: string;
  /** The Slack reference page the shape follows. */
  source: string;
  kind: DeliveryKind;
  /** The answer expected in the ack (a subset), whatever the transport. */
  expectAck?: Json;
  /** Delivered once, as Slack's retry number `num` (its first attempt never arrived). */
  retry?: Retry;
  /** Delivered once, then again as retry `num` (Slack did not see the first answer in time). */
  redeliver?: Retry;
  body: Json;
};

/** One request as Slack sends it: a slash command's form fields, an interaction's payload, or an Events API envelope. */
export type Delivery = { kind: DeliveryKind; body: Json; retry?: Retry };
/** What Slack got back: the HTTP status (200 for a Socket Mode ack), the answer's body, and how long it took. */
export type DeliveryResult = { status: number; body: string; durationMs: number; timedOut?: boolean };
export type Transport = (delivery: Delivery) => Promise<DeliveryResult>;

export const FIXTURES_DIR = path.join(__dirname, "..", "fixtures", "slack-requests");

export function loadFixtures(dir = FIXTURES_DIR): SlackRequestFixture[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ""),
      ...(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Omit<SlackRequestFixture, "name">),
    }));
}

/** A value, or a function called at each occurrence (for single-use ids: trigger_id, response_url). */
export type TemplateVars = Record<string, string | number | (() => string | number)>;

/** The fixture's body with its placeholders replaced; an unknown placeholder is an error. */
export function renderBody(body: Json, vars: TemplateVars): Json {
  const value = (name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`no value for the placeholder {{${name}}}`);
    return typeof v === "function" ? v() : v;
  };
  const text = JSON.stringify(body)
    .replace(/"\{\{#([A-Z_]+)\}\}"/g, (_, name: string) => String(Number(value(name))))
    .replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => JSON.stringify(String(value(name))).slice(1, -1));
  return JSON.parse(text) as Json;
}

/** Deliveries over signed HTTP, as Slack's Events API and interactivity requests arrive. */
export function httpTransport(requester: SlackRequester): Transport {
  return async ({ kind, body, retry }) => {
    const headers: Record<string, string> = retry
      ? { "x-slack-retry-num": String(retry.num), "x-slack-retry-reason": retry.reason }
      : {};
    if (kind === "event") return requester.send(JSON.stringify(body), "application/json", { headers });
    const fields =
      kind === "command"
        ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))
        : { payload: JSON.stringify(body) };
    return requester.send(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", { headers });
  };
}

const ENVELOPE_TYPES = { command: "slash_commands", interactive: "interactive", event: "events_api" } as const;

/** The same requests as envelopes on the bot's Socket Mode connection (a retry is `retry_attempt`/`retry_reason`). */
export function socketModeTransport(requester: SlackRequester): Transport {
  return ({ kind, body, retry }) =>
    requester.deliver(
      ENVELOPE_TYPES[kind],
      kind === "command" ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) : body,
      retry ? { retryNum: retry.num, retryReason: retry.reason } : {},
    );
}

/** The deliveries a fixture stands for (two for a redelivered event, with the same event_id). */
export function deliveries(fixture: SlackRequestFixture, body: Json): Delivery[] {
  const first: Delivery = { kind: fixture.kind, body, ...(fixture.retry ? { retry: fixture.retry } : {}) };
  return fixture.redeliver ? [first, { kind: fixture.kind, body, retry: fixture.redeliver }] : [first];
}
