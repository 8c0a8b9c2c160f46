#!/usr/bin/env bash
# Smoke test of the arm64 .deb on an amd64 machine: unpacks the package
# (dpkg-deb -x) and runs its /usr/bin/secondment under qemu-aarch64 (Debian's
# qemu-user) against Debian's arm64 libraries (multiarch, as build-deb.sh
# installs them): --help, init, demo, list, agreement, backup, check and a
# refusal, on the default data file under a scratch HOME. About a minute.
#   packaging/smoke/deb-arm64-qemu.sh [secondment_…_arm64.deb]
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

DEB=${1:-$(ls -t "$OUT"/secondment_*_arm64.deb 2>/dev/null | head -1)}
[ -f "$DEB" ] || { echo "no package: run packaging/build-deb.sh arm64 first" >&2; exit 2; }
need qemu-aarch64 qemu-user
need pdftotext poppler-utils
[ -e /lib/ld-linux-aarch64.so.1 ] || { echo "arm64 libraries missing: packaging/build-deb.sh arm64 installs them" >&2; exit 2; }
T=${T:-/var/tmp/secondment-smoke/arm64}
rm -rf "$T"; mkdir -p "$T/root" "$T/home"
dpkg-deb -x "$DEB" "$T/root"
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { env -i PATH=/usr/bin:/bin HOME="$T/home" LANG=zh_CN.UTF-8 SECONDMENT_USER=admin \
  SECONDMENT_PASSWORD=smoke-password-1 qemu-aarch64 "$T/root/usr/bin/secondment" "$@"; }

file "$T/root/usr/bin/secondment"
smoke_session run "$T" "$T" "$T/home/.config/secondment/secondment.db"
echo "PASS deb-arm64-qemu"
