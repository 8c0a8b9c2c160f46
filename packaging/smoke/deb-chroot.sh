#!/usr/bin/env bash
# Smoke test of the .deb in a fresh Debian chroot, as an office would use it:
# apt installs the package with its dependencies, then init, demo, list,
# agreement, backup and a refusal run through /usr/bin/secondment on its default
# data file (~/.config/secondment/secondment.db); the package is removed and the
# data file stays. Takes 1–5 minutes (the first run makes the chroot): not in CI.
#   packaging/smoke/deb-chroot.sh [package.deb]        (default: amd64 in $OUT)
# SUITE=bookworm (default) or buster — the glibc 2.28 proof — with
# MIRROR=<a Debian mirror that still carries the suite>. The chroot is kept in
# $CHROOT (default /var/tmp/secondment-smoke/SUITE-amd64) for the next run.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

DEB=${1:-$(ls -t "$OUT"/secondment_*_amd64.deb 2>/dev/null | head -1)}
[ -f "$DEB" ] || { echo "no package: run packaging/build-deb.sh first" >&2; exit 2; }
DEB=$(readlink -f "$DEB")
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CHROOT=${CHROOT:-/var/tmp/secondment-smoke/$SUITE-amd64}
need debootstrap debootstrap
need pdftotext poppler-utils

step() { printf '== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ ! -x "$CHROOT/usr/bin/apt-get" ]; then
  step "debootstrap $SUITE into $CHROOT"
  t=$(date +%s)
  rm -rf "$CHROOT"; mkdir -p "$CHROOT"
  nice -n 10 debootstrap --variant=minbase --arch=amd64 "$SUITE" "$CHROOT" "$MIRROR" >"$CHROOT.log" 2>&1 ||
    { tail -5 "$CHROOT.log" >&2; fail "debootstrap $SUITE from $MIRROR"; }
  echo "debootstrap $(( $(date +%s) - t )) s"
fi
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
mountpoint -q "$CHROOT/proc" || mount -t proc proc "$CHROOT/proc"
trap 'umount "$CHROOT/proc" 2>/dev/null || true' EXIT
inroot() { chroot "$CHROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  SECONDMENT_USER=admin SECONDMENT_PASSWORD=smoke-password-1 DEBIAN_FRONTEND=noninteractive "$@"; }
app() { inroot env LANG=zh_CN.UTF-8 secondment "$@"; }   # Fyne's lang cannot parse C.UTF-8
echo "glibc in the chroot: $(inroot ldd --version | head -1)"

step "install $(basename "$DEB") with apt (dependencies from $SUITE)"
inroot dpkg -r secondment >/dev/null 2>&1 || true
rm -rf "$CHROOT/root/.config/secondment"
cp "$DEB" "$CHROOT/tmp/"
t=$(date +%s)
inroot apt-get -o DPkg::Lock::Timeout=600 update -qq
inroot apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" >/dev/null
echo "install $(( $(date +%s) - t )) s"
for f in /usr/bin/secondment /usr/share/applications/cn.wenzhou.secondment-desk.desktop \
         /usr/share/icons/hicolor/256x256/apps/secondment.png /usr/share/icons/hicolor/scalable/apps/secondment.svg; do
  [ -e "$CHROOT$f" ] || fail "$f not installed"
done
inroot dpkg -L secondment | grep -c / | xargs echo "files in the package:"

step "commands through /usr/bin/secondment"
smoke_session app "$CHROOT/tmp" /tmp "$CHROOT/root/.config/secondment/secondment.db"

step "remove"
inroot apt-get remove -y -qq secondment >/dev/null
[ ! -e "$CHROOT/usr/bin/secondment" ] || fail "/usr/bin/secondment left behind"
[ ! -e "$CHROOT/usr/share/applications/cn.wenzhou.secondment-desk.desktop" ] || fail ".desktop left behind"
[ -f "$CHROOT/root/.config/secondment/secondment.db" ] || fail "the data file was removed"
echo "PASS deb-chroot ($SUITE)"
