import { blocksTextLength, validateBlocks, validateView } from "../../src/sandbox";
import { button, LIMIT_CASES, section } from "./limitCases";

describe("validateBlocks limits", () => {
  test.each(LIMIT_CASES)(
    "$name: ok at $limit, rejected at limit + 1",
    ({ surface, limit, build, expect: fragment }) => {
      expect(validateBlocks(build(limit), surface)).toEqual([]);
      const errors = validateBlocks(build(limit + 1), surface);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join("\n")).toContain(fragment);
      for (const e of errors) expect(e).toMatch(/^\[ERROR\] .+ \[json-pointer:\/[^\]]*\]$/);
    },
  );

  test("Slack's exact message for a too-long section", () => {
    expect(validateBlocks([section("x".repeat(3001))], "message")).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  test("block_ids must be unique within a message or view", () => {
    const blocks = [section("a", { block_id: "same" }), section("b", { block_id: "same" })];
    expect(validateBlocks(blocks, "message").join()).toContain("duplicate block_id");
    expect(validateBlocks(blocks, "modal").join()).toContain("[json-pointer:/blocks/1/block_id]");
  });

  test("input blocks only in views", () => {
    const blocks = [
      {
        type: "input",
        label: { type: "plain_text", text: "Note" },
        element: { type: "plain_text_input", action_id: "n" },
      },
    ];
    expect(validateBlocks(blocks, "modal")).toEqual([]);
    expect(validateBlocks(blocks, "home")).toEqual([]);
    expect(validateBlocks(blocks, "message").join()).toContain("input blocks are only allowed");
  });

  test("structural mistakes Slack rejects", () => {
    expect(validateBlocks([{ type: "section" }], "message").join()).toContain("either text or fields");
    expect(validateBlocks([section("")], "message").join()).toContain("must be more than 0 characters");
    expect(validateBlocks([{ type: "header", text: { type: "mrkdwn", text: "*h*" } }], "message").join()).toContain(
      "plain_text",
    );
    expect(validateBlocks([{ type: "bogus" }], "message").join()).toContain("unsupported block type");
    expect(validateBlocks("nope", "message")).toEqual(["[ERROR] must be an array [json-pointer:/blocks]"]);
    expect(
      validateBlocks(
        [{ type: "actions", elements: [button("a", { action_id: "x" }), button("b", { action_id: "x" })] }],
        "message",
      ).join(),
    ).toContain("duplicate action_id");
    const select = {
      type: "static_select",
      action_id: "s",
      options: [{ text: { type: "plain_text", text: "A" }, value: "a" }],
      initial_option: { text: { type: "plain_text", text: "B" }, value: "b" },
    };
    expect(validateBlocks([section("t", { accessory: select })], "message").join()).toContain("initial_option");
    expect(
      validateBlocks([{ type: "actions", elements: [{ type: "plain_text_input", action_id: "p" }] }], "home").join(),
    ).toContain("only allowed in input blocks");
  });

  test("blocksTextLength counts every text object", () => {
    expect(
      blocksTextLength([
        section("abc", { accessory: button("de") }),
        { type: "header", text: { type: "plain_text", text: "f" } },
      ]),
    ).toBe(6);
  });
});

describe("validateView", () => {
  const modal = (over: Record<string, unknown> = {}) => ({
    type: "modal",
    title: { type: "plain_text", text: "t".repeat(24) },
    submit: { type: "plain_text", text: "s".repeat(24) },
    close: { type: "plain_text", text: "c".repeat(24) },
    callback_id: "c".repeat(255),
    private_metadata: "m".repeat(3000),
    blocks: [section("hi")],
    ...over,
  });

  test("at the limits is valid", () => {
    expect(validateView(modal())).toEqual([]);
  });

  test.each([
    [
      "title",
      { title: { type: "plain_text", text: "t".repeat(25) } },
      "must be less than 25 characters [json-pointer:/view/title/text]",
    ],
    ["submit", { submit: { type: "plain_text", text: "s".repeat(25) } }, "[json-pointer:/view/submit/text]"],
    ["close", { close: { type: "plain_text", text: "c".repeat(25) } }, "[json-pointer:/view/close/text]"],
    [
      "callback_id",
      { callback_id: "c".repeat(256) },
      "must be less than 256 characters [json-pointer:/view/callback_id]",
    ],
    [
      "private_metadata",
      { private_metadata: "m".repeat(3001) },
      "must be less than 3001 characters [json-pointer:/view/private_metadata]",
    ],
    ["blocks", { blocks: [section("x".repeat(3001))] }, "[json-pointer:/view/blocks/0/text/text]"],
    ["missing title", { title: undefined }, "[json-pointer:/view/title]"],
  ])("%s over the limit", (_name, over, fragment) => {
    expect(validateView(modal(over)).join("\n")).toContain(fragment);
  });

  test("input blocks need a submit button", () => {
    const blocks = [{ type: "input", label: { type: "plain_text", text: "L" }, element: { type: "plain_text_input" } }];
    expect(validateView(modal({ blocks, submit: undefined })).join()).toContain("/view/submit");
  });

  test("views.publish takes home views only", () => {
    expect(validateView({ type: "home", blocks: [] }, "home")).toEqual([]);
    expect(validateView(modal(), "home").join()).toContain("must be a home view");
  });
});
