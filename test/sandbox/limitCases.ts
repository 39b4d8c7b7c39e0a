/**
 * Block Kit limit cases shared by the pure validator tests and the Web API tests:
 * `build(n)` makes blocks at size n; at `limit` Slack accepts, at `limit + 1` it rejects.
 */
export type Surface = "message" | "modal" | "home";

export interface LimitCase {
  name: string;
  surface: Surface;
  limit: number;
  build: (n: number) => unknown[];
  /** Expected error message fragment at limit + 1. */
  expect: string;
}

const s = (n: number, ch = "x"): string => ch.repeat(n);
export const section = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "section",
  text: { type: "mrkdwn", text },
  ...extra,
});
export const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id: "btn",
  ...extra,
});
const opt = (i: number, text = `Option ${i}`) => ({ text: { type: "plain_text", text }, value: `v${i}` });
const opts = (n: number) => Array.from({ length: n }, (_, i) => opt(i));
const input = (element: Record<string, unknown>) => ({
  type: "input",
  block_id: "in",
  label: { type: "plain_text", text: "Label" },
  element: { action_id: "a", ...element },
});
const actions = (...elements: unknown[]) => [{ type: "actions", elements }];

export const LIMIT_CASES: LimitCase[] = [
  {
    name: "blocks per message",
    surface: "message",
    limit: 50,
    build: (n) => Array.from({ length: n }, () => ({ type: "divider" })),
    expect: "no more than 50 items allowed [json-pointer:/blocks]",
  },
  {
    name: "blocks per modal",
    surface: "modal",
    limit: 100,
    build: (n) => Array.from({ length: n }, () => ({ type: "divider" })),
    expect: "no more than 100 items allowed [json-pointer:/blocks]",
  },
  {
    name: "blocks per home tab",
    surface: "home",
    limit: 100,
    build: (n) => Array.from({ length: n }, () => ({ type: "divider" })),
    expect: "no more than 100 items allowed [json-pointer:/blocks]",
  },
  {
    name: "section text",
    surface: "message",
    limit: 3000,
    build: (n) => [section(s(n))],
    expect: "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
  },
  {
    name: "section fields count",
    surface: "message",
    limit: 10,
    build: (n) => [{ type: "section", fields: Array.from({ length: n }, () => ({ type: "mrkdwn", text: "f" })) }],
    expect: "no more than 10 items allowed [json-pointer:/blocks/0/fields]",
  },
  {
    name: "section field text",
    surface: "message",
    limit: 2000,
    build: (n) => [
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "a" },
          { type: "mrkdwn", text: s(n) },
        ],
      },
    ],
    expect: "must be less than 2001 characters [json-pointer:/blocks/0/fields/1/text]",
  },
  {
    name: "header text",
    surface: "message",
    limit: 150,
    build: (n) => [{ type: "header", text: { type: "plain_text", text: s(n) } }],
    expect: "must be less than 151 characters [json-pointer:/blocks/0/text/text]",
  },
  {
    name: "context elements",
    surface: "message",
    limit: 10,
    build: (n) => [{ type: "context", elements: Array.from({ length: n }, () => ({ type: "mrkdwn", text: "c" })) }],
    expect: "no more than 10 items allowed [json-pointer:/blocks/0/elements]",
  },
  {
    name: "actions elements",
    surface: "message",
    limit: 25,
    build: (n) => actions(...Array.from({ length: n }, (_, i) => button("B", { action_id: `b${i}` }))),
    expect: "no more than 25 items allowed [json-pointer:/blocks/0/elements]",
  },
  {
    name: "button text",
    surface: "message",
    limit: 75,
    build: (n) => actions(button(s(n))),
    expect: "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
  },
  {
    name: "button value",
    surface: "message",
    limit: 2000,
    build: (n) => actions(button("B", { value: s(n) })),
    expect: "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
  },
  {
    name: "button url",
    surface: "message",
    limit: 3000,
    build: (n) => actions(button("B", { url: `https://e.x/${s(n - 12)}` })),
    expect: "must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]",
  },
  {
    name: "action_id",
    surface: "message",
    limit: 255,
    build: (n) => actions(button("B", { action_id: s(n) })),
    expect: "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
  },
  {
    name: "block_id",
    surface: "message",
    limit: 255,
    build: (n) => [section("t", { block_id: s(n) })],
    expect: "must be less than 256 characters [json-pointer:/blocks/0/block_id]",
  },
  {
    name: "plain_text_input max_length",
    surface: "modal",
    limit: 3000,
    build: (n) => [input({ type: "plain_text_input", max_length: n })],
    expect: "[json-pointer:/blocks/0/element/max_length]",
  },
  {
    name: "static_select options",
    surface: "modal",
    limit: 100,
    build: (n) => [input({ type: "static_select", options: opts(n) })],
    expect: "no more than 100 items allowed [json-pointer:/blocks/0/element/options]",
  },
  {
    name: "option text",
    surface: "message",
    limit: 75,
    build: (n) => [section("t", { accessory: { type: "static_select", action_id: "s", options: [opt(0, s(n))] } })],
    expect: "must be less than 76 characters [json-pointer:/blocks/0/accessory/options/0/text/text]",
  },
  {
    name: "radio options",
    surface: "modal",
    limit: 10,
    build: (n) => [input({ type: "radio_buttons", options: opts(n) })],
    expect: "no more than 10 items allowed [json-pointer:/blocks/0/element/options]",
  },
  {
    name: "checkbox options",
    surface: "message",
    limit: 10,
    build: (n) => actions({ type: "checkboxes", action_id: "c", options: opts(n) }),
    expect: "no more than 10 items allowed [json-pointer:/blocks/0/elements/0/options]",
  },
];
