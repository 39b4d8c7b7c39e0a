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
    ["frobnicate now", { name: "unknown", input: "frobnicate" }],
  ])("%j", (text, expected) => {
    expect(parseOkrCommand(text)).toEqual(expected);
  });
});

describe("parseCheckinSubmission", () => {
  const state = (id: number, value: string | null, confidence: string | null, note: string | null = null) => ({
    [`${IDS.checkinBlocks.value}${id}`]: { value: { type: "plain_text_input", value } },
    [`${IDS.checkinBlocks.confidence}${id}`]: { confidence: { type: "static_select", selected_option: confidence ? { value: confidence } : null } },
    [`${IDS.checkinBlocks.note}${id}`]: { note: { type: "plain_text_input", value: note } },
  });

  it("reads values people type, with a note", () => {
    expect(parseCheckinSubmission({ ...state(1, " 1,234.5 ", "at_risk", "  slow week  "), ...state(2, "97%", "on_track") })).toEqual({
      ok: true,
      entries: [
        { keyResultId: 1, value: 1234.5, confidence: "at_risk", note: "slow week" },
        { keyResultId: 2, value: 97, confidence: "on_track", note: null },
      ],
    });
  });

  it.each([
    ["not a number", state(3, "12 apples", "on_track"), { kr_value_3: "Enter a number, e.g. 42 or 97.5." }],
    ["empty value", state(3, "", "on_track"), { kr_value_3: "Enter the current value." }],
    ["no confidence", state(3, "4", null), { kr_confidence_3: "Pick how confident you are." }],
    ["a note too long", state(3, "4", "off_track", "x".repeat(NOTE_MAX_LENGTH + 1)), { kr_note_3: `Keep the note under ${NOTE_MAX_LENGTH} characters (it has ${NOTE_MAX_LENGTH + 1}).` }],
    ["a forged confidence", state(3, "4", "certain"), { kr_confidence_3: "Pick how confident you are." }],
  ])("answers %s with a field error", (_what, values, errors) => {
    expect(parseCheckinSubmission(values)).toEqual({ ok: false, errors });
  });

  it("refuses a payload that is not a check-in form", () => {
    expect(parseCheckinSubmission({})).toEqual({ ok: false, errors: {} });
    expect(parseCheckinSubmission("nope")).toEqual({ ok: false, errors: {} });
    expect(parseCheckinSubmission({ kr_value_abc: { value: { type: "x", value: "1" } } })).toEqual({ ok: false, errors: {} });
  });
});
