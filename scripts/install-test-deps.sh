#!/usr/bin/env bash
# Installs what the test suite drives besides Maven and the JDKs: Debian's AWS CLI v2 (/usr/bin/aws) and
# CRIU >= 4 for the snapshot engine. Idempotent; needs root (or sudo) the first time.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q "$@" || { as_root apt-get update -q && as_root apt-get install -y -q "$@"; }
}

if [ ! -x /usr/bin/aws ]; then
  echo "installing awscli (Debian package, AWS CLI v2)"
  apt_install awscli
fi
/usr/bin/aws --version
"$(dirname "$0")/install-criu.sh"
