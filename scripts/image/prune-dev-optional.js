// After `npm prune --omit=dev`: remove what npm keeps as "devOptional" (needed only by dev dependencies or as
// optional peers, e.g. the prisma CLI, typescript and effect for @prisma/client), which the bot never loads.
// `--omit=optional` is not the answer: it would also drop resvg's platform binary.
const fs = require("node:fs");

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
let removed = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || !entry.devOptional || !fs.existsSync(path)) continue;
  fs.rmSync(path, { recursive: true, force: true });
  removed++;
}
// Their command links in node_modules/.bin now point nowhere.
const bin = "node_modules/.bin";
for (const name of fs.existsSync(bin) ? fs.readdirSync(bin) : []) {
  if (!fs.existsSync(`${bin}/${name}`)) fs.rmSync(`${bin}/${name}`);
}
console.log(`removed ${removed} dev-only optional packages`);
