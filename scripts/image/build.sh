#!/usr/bin/env bash
# Builds the okr-bot image with podman: scripts/image/build.sh [tag] (NODE_VERSION=24 by default).
# npm inside the build trusts the host's certificate authorities (mounted read-only, nothing baked in).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/image/engine.sh

tag="${1:-okr-bot}"
node_major="${NODE_VERSION:-24}"
bash scripts/image/base.sh "$node_major"

ca="$(npm config get cafile)"
[ "$ca" = "null" ] || [ "$ca" = "undefined" ] || [ ! -f "$ca" ] && ca=/etc/ssl/certs/ca-certificates.crt
printf 'cafile=/sandbox/ca.crt\nregistry=%s\n' "$(npm config get registry)" >"$IMAGE_WORK/npmrc"

podman build --format docker --pull=never --network=host \
  --build-arg "NODE_VERSION=$node_major" \
  -v "$ca:/sandbox/ca.crt:ro" -v "$IMAGE_WORK/npmrc:/usr/local/etc/npmrc:ro" \
  -t "$tag" .
