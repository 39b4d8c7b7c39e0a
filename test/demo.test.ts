import { runDemo } from "../src/demo/runDemo";

describe("npm run demo", () => {
  it("plays a whole cycle and prints what each person and channel saw", async () => {
    const lines: string[] = [];
    expect(await runDemo({ out: (l) => lines.push(l) })).toBe(0);
    const output = lines.join("\n");
    for (const expected of [
      'okr-bot job checkins → {"sent":2',
      "the modal answers with field errors: Enter a number",
      'okr-bot job reminders → {"sent":1',
      'okr-bot job digest → {"posted":2',
      'okr-bot job retro → {"threads":2,"alreadyPosted":0,"replies":6',
      "═══ #C0PLATFORM ═══",
      "# Platform · OKR digest",
      "*Checked in ✓*",
      "retrospective",
      "*Average score:",
      "Not checked in yet (1):* <@U0EVE>",
    ]) {
      expect(output).toContain(expected);
    }
    expect(output).not.toMatch(/"type":|invalid_blocks|Error/);
  });
});
