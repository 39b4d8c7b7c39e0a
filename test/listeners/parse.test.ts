import { IDS } from "../../src/blocks/ids";
import { NOTE_MAX_LENGTH } from "../../src/blocks/checkin";
import { parseOkrCommand } from "../../src/listeners/commands/parseOkrCommand";
import { parseCheckinSubmission } from "../../src/listeners/views/parseCheckinSubmission";

describe("parseOkrCommand", () => {
  it.each([
    ["", { name: "mine" }],
    ["   ", { name: "mine" }],
    ["help", { name: "help" }],
    ["HELP", { name: "help" }],
    ["checkin", { name: "checkin" }],
    ["check-in", { name: "checkin" }],
    ["team Platform", { name: "team", team: "Platform" }],
    ["team  Data   Science ", { name: "team", team: "Data Science" }],
    ["team", { name: "usage", problem: "Which team? For example `/okr team Platform`." }],
    ["frobnicate now", { name: "unknown", input: "frobnicate", suggestion: null }],
    ["tem Platform", { name: "unknown", input: "tem", suggestion: "team" }],
    ["chekin", { name: "unknown", input: "chekin", suggestion: "checkin" }],
    ["<@U0ALICE|alice>", { name: "person", slackUserId: "U0ALICE" }],
    ["<@U0ALICE>", { name: "person", slackUserId: "U0ALICE" }],
    ["show 12", { name: "show", ref: "12" }],
    [
      "show",
      {
        name: "usage",
        problem:
          "Which key result? Give its number or words from its title, e.g. `/okr show 12` or `/okr show incidents`.",
      },
    ],
    ["archive #12", { name: "archive", ref: "#12" }],
    ["digest", { name: "digest", team: null }],
    ["digest Data Science", { name: "digest", team: "Data Science" }],
    ["away 2026-12-31", { name: "away", until: "2026-12-31" }],
    ["back", { name: "back" }],
    ["team settings Platform", { name: "team_settings", team: "Platform" }],
    ["team create Data Science", { name: "team_create", team: "Data Science" }],
    ["team create", { name: "team_create", team: "" }],
    ["new", { name: "new", team: null }],
    ["new Platform", { name: "new", team: "Platform" }],
    ["edit 12", { name: "edit", ref: "12" }],
    ["edit", { name: "usage", problem: "Which key result? For example `/okr edit 12` or `/okr edit checkout`." }],
    ["team settings", { name: "usage", problem: "Which team? For example `/okr team settings Platform`." }],
  ])("%j", (text, expected) => {
    expect(parseOkrCommand(text)).toEqual(expected);
  });
});

describe("parseCheckinSubmission", () => {
  const state = (id: number, value: string | null, confidence: string | null, note: string | null = null) => ({
    [`${IDS.checkinBlocks.value}${id}`]: { value: { type: "plain_text_input", value } },
    [`${IDS.checkinBlocks.confidence}${id}`]: {
      confidence: { type: "static_select", selected_option: confidence ? { value: confidence } : null },
    },
    [`${IDS.checkinBlocks.note}${id}`]: { note: { type: "plain_text_input", value: note } },
  });

  it("reads values people type, with a note and an evidence link", () => {
    const parsed = parseCheckinSubmission({
      ...state(1, " 1,234.5 ", "at_risk", "  slow week  "),
      [`${IDS.checkinBlocks.evidence}1`]: {
        evidence: { type: "url_text_input", value: "https://grafana.example.com/d/abc?from=now-7d" },
      },
      ...state(2, "97%", "on_track"),
    });
    expect(parsed).toMatchObject({
      ok: true,
      entries: [
        {
          keyResultId: 1,
          value: 1234.5,
          confidence: "at_risk",
          note: "slow week",
          evidenceUrl: "https://grafana.example.com/d/abc?from=now-7d",
        },
        { keyResultId: 2, value: 97, confidence: "on_track", note: null, evidenceUrl: null },
      ],
    });
  });

  it("reads the confirmation of a big jump, and keeps what was typed as a draft", () => {
    const parsed = parseCheckinSubmission({
      ...state(4, "800", "on_track"),
      [`${IDS.checkinBlocks.confirm}4`]: { confirm: { type: "checkboxes", selected_options: [{ value: "yes" }] } },
    });
    expect(parsed.ok && [...parsed.confirmed]).toEqual([4]);
    expect(parsed.ok && parsed.drafts.get(4)).toEqual({
      value: "800",
      confidence: "on_track",
      note: null,
      evidenceUrl: null,
    });
  });

  it.each([
    ["not a number", state(3, "12 apples", "on_track"), { kr_value_3: "Enter a number, e.g. 42 or 97.5." }],
    ["empty value", state(3, "", "on_track"), { kr_value_3: "Enter the current value." }],
    ["no confidence", state(3, "4", null), { kr_confidence_3: "Pick how confident you are." }],
    [
      "a note too long",
      state(3, "4", "off_track", "x".repeat(NOTE_MAX_LENGTH + 1)),
      { kr_note_3: `Keep the note under ${NOTE_MAX_LENGTH} characters (it has ${NOTE_MAX_LENGTH + 1}).` },
    ],
    ["a forged confidence", state(3, "4", "certain"), { kr_confidence_3: "Pick how confident you are." }],
    [
      "an evidence link that is not http(s)",
      {
        ...state(3, "4", "on_track"),
        kr_evidence_3: { evidence: { type: "url_text_input", value: "javascript:alert(1)" } },
      },
      { kr_evidence_3: "Enter a link starting with https:// (or leave it empty)." },
    ],
    [
      "an evidence link that would break out of a Slack link",
      {
        ...state(3, "4", "on_track"),
        kr_evidence_3: { evidence: { type: "url_text_input", value: "https://x.example/a|Q3 report" } },
      },
      { kr_evidence_3: "Enter a link starting with https:// (or leave it empty)." },
    ],
  ])("answers %s with a field error", (_what, values, errors) => {
    expect(parseCheckinSubmission(values)).toEqual({ ok: false, errors });
  });

  it("refuses a payload that is not a check-in form", () => {
    expect(parseCheckinSubmission({})).toEqual({ ok: false, errors: {} });
    expect(parseCheckinSubmission("nope")).toEqual({ ok: false, errors: {} });
    expect(parseCheckinSubmission({ kr_value_abc: { value: { type: "x", value: "1" } } })).toEqual({
      ok: false,
      errors: {},
    });
  });
});
