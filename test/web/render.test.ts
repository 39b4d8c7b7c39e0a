import fs from "node:fs";
import path from "node:path";
import {
  KNOWN_BLOCK_TYPES,
  KNOWN_ELEMENT_TYPES,
  KNOWN_TEXT_TYPES,
  renderBlocks,
  renderModal,
  type RenderContext,
} from "../../src/sandbox/web/render";
import { mrkdwnToHtml } from "../../src/sandbox/web/mrkdwn";

const ctx: RenderContext = {
  user: (id) => ({ U0ALICE: "alice", U0BOB: "bob" })[id] ?? id,
  channel: (id) => ({ C0PLATFORM: "platform" })[id] ?? id,
  people: [
    { id: "U0ALICE", name: "alice" },
    { id: "U0BOB", name: "bob" },
  ],
  channels: [{ id: "C0PLATFORM", name: "platform" }],
};
const md = (text: string) => mrkdwnToHtml(text, ctx);
const one = (block: Record<string, unknown>) => renderBlocks([block], ctx);
const plain = (text: string) => ({ type: "plain_text", text });

describe("mrkdwn", () => {
  it("bold, italic, strike and code", () => {
    expect(md("*bold* _it_ ~gone~ `x < 1`")).toBe(
      "<strong>bold</strong> <em>it</em> <del>gone</del> <code>x &lt; 1</code>",
    );
  });
  it("leaves snake_case and a lone star alone", () => {
    expect(md("snake_case_name 2 * 3")).toBe("snake_case_name 2 * 3");
  });
  it("mentions and channels by name, links with their label, unsafe links as text", () => {
    expect(md("<@U0ALICE> in <#C0PLATFORM> <https://ex.com/a?b=1&amp;c=2|the doc>")).toBe(
      '<span class="mention">@alice</span> in <span class="mention">#platform</span> <a href="https://ex.com/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">the doc</a>',
    );
    expect(md("<javascript:alert(1)|x>")).toBe("&lt;javascript:alert(1)|x&gt;");
  });
  it("quotes, bullet and numbered lists, code blocks, line breaks", () => {
    expect(md("> a\n> b\nafter")).toBe("<blockquote>a<br>b</blockquote>after");
    expect(md("&gt; escaped quote")).toBe("<blockquote>escaped quote</blockquote>");
    expect(md("• one\n• *two*")).toBe("<ul><li>one</li><li><strong>two</strong></li></ul>");
    expect(md("1. a\n2. b")).toBe("<ol><li>a</li><li>b</li></ol>");
    expect(md("```let <x>```")).toBe("<pre>let &lt;x&gt;</pre>");
    expect(md("a\nb")).toBe("a<br>b");
  });
  it("the emoji the bot writes as characters; unknown shortcodes as typed", () => {
    expect(md(":white_check_mark: :dart: :no_such_emoji:")).toBe(
      '<span class="emoji" title=":white_check_mark:">✅</span> <span class="emoji" title=":dart:">🎯</span> :no_such_emoji:',
    );
  });
  it("every shortcode in the builders' and services' sentences has a character", () => {
    const used = new Set<string>();
    for (const dir of ["src/blocks", "src/services", "src/domain"]) {
      for (const f of fs.readdirSync(dir)) {
        if (!f.endsWith(".ts")) continue;
        for (const m of fs.readFileSync(path.join(dir, f), "utf8").matchAll(/"[^"\n]*?(:[a-z_]+:)/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((code) => md(code) === code);
    expect(missing).toEqual([]);
  });
  it("escapes user text: HTML never passes through", () => {
    expect(md('<img src=x onerror="alert(1)"> & "q" \'s')).not.toMatch(/<img|onerror="/);
    expect(md("*<script>*")).toBe("<strong>&lt;script&gt;</strong>");
    expect(md("<@U0X|<b>name</b>>")).not.toContain("<b>");
  });
});

describe("blocks", () => {
  it("header: plain text, escaped", () => {
    expect(one({ type: "header", text: plain("Q4 <OKRs>") })).toBe('<h3 class="block header">Q4 &lt;OKRs&gt;</h3>');
  });
  it("section: mrkdwn text, fields and an accessory button", () => {
    const html = one({
      type: "section",
      block_id: "s1",
      text: { type: "mrkdwn", text: "*Due* <@U0BOB>" },
      fields: [{ type: "mrkdwn", text: "_a_" }, plain("b & c")],
      accessory: { type: "button", action_id: "open", value: "2026-W48", style: "primary", text: plain("Check in") },
    });
    expect(html).toContain('<div class="text"><strong>Due</strong> <span class="mention">@bob</span></div>');
    expect(html).toContain(
      '<div class="fields"><div class="field"><em>a</em></div><div class="field">b &amp; c</div></div>',
    );
    expect(html).toContain(
      '<button type="button" class="btn btn-primary" data-block-id="s1" data-action-id="open" data-type="button" data-value="2026-W48">Check in</button>',
    );
  });
  it("divider", () => {
    expect(one({ type: "divider" })).toBe('<hr class="block divider">');
  });
  it("context: text and images", () => {
    const html = one({
      type: "context",
      elements: [
        { type: "mrkdwn", text: "week *2*" },
        { type: "image", image_url: "https://ex.com/i.png", alt_text: "icon" },
      ],
    });
    expect(html).toBe(
      '<div class="block context"><span>week <strong>2</strong></span><img class="context-image" src="https://ex.com/i.png" alt="icon"></div>',
    );
  });
  it("image block with title; only http(s) and the sandbox's files as sources", () => {
    expect(one({ type: "image", image_url: "https://ex.com/c.png", alt_text: "chart", title: plain("Progress") })).toBe(
      '<figure class="block image"><div class="image-title">Progress</div><img class="block-image" src="https://ex.com/c.png" alt="chart"></figure>',
    );
    expect(one({ type: "image", image_url: "javascript:alert(1)", alt_text: "x" })).toContain('src=""');
  });
  it("actions: buttons with styles, a static select, an overflow, a date picker", () => {
    const html = one({
      type: "actions",
      block_id: "a1",
      elements: [
        { type: "button", action_id: "ok", text: plain("OK"), style: "primary" },
        { type: "button", action_id: "del", text: plain("Delete"), style: "danger" },
        { type: "button", action_id: "plain", text: plain("Later") },
        {
          type: "static_select",
          action_id: "pick",
          placeholder: plain("Pick one"),
          options: [{ text: plain("A"), value: "a" }],
          initial_option: { text: plain("A"), value: "a" },
        },
        { type: "overflow", action_id: "more", options: [{ text: plain("Archive"), value: "archive" }] },
        { type: "datepicker", action_id: "day", initial_date: "2026-12-16" },
      ],
    });
    expect(html).toContain('class="btn btn-primary"');
    expect(html).toContain('class="btn btn-danger"');
    expect(html).toContain(
      '<button type="button" class="btn" data-block-id="a1" data-action-id="plain" data-type="button">Later</button>',
    );
    expect(html).toContain(
      'aria-label="Pick one"><option value="">Pick one</option><option value="a" selected>A</option></select>',
    );
    expect(html).toContain(
      'aria-label="More actions" data-block-id="a1" data-action-id="more" data-type="overflow"><option value="" selected disabled>⋯</option><option value="archive">Archive</option>',
    );
    expect(html).toContain(
      '<input type="date" id="f-a1--day" data-block-id="a1" data-action-id="day" data-type="datepicker" value="2026-12-16" aria-label="Date">',
    );
  });
  it("rich_text: styles, links, mentions, lists", () => {
    const html = one({
      type: "rich_text",
      elements: [
        {
          type: "rich_text_section",
          elements: [
            { type: "text", text: "hi ", style: { bold: true } },
            { type: "user", user_id: "U0ALICE" },
          ],
        },
        {
          type: "rich_text_list",
          style: "bullet",
          elements: [{ type: "rich_text_section", elements: [{ type: "link", url: "https://ex.com", text: "x" }] }],
        },
      ],
    });
    expect(html).toBe(
      '<div class="block rich-text"><strong>hi </strong><span class="mention">@alice</span><ul><li><a href="https://ex.com" target="_blank" rel="noopener noreferrer">x</a></li></ul></div>',
    );
  });
  it("markdown block", () => {
    expect(one({ type: "markdown", text: "*b*" })).toBe('<div class="block markdown"><strong>b</strong></div>');
  });
  it("an unknown block or element is shown as unsupported, not dropped", () => {
    expect(one({ type: "video" })).toContain("Unsupported block: video");
    expect(one({ type: "actions", elements: [{ type: "workflow_button" }] })).toContain(
      "Unsupported element: workflow_button",
    );
  });
});

describe("inputs", () => {
  const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    renderBlocks(
      [{ type: "input", block_id: "b", label: plain("Label"), element: { action_id: "a", ...element }, ...extra }],
      ctx,
    );

  it("a select in an input block with dispatch_action is marked to send its pick; a text input is not", () => {
    const select = { type: "static_select", options: [{ text: plain("One"), value: "1" }] };
    expect(input(select, { dispatch_action: true })).toContain("data-field data-dispatch");
    expect(input(select)).not.toContain("data-dispatch");
    expect(input({ type: "plain_text_input" }, { dispatch_action: true })).not.toContain("data-dispatch");
  });

  it("plain_text_input: label for the control, placeholder, initial value, required unless optional, hint", () => {
    const html = input(
      { type: "plain_text_input", placeholder: plain("A number"), initial_value: "4 < 5" },
      { hint: plain("Hint & more") },
    );
    expect(html).toContain('<label class="label" for="f-b--a">Label</label>');
    expect(html).toContain(
      '<input type="text" id="f-b--a" data-block-id="b" data-action-id="a" data-type="plain_text_input" data-field placeholder="A number" required value="4 &lt; 5">',
    );
    expect(html).toContain('<div class="hint">Hint &amp; more</div>');
    expect(input({ type: "plain_text_input" }, { optional: true })).toContain(
      '<span class="optional">(optional)</span>',
    );
    expect(input({ type: "plain_text_input" }, { optional: true })).not.toContain("required");
  });
  it("multiline plain_text_input is a textarea with its max length", () => {
    expect(
      input({ type: "plain_text_input", multiline: true, max_length: 2000, initial_value: "</textarea>" }),
    ).toContain('maxlength="2000" required rows="3">&lt;/textarea&gt;</textarea>');
  });
  it("url, email and number inputs", () => {
    expect(input({ type: "url_text_input" })).toContain('<input type="url"');
    expect(input({ type: "email_text_input" })).toContain('<input type="email"');
    expect(input({ type: "number_input", is_decimal_allowed: true, min_value: "0" })).toMatch(
      /<input type="number" [^>]*min="0" step="any"/,
    );
  });
  it("static_select with its initial option; multi_static_select", () => {
    const opts = [
      { text: plain("On track"), value: "on_track" },
      { text: plain("At risk"), value: "at_risk" },
    ];
    const html = input({ type: "static_select", options: opts, initial_option: opts[1] });
    expect(html).toContain('<option value="at_risk" selected>At risk</option>');
    expect(html).toContain("required");
    expect(input({ type: "multi_static_select", options: opts, initial_options: opts })).toMatch(
      /multiple[^>]*>.*on_track" selected.*at_risk" selected/,
    );
  });
  it("users and conversations selects offer the workspace's people and channels", () => {
    expect(input({ type: "users_select", initial_user: "U0BOB" })).toContain(
      '<option value="U0BOB" selected>bob</option>',
    );
    expect(input({ type: "multi_users_select", initial_users: ["U0ALICE"] })).toContain(
      '<option value="U0ALICE" selected>alice</option>',
    );
    expect(input({ type: "conversations_select" })).toContain('<option value="C0PLATFORM">#platform</option>');
    expect(input({ type: "channels_select", initial_channel: "C0PLATFORM" })).toContain(
      '<option value="C0PLATFORM" selected>#platform</option>',
    );
  });
  it("checkboxes and radio buttons: a labelled group, one labelled input per option", () => {
    const opts = [
      { text: plain("Yes"), value: "yes" },
      { text: plain("No"), value: "no" },
    ];
    const boxes = input({ type: "checkboxes", options: opts, initial_options: [opts[0]] });
    expect(boxes).toContain('role="group" aria-labelledby="f-b--a-label"');
    expect(boxes).toContain(
      '<input type="checkbox" id="f-b--a-0" name="f-b--a" value="yes" checked><label for="f-b--a-0">Yes</label>',
    );
    expect(input({ type: "radio_buttons", options: opts, initial_option: opts[1] })).toContain(
      '<input type="radio" id="f-b--a-1" name="f-b--a" value="no" checked>',
    );
  });
  it("date and time pickers", () => {
    expect(input({ type: "datepicker", initial_date: "2026-12-01" })).toContain('<input type="date" id="f-b--a"');
    expect(input({ type: "timepicker", initial_time: "09:00" })).toContain(
      'type="time" id="f-b--a" data-block-id="b" data-action-id="a" data-type="timepicker" data-field value="09:00" required>',
    );
  });
  it("a modal: title, field errors under their field, Close and Submit", () => {
    const html = renderModal(
      {
        id: "V1",
        view: {
          type: "modal",
          title: plain("Weekly check-in"),
          submit: plain("Save"),
          close: plain("Cancel"),
          blocks: [
            {
              type: "input",
              block_id: "v",
              label: plain("New value"),
              element: { type: "plain_text_input", action_id: "a" },
            },
          ],
        },
        errors: { v: "Please type a number <like 42>" },
      },
      ctx,
    );
    expect(html).toContain('<h2 id="modal-title">Weekly check-in</h2>');
    expect(html).toContain('class="block input has-error"');
    expect(html).toContain('<div class="field-error" role="alert">Please type a number &lt;like 42&gt;</div>');
    expect(html).toContain(
      '<button type="button" class="btn" data-close-view>Cancel</button><button type="submit" class="btn btn-primary">Save</button>',
    );
  });

  it("a modal without submit (a confirmation) has only its close button", () => {
    const html = renderModal(
      { id: "V2", view: { type: "modal", title: plain("Retro"), close: plain("Close"), blocks: [] } },
      ctx,
    );
    expect(html).toContain(
      '<div class="modal-buttons"><button type="button" class="btn" data-close-view>Close</button></div>',
    );
  });
});

describe("every type the bot's builders emit is known to the renderer", () => {
  // The builders write Block Kit as object literals: every `type: "…"` in src/blocks is a block,
  // element, text or view type the bot sends.
  const emitted = new Set<string>();
  for (const f of fs.readdirSync("src/blocks")) {
    if (!f.endsWith(".ts")) continue;
    for (const m of fs.readFileSync(path.join("src/blocks", f), "utf8").matchAll(/\btype: "([a-z_]+)"/g))
      emitted.add(m[1]!);
  }
  const known = new Set<string>([...KNOWN_BLOCK_TYPES, ...KNOWN_ELEMENT_TYPES, ...KNOWN_TEXT_TYPES, "modal", "home"]);

  it("finds the builders' types", () => {
    expect([...emitted]).toEqual(expect.arrayContaining(["section", "button", "input", "static_select", "checkboxes"]));
  });
  it.each([...emitted].sort())("%s", (type) => {
    expect(known.has(type)).toBe(true);
  });
  it.each([...KNOWN_ELEMENT_TYPES])("element %s renders as itself, not as unsupported", (type) => {
    const html = renderBlocks(
      [{ type: "actions", elements: [{ type, action_id: "x", text: plain("t"), options: [] }] }],
      ctx,
    );
    expect(html).not.toContain("Unsupported");
  });
  it.each([...KNOWN_BLOCK_TYPES])("block %s renders as itself, not as unsupported", (type) => {
    expect(
      renderBlocks([{ type, text: plain("t"), elements: [], element: { type: "plain_text_input" } }], ctx),
    ).not.toContain("Unsupported");
  });
});
