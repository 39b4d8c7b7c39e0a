// The folders' rules, read from the imports themselves (TypeScript's own parser): pure domain logic,
// Block Kit that renders data without fetching it. Import cycles are Biome's `noImportCycles`.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const SRC = path.join(__dirname, "..", "src");

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : filesIn(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module a file imports: "src/<folder>/…" (or "src/<file>") for its own, the package name otherwise. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return importedFiles.map(({ fileName }) => {
    if (fileName.startsWith("."))
      return `src/${path
        .relative(SRC, path.resolve(path.dirname(file), fileName))
        .split(path.sep)
        .join("/")}`;
    return fileName
      .split("/")
      .slice(0, fileName.startsWith("@") ? 2 : 1)
      .join("/");
  });
}

/** "src/domain/x" → "domain"; "src/config" → "config"; a package → null. */
const folderOf = (module: string) => (module.startsWith("src/") ? module.split("/")[1]! : null);

describe("the folders' rules", () => {
  it.each([
    ["domain", ["domain"], ["@prisma/client", "@slack/bolt", "@slack/web-api", "@slack/types"]],
    ["blocks", ["blocks", "domain"], ["@prisma/client", "@slack/bolt", "@slack/web-api"]],
  ])("src/%s imports only from %j among src's folders, and none of %j", (folder, allowed, forbidden) => {
    const files = filesIn(path.join(SRC, folder));
    expect(files.length).toBeGreaterThan(5);
    const wrong = files.flatMap((file) =>
      importsOf(file)
        .filter((m) => {
          const own = folderOf(m);
          return own !== null ? !allowed.includes(own) : forbidden.includes(m);
        })
        .map((m) => `${path.relative(SRC, file)} → ${m}`),
    );
    expect(wrong).toEqual([]);
  });

  it("reads imports as the rules need them (a file known to import a service, a block and a package)", () => {
    expect(importsOf(path.join(SRC, "services", "digest.ts"))).toEqual(
      expect.arrayContaining(["src/blocks/digest", "src/domain/digest", "src/db/okrs"]),
    );
  });
});
