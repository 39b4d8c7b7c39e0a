// `/okr help` lists what the table of subcommands answers, and nothing else.
import { COMMANDS } from "../../src/blocks/help";
import { SUBCOMMAND_HANDLERS } from "../../src/listeners/commands/okr";
import { parseOkrCommand, SUBCOMMANDS } from "../../src/listeners/commands/parseOkrCommand";

/** A help line's usage as someone would type it: placeholders filled in, optional arguments given or left out. */
function typed(usage: string, withOptional: boolean): string {
  return usage
    .replace(/^\/okr\s*/, "")
    .replace("<YYYY-MM-DD>", "2026-12-31")
    .replace(/<[^>]+>/g, "Platform")
    .replace(/\[[^\]]+\]/g, withOptional ? "Platform" : "")
    .replace("@person", "<@U0ALICE>")
    .trim();
}

describe("/okr help against the table of subcommands", () => {
  const answered = new Set<string>([...Object.keys(SUBCOMMAND_HANDLERS), "help"]);

  it.each(COMMANDS.flatMap((c) => [typed(c.usage, true), typed(c.usage, false)]))(
    "`/okr %s` from the help is a subcommand the table answers",
    (text) => {
      expect(answered).toContain(parseOkrCommand(text).name);
    },
  );

  it("lists every subcommand the table answers", () => {
    const listed = new Set<string>(COMMANDS.map((c) => parseOkrCommand(typed(c.usage, true)).name));
    expect([...answered].filter((name) => !listed.has(name))).toEqual([]);
  });

  it("suggests, for a typo, only words the help lists", () => {
    const words = new Set(COMMANDS.map((c) => typed(c.usage, true).split(" ")[0]).filter((w) => !w!.startsWith("<@")));
    words.delete("");
    expect([...SUBCOMMANDS].sort()).toEqual([...words].sort());
  });
});
