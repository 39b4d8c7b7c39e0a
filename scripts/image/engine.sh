# Sourced by the image scripts: a container engine on a machine without a Docker daemon or a registry.
# Rootful podman with runc and cgroupfs (no systemd here); its storage under $IMAGE_WORK.
# See ../shared/notes/docker.md for why each setting is needed.
IMAGE_WORK="${IMAGE_WORK:-/var/tmp/okr-bot-image}"
mkdir -p "$IMAGE_WORK"

if ! command -v podman-compose >/dev/null || ! command -v debootstrap >/dev/null || [ ! -e /usr/lib/cni/dnsname ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman buildah runc \
    fuse-overlayfs slirp4netns uidmap debootstrap containernetworking-plugins golang-github-containers-common \
    iptables podman-compose golang-github-containernetworking-plugin-dnsname >/dev/null
fi

nofile="$(ulimit -Hn)"
cat >"$IMAGE_WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
cat >"$IMAGE_WORK/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$IMAGE_WORK/storage"
runroot = "$IMAGE_WORK/run"
CONF
export CONTAINERS_CONF="$IMAGE_WORK/containers.conf"
export CONTAINERS_STORAGE_CONF="$IMAGE_WORK/storage.conf"
