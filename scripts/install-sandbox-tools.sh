#!/usr/bin/env bash
# Installs what Thaw's sandboxes are built with, from Debian's packages: bubblewrap (namespaces, the root file
# system, the seccomp filter), slirp4netns (the functions' outbound network), nftables (each network namespace's
# firewall), e2fsprogs (the /tmp volumes) and util-linux's nsenter and setpriv.
# Idempotent; needs root (or sudo) the first time.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v bwrap >/dev/null || missing+=(bubblewrap)
command -v slirp4netns >/dev/null || missing+=(slirp4netns)
command -v nft >/dev/null || missing+=(nftables)
command -v mkfs.ext4 >/dev/null || missing+=(e2fsprogs)
{ command -v nsenter >/dev/null && [ -x /usr/bin/setpriv ]; } || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages, for the function sandboxes)" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q "${missing[@]}" >&2 || { as_root apt-get update -q >&2 && as_root apt-get install -y -q "${missing[@]}" >&2; }
fi
