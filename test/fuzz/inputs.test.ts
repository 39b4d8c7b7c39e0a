// Hostile and random input into every parser the bot exposes (the OKR file, /okr, the check-in,
// objective, key result and retro forms): nothing throws, bad input gets a clear error, and what
// is echoed back pings nobody.
import fc from "fast-check";
import { keyResultModal, objectiveModal } from "../../src/blocks/okrForms";
import { okrList } from "../../src/blocks/okrList";
import { checkKeyResultDraft, checkObjectiveDraft, type KeyResultDraft } from "../../src/domain/okrDraft";
import { parseOkrFile } from "../../src/domain/okrFile";
import { checkRetroDraft } from "../../src/domain/retroAnswers";
import { parseOkrCommand } from "../../src/listeners/commands/parseOkrCommand";
import { parseCheckinSubmission } from "../../src/listeners/views/parseCheckinSubmission";
import { parseKeyResultForm, parseObjectiveForm } from "../../src/listeners/views/parseOkrForms";
import { findPings, validateView } from "../../src/sandbox";
import { statuses } from "../helpers/okrFactory";

const RUNS = { numRuns: 300 };
/** Strings that mix Slack's special syntax, YAML syntax, unicode and plain noise. */
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.constantFrom(
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U0BOB>",
    "<http://evil.example|Q3 report>",
    "&amp;",
    "<#C123>",
    "<!subteam^S1>",
    "*bold* _it_ `code`",
    "💥🏳️‍🌈",
    "\u0000",
    "a".repeat(5000),
    "NaN",
    "1e999",
    "-0",
    "  ",
    "---\n- : :",
    "{{",
    "&",
    "<",
    ">",
  ),
  fc
    .array(fc.constantFrom("<!channel>", "<@U0BOB>", "&", "<", ">", "|", "\n", "x"), { maxLength: 40 })
    .map((a) => a.join("")),
);

describe("fuzzing the input parsers", () => {
  it("the OKR file parser never throws: a file is either accepted or refused with problems that say where", () => {
    const yamlish = fc.oneof(
      hostile,
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            cycle: hostile,
            teams: fc.array(
              fc.record({
                name: hostile,
                channel: hostile,
                objectives: fc.array(
                  fc.record({
                    title: hostile,
                    key_results: fc.array(
                      fc.record({
                        title: hostile,
                        baseline: fc.oneof(fc.double(), hostile),
                        target: fc.oneof(fc.double(), hostile),
                      }),
                      { maxLength: 3 },
                    ),
                  }),
                  { maxLength: 3 },
                ),
              }),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(yamlish, (source) => {
        const parsed = parseOkrFile(source);
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const p of parsed.problems) expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("/okr never throws, and a mention is only taken from Slack's own escaped form", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const command = parseOkrCommand(text);
        expect(typeof command.name).toBe("string");
        if (command.name === "person") expect(command.slackUserId).toMatch(/^[UW][A-Z0-9]+$/);
      }),
      RUNS,
    );
  });

  it("the form parsers never throw on any view state, and refuse what is not theirs", () => {
    const state = fc.dictionary(
      fc.oneof(hostile, fc.constantFrom("objective_title", "kr_title_0", "kr_value_1", "retro_score")),
      fc.dictionary(hostile, fc.jsonValue(), { maxKeys: 3 }),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(fc.oneof(state, fc.jsonValue()), (values) => {
        parseCheckinSubmission(values);
        parseObjectiveForm(values);
        parseKeyResultForm(values);
      }),
      RUNS,
    );
  });

  it("any draft gets errors or a value, and the forms built from it are valid and ping nobody", () => {
    const draft: fc.Arbitrary<KeyResultDraft> = fc.record({
      title: hostile,
      ownerSlackId: fc.constantFrom(null, "U0ALICE"),
      baseline: hostile,
      target: hostile,
      unit: hostile.map((u) => u.slice(0, 20)),
      measuredBy: hostile,
    });
    fc.assert(
      fc.property(hostile, fc.array(draft, { minLength: 1, maxLength: 7 }), (title, keyResults) => {
        const check = checkObjectiveDraft({ title, why: title, ownerSlackId: null, keyResults });
        expect(check.value === null).toBe(check.errors.length > 0);
        const modal = objectiveModal({
          teams: [{ id: 1, name: title.slice(0, 80) || "T" }],
          teamId: 1,
          cycleKey: "2026-Q4",
          draft: { title, why: "", ownerSlackId: null, keyResults },
          warnings: check.warnings,
        });
        expect(findPings({ text: "", blocks: modal.blocks })).toEqual([]);
        const one = checkKeyResultDraft(keyResults[0]!);
        const edit = keyResultModal({
          keyResultId: 1,
          objectiveTitle: title,
          draft: keyResults[0]!,
          warnings: one.warnings,
        });
        expect(findPings({ text: "", blocks: edit.blocks })).toEqual([]);
        // Cut to what each input lets a person type, the views stay within Slack's limits.
        const clean = (s: string) => s.slice(0, 150);
        const safe = {
          title: clean(title),
          why: "",
          ownerSlackId: null,
          keyResults: keyResults.map((k) => ({
            ...k,
            title: clean(k.title),
            baseline: k.baseline.slice(0, 30),
            target: k.target.slice(0, 30),
            measuredBy: k.measuredBy.slice(0, 300),
          })),
        };
        expect(
          validateView(
            objectiveModal({
              teams: [{ id: 1, name: "Team" }],
              teamId: 1,
              cycleKey: "2026-Q4",
              draft: safe,
              warnings: checkObjectiveDraft(safe).warnings,
            }),
            "modal",
          ),
        ).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("any retro answer gets a score or a clear error", () => {
    fc.assert(
      fc.property(hostile, hostile, fc.constantFrom("yes", "no", null), (score, text, carry) => {
        const check = checkRetroDraft({
          score,
          worked: text,
          didnt: text,
          learned: text,
          carryForward: carry as "yes" | "no" | null,
        });
        if (check.value) expect(check.value.score).toBeGreaterThanOrEqual(0);
        else expect(Object.values(check.errors).every((e) => typeof e === "string" && e.length > 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it("hostile titles and notes echoed in /okr answers ping nobody", () => {
    fc.assert(
      fc.property(hostile, hostile, (title, note) => {
        const [kr] = statuses(1);
        const status = {
          ...kr!,
          title,
          measuredBy: note,
          thisWeek: { week: "2026-W48", value: 5, confidence: "on_track" as const, note },
        };
        const list = okrList({
          title: "Yours",
          cycleKey: "2026-Q4",
          week: "2026-W48",
          objectives: [{ title, ownerSlackId: null, keyResults: [status] }],
          empty: "none",
        });
        expect(findPings(list)).toEqual([]);
      }),
      RUNS,
    );
  });
});
