#!/usr/bin/env bash
# Installs what the test suite drives besides Maven and the JDKs: Debian's AWS CLI v2 (/usr/bin/aws),
# redis-server for the snapshot store's L2 tests, PostgreSQL for the metadata store's, Chromium for the function
# URL test a browser drives, the sandbox tools, and CRIU >= 4 for the snapshot engine.
# Idempotent; needs root (or sudo) the first time.
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
# The snapshot store's tests start their own redis-server processes; the system service stays disabled.
if [ ! -x /usr/bin/redis-server ]; then
  echo "installing redis-server (Debian package; tests start their own instances)"
  apt_install redis-server
fi
/usr/bin/redis-server --version
# The metadata store's PostgreSQL tests make their own clusters with initdb; the system service stays unused.
if ! ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
  echo "installing postgresql (Debian package; tests start their own servers)"
  apt_install postgresql
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package; a test fetches a function URL from a page in it, headless)"
  apt_install chromium
fi
"$(dirname "$0")/install-sandbox-tools.sh"
"$(dirname "$0")/install-criu.sh"
