// Every message and view the bot builds stays within Slack's Block Kit limits, however much data.
import { checkinModal, checkinPrompt, checkinReminder } from "../../src/blocks/checkin";
import { digestMessages, digestNotesMessages } from "../../src/blocks/digest";
import { carryForwardMessage, retroModal, retroRequestMessage } from "../../src/blocks/retroAsk";
import { keyResultModal, objectiveModal } from "../../src/blocks/okrForms";
import { proposalMessage } from "../../src/blocks/proposal";
import { checkKeyResultDraft, checkObjectiveDraft, MAX_KEY_RESULT_SLOTS } from "../../src/domain/okrDraft";
import { homeView } from "../../src/blocks/home";
import { okrList } from "../../src/blocks/okrList";
import { retroParent, retroReply } from "../../src/blocks/retro";
import { buildDigest } from "../../src/domain/digest";
import { buildRetro } from "../../src/domain/retro";
import { parseCycleKey } from "../../src/domain/time";
import {
  blocksTextLength,
  findPings,
  LIMITS,
  validateBlocks as validateBlockList,
  validateView,
} from "../../src/sandbox";
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
  const krs =
    texts === "long"
      ? statuses(n)
      : statuses(n).map((kr) => ({
          ...kr,
          title: `KR ${kr.id}`,
          measuredBy: null,
          unit: null,
          latest: null,
          thisWeek: null,
        }));

  it("the check-in prompt, reminder and modal are valid, and ping nobody", () => {
    for (const m of [
      checkinPrompt({ week: "2026-W48", keyResults: krs }),
      checkinReminder({ week: "2026-W48", pending: krs }),
    ]) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(findPings(m)).toEqual([]);
    }
    expect(validateView(checkinModal({ week: "2026-W48", keyResults: krs }), "modal")).toEqual([]);
  });

  it("the retro DM and its reminder are valid, and ping nobody", () => {
    const items = krs.map((kr, i) => ({
      keyResultId: kr.id,
      title: kr.title,
      score: (i % 11) / 10,
      answered: i % 2 === 0,
    }));
    for (const reminder of [false, true]) {
      const m = retroRequestMessage(
        { cycleKey: "2026-Q4", teamName: "Platform <!here>", channelId: "C0PLATFORM", endsOn: "2026-12-31", items },
        { reminder },
      );
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(findPings(m)).toEqual([]);
    }
  });

  it("the Home tab and /okr answers are valid", () => {
    const team = {
      name: "Platform <!here>",
      objectives: krs.map((kr) => ({ title: kr.title, progress: kr.progress, keyResults: 3 })),
    };
    const managed = [
      { team: "Platform", missing: krs.map((kr) => `U0M${kr.id}`) },
      { team: "Data", missing: [] },
    ];
    // Each key result serves a line of objectives twelve levels up, with long titles.
    const serves = Array.from({ length: 12 }, (_, i) => ({
      team: `Team ${i} <!here>`,
      title: `${"Grow revenue & trust ".repeat(20)}${i}`,
    }));
    const home = homeView({
      cycleKey: "2026-Q4",
      week: "2026-W48",
      keyResults: krs.map((kr) => ({ ...kr, serves })),
      team,
      managed,
    });
    expect(validateView(home, "home")).toEqual([]);
    expect(findPings({ text: "", blocks: home.blocks })).toEqual([]); // plain_text headers do not ping
    const list = okrList({
      title: "Yours",
      cycleKey: "2026-Q4",
      week: "2026-W48",
      objectives: [{ title: "O", ownerSlackId: null, keyResults: krs }],
      empty: "none",
    });
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
    const digest = buildDigest({
      teamName: "Big",
      cycle,
      week: "2026-W48",
      now: NOW,
      timeZone: "UTC",
      objectives: objectiveFacts,
    });
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

  it("gets the notes thread and an attention list Slack accepts", () => {
    const many = objectiveFacts.map((o) => ({
      ...o,
      keyResults: o.keyResults.map((kr) => ({
        ...kr,
        checkIns: kr.checkIns.map((c) => ({ ...c, confidence: "off_track" as const })),
      })),
    }));
    const digest = buildDigest({
      teamName: "Big",
      cycle,
      week: "2026-W48",
      now: NOW,
      timeZone: "UTC",
      objectives: many,
    });
    expect(digest.attention.length).toBe(objectiveCount * krsEach);
    for (const m of [...digestMessages(digest), ...digestNotesMessages(digest)]) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(findPings(m)).toEqual([]);
    }
  });

  it("gets a retro whose parent and replies Slack accepts, even with long answers", () => {
    const long = "<!here> & <".repeat(350);
    const answers = new Map(
      objectiveFacts
        .flatMap((o) => o.keyResults)
        .map((kr) => [kr.id, { score: null, worked: long, didnt: long, learned: long, carryForward: true }]),
    );
    const retro = buildRetro({
      teamName: "Big",
      cycleKey: "2026-Q4",
      finalWeek: "2026-W52",
      objectives: objectiveFacts,
      answers,
    });
    expect(validateBlocks(retroParent(retro).blocks, "message")).toEqual([]);
    for (const item of retro.items) {
      const reply = retroReply(item);
      expect(validateBlocks(reply.blocks, "message")).toEqual([]);
      expect(findPings(reply)).toEqual([]);
    }
  });
});

