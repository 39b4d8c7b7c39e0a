#!/usr/bin/env node
// Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for both providers: the SQL
// that takes the schema as last committed (git HEAD) to the schema in the work tree.
// (`prisma migrate dev` needs native engines; `migrate diff` between two schema files does not.)
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(2);
}
const root = path.join(__dirname, "..");
execFileSync(process.execPath, [path.join(__dirname, "build-schemas.js")], { stdio: "inherit" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "okr-migration-"));

for (const provider of ["sqlite", "postgresql"]) {
  const schema = `prisma/${provider}/schema.prisma`;
  const previous = path.join(tmp, `${provider}.prisma`);
  fs.writeFileSync(previous, execFileSync("git", ["show", `HEAD:${schema}`], { cwd: root }));
  const sql = execFileSync(
    process.execPath,
    [
      require.resolve("prisma/build/index.js"),
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previous,
      "--to-schema-datamodel",
      schema,
      "--script",
    ],
    { cwd: root, env: { ...process.env, PRISMA_PROVIDER: provider }, encoding: "utf8" },
  );
  if (/^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "") {
    console.log(`${provider}: no changes`);
    continue;
  }
  const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
}
fs.rmSync(tmp, { recursive: true, force: true });
