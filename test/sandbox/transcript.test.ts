import { findPings, renderBlocksAsText, renderTranscript, type SlackSandbox } from "../../src/sandbox";
import { startSandbox, webClient } from "./support";

describe("renderBlocksAsText", () => {
  test("headers, sections, fields, context, buttons and inputs read like Slack", () => {
    const text = renderBlocksAsText([
      { type: "header", text: { type: "plain_text", text: "Weekly digest" } },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Ship the bot* — 70%" },
        accessory: { type: "button", text: { type: "plain_text", text: "Open" }, action_id: "o" },
      },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "*Owner*" },
          { type: "mrkdwn", text: "*Confidence*" },
          { type: "plain_text", text: "alice" },
          { type: "plain_text", text: "High" },
        ],
      },
      { type: "divider" },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Updated 2 days ago" },
          { type: "image", image_url: "https://x/y.png", alt_text: "avatar" },
        ],
      },
      {
        type: "actions",
        elements: [
          { type: "button", text: { type: "plain_text", text: "Check in" }, action_id: "a" },
          {
            type: "static_select",
            action_id: "s",
            placeholder: { type: "plain_text", text: "Confidence" },
            options: [],
          },
          { type: "checkboxes", action_id: "c", options: [{ text: { type: "plain_text", text: "Done" }, value: "d" }] },
        ],
      },
      {
        type: "input",
        label: { type: "plain_text", text: "Note" },
        element: { type: "plain_text_input", action_id: "n" },
        hint: { type: "plain_text", text: "Optional detail" },
      },
    ]);
    expect(text).toBe(
      [
        "# Weekly digest",
        "*Ship the bot* — 70%",
        "  [ Open ]",
        `${"*Owner*".padEnd(38)}  *Confidence*`,
        `${"alice".padEnd(38)}  High`,
        "────────────────────────────────",
        "  · Updated 2 days ago  [avatar]",
        "[ Check in ]  [ Confidence ▾ ]",
        "[ ] Done",
        "Note: ______",
        "  · Optional detail",
      ].join("\n"),
    );
    expect(text).not.toMatch(/[{}"]/);
  });

  test("long fields become bullets; no blocks falls back to text", () => {
    const long = "x".repeat(50);
    expect(
      renderBlocksAsText([
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: long },
            { type: "mrkdwn", text: "b" },
          ],
        },
      ]),
    ).toBe(`• ${long}\n• b`);
    expect(renderBlocksAsText(undefined, "plain fallback")).toBe("plain fallback");
    expect(renderBlocksAsText([], "plain fallback")).toBe("plain fallback");
  });
});

describe("findPings", () => {
  test("broadcast mentions in text or mrkdwn blocks (not plain_text); bare @here only with link_names", () => {
    expect(findPings({ text: "note: <!channel> hi" })).toEqual(["@channel"]);
    expect(findPings({ text: "safe &lt;!here&gt;" })).toEqual([]);
    const fields = [
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: "<!here|here>" },
          { type: "plain_text", text: "<!everyone>" },
        ],
      },
    ];
    expect(findPings({ text: "", blocks: fields })).toEqual(["@here"]);
    expect(findPings({ text: "hey @everyone" })).toEqual([]);
    expect(findPings({ text: "hey @everyone", args: { link_names: true } })).toEqual(["@everyone"]);
  });
});

describe("renderTranscript", () => {
  let sandbox: SlackSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  test("per person (DM, ephemeral, home, modal) then per channel with threads", async () => {
    const client = webClient(sandbox);
    await client.chat.postMessage({ channel: "UALICE", text: "Time for your weekly check-in" });
    await client.chat.postEphemeral({ channel: "C1", user: "UALICE", text: "Only for you" });
    await client.views.publish({
      user_id: "UALICE",
      view: { type: "home", blocks: [{ type: "header", text: { type: "plain_text", text: "Your OKRs" } }] },
    });
    await client.views.open({
      trigger_id: sandbox.issueTriggerId("UALICE"),
      view: {
        type: "modal",
        title: { type: "plain_text", text: "Check-in" },
        submit: { type: "plain_text", text: "Save" },
        blocks: [
          {
            type: "input",
            label: { type: "plain_text", text: "Progress" },
            element: { type: "plain_text_input", action_id: "p" },
          },
        ],
      },
    });
    const parent = await client.chat.postMessage({
      channel: "C1",
      text: "Digest",
      blocks: [{ type: "header", text: { type: "plain_text", text: "Team digest" } }],
    });
    await client.chat.postMessage({ channel: "C1", text: "Details in thread", thread_ts: parent.ts ?? "" });

    const t = renderTranscript(sandbox);
    const alice = t.slice(t.indexOf("═══ alice (UALICE) ═══"), t.indexOf("═══ #C1 ═══"));
    expect(alice).toContain("DM:");
    expect(alice).toContain("okr-bot:\n      Time for your weekly check-in");
    expect(alice).toContain("Only visible to you in #C1");
    expect(alice).toContain("Home tab:\n  # Your OKRs");
    expect(alice).toContain("┌ Check-in (open)");
    expect(alice).toContain("│ Progress: ______");
    expect(alice).toContain("└ [ Cancel ]  [ Save ]");
    const channel = t.slice(t.indexOf("═══ #C1 ═══"));
    expect(channel).toMatch(/\] okr-bot:\n {4}# Team digest\n {4}↳ \[[\d: -]+UTC\] okr-bot:\n {8}Details in thread/);
    expect(t).not.toContain("bob");
    expect(t).not.toMatch(/"type"/);
  });
});
