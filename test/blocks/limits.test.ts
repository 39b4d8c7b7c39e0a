// Every message and view the bot builds stays within Slack's Block Kit limits, however much data.
import { checkinModal, checkinPrompt, checkinReminder } from "../../src/blocks/checkin";
import { digestMessages } from "../../src/blocks/digest";
import { homeView } from "../../src/blocks/home";
import { okrList } from "../../src/blocks/okrList";
import { retroParent, retroReply } from "../../src/blocks/retro";
import { buildDigest } from "../../src/domain/digest";
import { buildRetro } from "../../src/domain/retro";
import { parseCycleKey } from "../../src/domain/time";
import { validateBlocks, validateView } from "../../src/sandbox";
import { objectives, statuses } from "../helpers/okrFactory";

const cycle = parseCycleKey("2026-Q4", "UTC");
const NOW = new Date("2026-11-27T16:00:00Z");

describe.each([0, 1, 3, 60, 120])("with %i key results", (n) => {
  const krs = statuses(n);

  it("the check-in prompt, reminder and modal are valid", () => {
    expect(validateBlocks(checkinPrompt({ week: "2026-W48", keyResults: krs }).blocks, "message")).toEqual([]);
    expect(validateBlocks(checkinReminder({ week: "2026-W48", pending: krs }).blocks, "message")).toEqual([]);
    expect(validateView(checkinModal({ week: "2026-W48", keyResults: krs }), "modal")).toEqual([]);
  });

  it("the Home tab and /okr answers are valid", () => {
    expect(validateView(homeView({ cycleKey: "2026-Q4", week: "2026-W48", keyResults: krs }), "home")).toEqual([]);
    const list = okrList({ title: "Yours", cycleKey: "2026-Q4", week: "2026-W48", objectives: [{ title: "O", ownerSlackId: null, keyResults: krs }], empty: "none" });
    expect(validateBlocks(list.blocks, "message")).toEqual([]);
  });
});

describe.each([
  [1, 3],
  [20, 3],
  [40, 3],
  [12, 5],
])("a team with %i objectives × %i key results", (objectiveCount, krsEach) => {
  const objectiveFacts = objectives(objectiveCount, krsEach);

  it("gets a digest split into messages Slack accepts, with every key result in it", () => {
    const digest = buildDigest({ teamName: "Big", cycle, week: "2026-W48", now: NOW, timeZone: "UTC", objectives: objectiveFacts });
    const messages = digestMessages(digest);
    for (const m of messages) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(m.text.length).toBeGreaterThan(0);
    }
    const all = JSON.stringify(messages.map((m) => m.blocks));
    for (const o of objectiveFacts) for (const kr of o.keyResults) expect(all).toContain(`*#${kr.id} `);
    expect(all).not.toContain("<!channel>");
  });

  it("gets a retro whose parent and replies Slack accepts, even with long answers", () => {
    const long = "x".repeat(3500);
    const answers = new Map(objectiveFacts.flatMap((o) => o.keyResults).map((kr) => [kr.id, { score: null, worked: long, didnt: long, learned: long, carryForward: true }]));
    const retro = buildRetro({ teamName: "Big", cycleKey: "2026-Q4", finalWeek: "2026-W52", objectives: objectiveFacts, answers });
    expect(validateBlocks(retroParent(retro).blocks, "message")).toEqual([]);
    for (const item of retro.items) expect(validateBlocks(retroReply(item).blocks, "message")).toEqual([]);
  });
});
