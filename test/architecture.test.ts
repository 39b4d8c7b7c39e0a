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

/** The Prisma models' client names (`model CheckIn` → `checkIn`), read from the schema. */
function prismaModels(): string[] {
  const schema = fs.readFileSync(path.join(__dirname, "..", "prisma", "models.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{/gm)].map(([, name]) => name![0]!.toLowerCase() + name!.slice(1));
}

const PRISMA_METHODS = [
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "create",
  "createMany",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
];

/** `db.<model>.<method>(`, a transaction or raw SQL: a query written where it does not belong. */
function callsPrisma(text: string, models: string[]): boolean {
  const modelCall = new RegExp(`\\.(?:${models.join("|")})\\s*\\.\\s*(?:${PRISMA_METHODS.join("|")})\\s*\\(`);
  return modelCall.test(text) || /\$(?:transaction|queryRaw|executeRaw)/.test(text);
}

describe("queries live in src/db", () => {
  const models = prismaModels();

  it("recognises a Prisma call (and not a Slack call of the same method name)", () => {
    expect(models).toEqual(expect.arrayContaining(["checkIn", "slackMessage", "person"]));
    expect(callsPrisma("await deps.db.checkinPrompt.update({ where })", models)).toBe(true);
    expect(callsPrisma("await tx.$transaction(async (t) => t)", models)).toBe(true);
    expect(callsPrisma("await deps.slack.chat.update({ channel })", models)).toBe(false);
    expect(callsPrisma("await client.views.update({ view })", models)).toBe(false);
  });

  // The one exception, by design: the benchmark's reference apps are the floor okr-bot's check-in
  // path is measured against (issue 15 §2), so they query Prisma (or the driver) directly.
  const REFERENCE_APPS = path.join(SRC, "bench", "reference") + path.sep;

  it("the reference apps are the exception: they are where they say, and they do query Prisma directly", () => {
    const reference = filesIn(REFERENCE_APPS);
    expect(reference.some((file) => callsPrisma(fs.readFileSync(file, "utf8"), models))).toBe(true);
    for (const file of reference) expect(fs.readFileSync(file, "utf8")).toMatch(/^\/\/ REFERENCE ONLY/);
  });

  it("no file outside src/db calls Prisma (but the reference apps)", () => {
    const calling = filesIn(SRC)
      .filter((file) => !file.startsWith(path.join(SRC, "db") + path.sep))
      .filter((file) => !file.startsWith(REFERENCE_APPS))
      .filter((file) => callsPrisma(fs.readFileSync(file, "utf8"), models))
      .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
      .sort();
    expect(calling).toEqual([]);
  });
});