describe("the OKR writing and retro forms", () => {
  const long = "<!channel> & <http://x|y> ".repeat(20);
  const kr = {
    title: long.slice(0, 150),
    ownerSlackId: null,
    coOwnerSlackIds: ["U0A", "U0B"],
    baseline: "x",
    target: "y",
    unit: long.slice(0, 20),
    measuredBy: long.slice(0, 300),
  };

  it("the new-objective modal with every slot and every hint is valid", () => {
    const draft = {
      title: long.slice(0, 150),
      why: long,
      ownerSlackId: null,
      keyResults: Array.from({ length: MAX_KEY_RESULT_SLOTS }, () => ({
        ...kr,
        title: "Ship feature X with test coverage",
        baseline: "1",
        target: "2",
        measuredBy: "",
      })),
    };
    const warnings = checkObjectiveDraft(draft, 6).warnings;
    // Every field a hint can be under, in every slot: its title, its owner and its measure.
    for (let slot = 0; slot < MAX_KEY_RESULT_SLOTS; slot++)
      expect(new Set(warnings.filter((w) => w.slot === slot).map((w) => w.field))).toEqual(
        new Set(["title", "owner", "measured_by"]),
      );
    const teams = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, name: `Team ${i} ${long}`.slice(0, 80) }));
    const alignTo = teams.map((t) => ({ team: t.name, objectives: [{ id: t.id, title: long }] }));
    const view = objectiveModal({ teams, teamId: 1, cycleKey: "2026-Q4", draft, warnings, acknowledged: "x", alignTo });
    // Every field is there, co-owners and what it serves included.
    const blockIds = view.blocks.map((b) => b.block_id ?? "");
    expect(blockIds.filter((id) => id.startsWith("kr_co_owners_"))).toHaveLength(MAX_KEY_RESULT_SLOTS);
    expect(blockIds).toContain("objective_aligns_to");
    expect(validateView(view, "modal")).toEqual([]);
  });

  it("the edit, retro and proposal surfaces are valid and ping nobody", () => {
    const warnings = checkKeyResultDraft({ ...kr, title: "Ship feature X", baseline: "1", target: "2" }).warnings;
    expect(
      validateView(keyResultModal({ keyResultId: 123456, objectiveTitle: long, draft: kr, warnings }), "modal"),
    ).toEqual([]);
    const answers = {
      score: 0.7,
      worked: long.repeat(3).slice(0, 1500),
      didnt: null,
      learned: null,
      carryForward: true,
    };
    expect(
      validateView(
        retroModal({
          keyResultId: 1,
          title: long,
          objectiveTitle: long,
          finalValue: 5,
          unit: long.slice(0, 20),
          baseline: 8,
          target: 2,
          computedScore: 0.5,
          answers,
        }),
        "modal",
      ),
    ).toEqual([]);
    const proposal = proposalMessage({
      keyResultId: 1,
      title: long,
      objectiveTitle: long,
      teamName: long,
      proposerSlackId: "U0P",
      baseline: 1,
      target: 2,
      unit: long.slice(0, 20),
      measuredBy: long,
    });
    const carry = carryForwardMessage({
      keyResultId: 1,
      title: long,
      fromCycle: "2026-Q4",
      toCycle: "2027-Q1",
      baseline: 1,
      target: 2,
      unit: long.slice(0, 20),
    });
    for (const m of [proposal, carry]) {
      expect(validateBlocks(m.blocks, "message")).toEqual([]);
      expect(findPings(m)).toEqual([]);
      expect(JSON.stringify(m.blocks)).not.toContain("<http");
    }
  });
});
