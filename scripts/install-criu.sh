#!/usr/bin/env bash
# Provisions CRIU >= 4.0 for Thaw's snapshot engine and prints the command that runs it.
#
# A system criu is used when it is new enough and passes `criu check`. Otherwise criu 4.1.1 and the
# libraries it links against are taken from Debian trixie's packages and unpacked into a private prefix
# (default /opt/thaw/criu), run through that prefix's own loader, so the system's libc is never touched.
# Apt gets a private sources list and state: trixie is never added to the system's sources.
set -euo pipefail

prefix=${THAW_CRIU_PREFIX:-/opt/thaw/criu}
launcher="$prefix/bin/criu"

good() { # $@ = criu command; true when it is >= 4.0 and `criu check` passes
  local v
  v=$("$@" --version 2>/dev/null | sed -n 's/^Version: \([0-9]*\)\..*/\1/p') || return 1
  [ -n "$v" ] && [ "$v" -ge 4 ] && "$@" check >/dev/null 2>&1
}

if command -v criu >/dev/null && good criu; then command -v criu; exit 0; fi
if [ -x "$launcher" ] && good "$launcher"; then echo "$launcher"; exit 0; fi

[ "$(id -u)" -eq 0 ] || { echo "install-criu: needs root" >&2; exit 1; }
echo "provisioning criu 4.x from Debian trixie into $prefix" >&2
apt_dir="$prefix/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$prefix/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
  > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o Dir::State::status=/dev/null
          -o APT::Sandbox::User=root -q)
apt-get "${apt_opts[@]}" update >&2
packages=(criu libcompel1 libc6 libprotobuf-c1 libnl-3-200 libnl-route-3-200 libnet1 libgnutls30t64
          libnettle8t64 libhogweed6t64 libgmp10 libp11-kit0 libffi8 libtasn1-6 libidn2-0 libunistring5
          libnftables1 libnftnl11 libmnl0 libxtables12 libjansson4 libedit2 libbsd0 libmd0 libcap2 libuuid1
          libdrm2 libzstd1 libtinfo6 libselinux1 libpcre2-8-0 liblzma5)
(cd "$prefix/debs" && apt-get "${apt_opts[@]}" download "${packages[@]}" >&2)
root="$prefix/root"
rm -rf "$root" && mkdir -p "$root"
for deb in "$prefix/debs"/*.deb; do dpkg-deb -x "$deb" "$root"; done

libs="$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu"
mkdir -p "$prefix/bin"
cat > "$launcher" <<SH
#!/bin/sh
exec "$root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$libs" "$root/usr/sbin/criu" "\$@"
SH
chmod +x "$launcher"
"$launcher" --version >&2
good "$launcher" || { echo "install-criu: provisioned criu fails 'criu check'" >&2; "$launcher" check >&2 || true; exit 1; }
echo "$launcher"
