// Every message and view the bot builds stays within Slack's Block Kit limits, however much data.
import { checkinModal, checkinPrompt, checkinReminder } from "../../src/blocks/checkin";
import { digestMessages } from "../../src/blocks/digest";
import { homeView } from "../../src/blocks/home";
import { okrList } from "../../src/blocks/okrList";
import { retroParent, retroReply } from "../../src/blocks/retro";
import { buildDigest } from "../../src/domain/digest";
import { buildRetro } from "../../src/domain/retro";
import { parseCycleKey } from "../../src/domain/time";
import { blocksTextLength, findPings, LIMITS, validateBlocks as validateBlockList, validateView } from "../../src/sandbox";
import { objectives, statuses } from "../helpers/okrFactory";

const cycle = parseCycleKey("2026-Q4", "UTC");

/** What Slack checks on a message: each block, and the total text (msg_blocks_too_long). */
function validateBlocks(blocks: unknown, surface: "message"): string[] {
  const errors = validateBlockList(blocks, surface);
  if (blocksTextLength(blocks) > LIMITS.messageBlocksTotalText) errors.push("msg_blocks_too_long");
  return errors;
}
const NOW = new Date("2026-11-27T16:00:00Z");

describe.each([
  [0, "long"],
  [1, "long"],
  [3, "long"],
  [60, "long"],
  [120, "long"],
  [60, "short"],
  [120, "short"],
] as const)("with %i key results with %s texts", (n, texts) => {
  const krs = texts === "long" ? statuses(n) : statuses(n).map((kr) => ({ ...kr, title: `KR ${kr.id}`, measuredBy: null, unit: null, latest: null, thisWeek: null }));

  it("the check-in prompt, reminder and modal are valid, and ping nobody", () => {
    for (const m of [checkinPrompt({ week: "2026-W48", keyResults: krs }), checkinReminder({ week: "2026-W48", pending: krs })]) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(findPings(m)).toEqual([]);
    }
    expect(validateView(checkinModal({ week: "2026-W48", keyResults: krs }), "modal")).toEqual([]);
  });

  it("the Home tab and /okr answers are valid", () => {
    const team = { name: "Platform <!here>", objectives: krs.map((kr) => ({ title: kr.title, progress: kr.progress, keyResults: 3 })) };
    const managed = [{ team: "Platform", missing: krs.map((kr) => `U0M${kr.id}`) }, { team: "Data", missing: [] }];
    const home = homeView({ cycleKey: "2026-Q4", week: "2026-W48", keyResults: krs, team, managed });
    expect(validateView(home, "home")).toEqual([]);
    expect(findPings({ text: "", blocks: home.blocks })).toEqual([]); // plain_text headers do not ping
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
      expect(findPings(m)).toEqual([]);
    }
    const all = JSON.stringify(messages.map((m) => m.blocks));
    for (const o of objectiveFacts) for (const kr of o.keyResults) expect(all).toContain(`*#${kr.id} `);
    expect(all).not.toContain("<!channel>");
  });

  it("gets a retro whose parent and replies Slack accepts, even with long answers", () => {
    const long = "<!here> & <".repeat(350);
    const answers = new Map(objectiveFacts.flatMap((o) => o.keyResults).map((kr) => [kr.id, { score: null, worked: long, didnt: long, learned: long, carryForward: true }]));
    const retro = buildRetro({ teamName: "Big", cycleKey: "2026-Q4", finalWeek: "2026-W52", objectives: objectiveFacts, answers });
    expect(validateBlocks(retroParent(retro).blocks, "message")).toEqual([]);
    for (const item of retro.items) {
      const reply = retroReply(item);
      expect(validateBlocks(reply.blocks, "message")).toEqual([]);
      expect(findPings(reply)).toEqual([]);
    }
  });
});
