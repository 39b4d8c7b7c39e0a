#!/usr/bin/env node
// Writes prisma/<provider>/schema.prisma from prisma/models.prisma: one data model, one
// generated client per provider (a Prisma client is tied to its provider).
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const models = fs.readFileSync(path.join(root, "prisma/models.prisma"), "utf8");

function schemaFor(provider) {
  return `// GENERATED from prisma/models.prisma by prisma/build-schemas.js — do not edit.
generator client {
  provider     = "prisma-client"
  output       = "../../src/generated/${provider}"
  engineType   = "client"
  moduleFormat = "cjs"
}

datasource db {
  provider = "${provider}"
  url      = env("PRISMA_${provider.toUpperCase()}_URL")
}

${models}`;
}

const check = process.argv.includes("--check");
let stale = false;
for (const provider of ["sqlite", "postgresql"]) {
  const file = path.join(root, "prisma", provider, "schema.prisma");
  const want = schemaFor(provider);
  if (check) {
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== want) {
      console.error(`${path.relative(root, file)} is out of date: run npm run db:schemas`);
      stale = true;
    }
    continue;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, want);
}
process.exit(stale ? 1 : 0);
