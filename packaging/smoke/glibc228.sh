#!/usr/bin/env bash
# Runs the amd64 package's program on glibc 2.28 (the glibc of 统信UOS 20 and
# 麒麟 V10) without a Debian 10 mirror: builds glibc 2.28 from source (the
# bminor/glibc mirror, tag glibc-2.28) and installs it into a directory, unpacks
# the .deb there (dpkg-deb -x), and in a chroot of that directory — glibc 2.28
# and nothing else — runs --help, init, demo, list, agreement, backup, check and
# a refusal, on the default data file under a scratch HOME. The program built
# without glibc-compat.py (BEFORE=1 packaging/build-deb.sh) must be refused there.
#   packaging/smoke/glibc228.sh [secondment_…_amd64.deb]   (default: amd64 in $OUT)
# The first run builds glibc (13 minutes on 2 shared cores, nice 19); the
# build is kept in $GLIBC (default /var/tmp/glibc228) and later runs take about
# 5 seconds. Not in CI. Needs root (chroot, mount).
#
# libGL.so.1 and libX11.so.6, which the program names, come from the office's
# own system, built for its glibc; Debian 12's need GLIBC_2.34. Here they are
# STUBS, test tooling only: every symbol the program takes from them is a
# function that prints its name and exits 99 if ever called. The command line
# never calls them (lazy binding), so the window is NOT exercised by this test.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

DEB=${1:-$(ls -t "$OUT"/secondment_*_amd64.deb 2>/dev/null | head -1)}
[ -f "$DEB" ] || { echo "no package: run packaging/build-deb.sh amd64 first" >&2; exit 2; }
DEB=$(readlink -f "$DEB")
# The program as Debian 12 links it, without glibc-compat.py (BEFORE=1 build-deb.sh).
PLAIN=${PLAIN:-/var/tmp/secondment-build/linux/amd64/secondment.plain}
[ -f "$PLAIN" ] || { echo "no $PLAIN: run BEFORE=1 packaging/build-deb.sh amd64 first" >&2; exit 2; }
GLIBC=${GLIBC:-/var/tmp/glibc228}
GLIBC_GIT=${GLIBC_GIT:-/work/.mirror/bminor+glibc/repo}
T=${T:-/var/tmp/secondment-smoke/glibc228}
need gcc gcc
need gawk gawk
need bison bison
need makeinfo texinfo
need pdftotext poppler-utils
need dpkg-deb dpkg

step() { printf '== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
secs() { local s=$(( $(date +%s) - $1 )); printf '%d min %02d s' $((s / 60)) $((s % 60)); }
glibc_of() { objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1; }
newer_than_228() { [ "$(printf '%s\n' GLIBC_2.28 "$1" | sort -V | tail -1)" != GLIBC_2.28 ]; }
T0=$(date +%s)
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND" >&2' ERR

# --- glibc 2.28, built once -------------------------------------------------
# Patches: none to the source. gcc 12 warns where glibc 2.28 did not expect it
# (3,700 -Warray-parameter, 1,400 -Wmissing-attributes, -Wstringop-overflow …)
# and glibc builds with -Werror by default, hence --disable-werror. The
# mirror lacks the blobs of its largest files (math/auto-libm-test-out-*, test
# data for `make check`, and localedata/locales/cns11643_stroke, used only when
# locales are compiled): `git archive` stops at the first one, so the source is
# checked out through a scratch index with those paths removed. Nothing is
# written to the mirror.
if [ ! -f "$GLIBC/root/.complete" ]; then
  step "build glibc 2.28 in $GLIBC (once; kept for the next run)"
  [ -d "$GLIBC_GIT" ] || fail "no glibc mirror at $GLIBC_GIT"
  tg=$(date +%s)
  rm -rf "$GLIBC/src" "$GLIBC/build" "$GLIBC/root" "$GLIBC/src.index"
  mkdir -p "$GLIBC/src" "$GLIBC/build"
  git --git-dir="$GLIBC_GIT" ls-tree -r glibc-2.28 > "$GLIBC/tree.txt"
  mapfile -t absent < <(awk '{print $3}' "$GLIBC/tree.txt" | git --git-dir="$GLIBC_GIT" cat-file --batch-check |
    awk '$2 == "missing" {print $1}' | awk -F '\t' 'NR == FNR {m[$1]; next} {split($1, f, " ")} f[3] in m {print $2}' - "$GLIBC/tree.txt")
  for p in "${absent[@]}"; do
    case $p in math/auto-libm-test-out-*|localedata/locales/*) echo "absent from the mirror (not needed to build): $p" ;;
      *) fail "$p is absent from the mirror and may be needed" ;; esac
  done
  export GIT_INDEX_FILE="$GLIBC/src.index"
  git --git-dir="$GLIBC_GIT" read-tree glibc-2.28
  [ ${#absent[@]} -eq 0 ] || git --git-dir="$GLIBC_GIT" update-index --force-remove -- "${absent[@]}"
  git --git-dir="$GLIBC_GIT" --work-tree="$GLIBC/src" checkout-index -a
  unset GIT_INDEX_FILE
  rm -f "$GLIBC/src.index"
  grep -q '#define VERSION "2.28"' "$GLIBC/src/version.h" || fail "the source is not glibc 2.28"
  echo "source $(secs "$tg")"
  t=$(date +%s)
  (cd "$GLIBC/build" && env -u CFLAGS -u LDFLAGS -u LD_LIBRARY_PATH "$GLIBC/src/configure" --prefix=/usr \
    --disable-werror --disable-profile --enable-kernel=3.2 --without-selinux >"$GLIBC/configure.log" 2>&1) ||
    { tail -20 "$GLIBC/configure.log" >&2; fail "glibc configure (log: $GLIBC/configure.log)"; }
  echo "configure $(secs "$t")"
  t=$(date +%s)
  (cd "$GLIBC/build" && env -u CFLAGS -u LDFLAGS -u LD_LIBRARY_PATH nice -n 19 make -j2 >"$GLIBC/make.log" 2>&1) ||
    { grep -E 'Error [0-9]|error:' "$GLIBC/make.log" | head -20 >&2; fail "glibc make (log: $GLIBC/make.log)"; }
  echo "make -j2 $(secs "$t")"
  t=$(date +%s)
  (cd "$GLIBC/build" && nice -n 19 make install install_root="$GLIBC/root" >"$GLIBC/install.log" 2>&1) ||
    { tail -20 "$GLIBC/install.log" >&2; fail "glibc make install (log: $GLIBC/install.log)"; }
  echo "make install $(secs "$t")"
  echo "glibc 2.28 built in $(secs "$tg") on $(date -u +%F), $(nproc) cores" > "$GLIBC/root/.complete"
fi
cat "$GLIBC/root/.complete"
[ -x "$GLIBC/root/lib64/ld-linux-x86-64.so.2" ] || fail "no $GLIBC/root/lib64/ld-linux-x86-64.so.2"

# --- the system: glibc 2.28, the package, the stubs --------------------------
step "glibc 2.28 system in $T/sys with $(basename "$DEB")"
mountpoint -q "$T/sys/proc" && umount "$T/sys/proc"
rm -rf "$T"; mkdir -p "$T"
cp -a "$GLIBC/root" "$T/sys"
rm -rf "$T/sys/usr/include" "$T/sys/.complete"
dpkg-deb -x "$DEB" "$T/sys"
install -m 0755 "$PLAIN" "$T/sys/usr/bin/secondment-before"
mkdir -p "$T/sys/proc" "$T/sys/dev" "$T/sys/tmp" "$T/sys/home/smoke"
chmod 1777 "$T/sys/tmp"
mknod -m 666 "$T/sys/dev/null" c 1 3
mknod -m 666 "$T/sys/dev/zero" c 1 5
mknod -m 666 "$T/sys/dev/urandom" c 1 9
BIN=$T/sys/usr/bin/secondment
g=$(glibc_of "$BIN"); echo "the package's program needs $g; the one without the compat needs $(glibc_of "$PLAIN")"
newer_than_228 "$g" && fail "the package's program needs $g"

# Stub libraries: one per library the program names that glibc does not provide,
# each defining every undefined symbol of the program that carries no GLIBC_
# version (weak ones such as __gmon_start__ aside). Built with no headers and
# linked against the glibc 2.28 just built (write and _exit, GLIBC_2.2.5).
step "stub libraries (test tooling: abort with 99 if called)"
glibc_sonames='^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libanl\.so\.1|libcrypt\.so\.1|ld-linux-x86-64\.so\.2)$'
mapfile -t others < <(objdump -p "$BIN" | awk '$1 == "NEEDED" {print $2}' | grep -Ev "$glibc_sonames")
[ ${#others[@]} -gt 0 ] || fail "the program names no library outside glibc (expected libGL, libX11)"
objdump -T "$BIN" | awk '$0 ~ /\*UND\*/ && $0 !~ /GLIBC_/ && $2 != "w"' > "$T/undefined.txt"
awk '$2 != "DF"' "$T/undefined.txt" | grep . && fail "undefined data symbols (a function stub cannot stand in for them)"
awk '{print $NF}' "$T/undefined.txt" | sort -u > "$T/stub-symbols.txt"
mkdir -p "$T/stubs"
for so in "${others[@]}"; do
  c="$T/stubs/${so%%.so*}.c"
  {
    echo "/* Test stub for $so (packaging/smoke/glibc228.sh): NOT a working library. */"
    echo 'extern long write(int, const void *, unsigned long);'
    echo 'extern void _exit(int) __attribute__((noreturn));'
    echo 'static void put(const char *s) { unsigned long n = 0; while (s[n]) n++; write(2, s, n); }'
    echo "static void __attribute__((noreturn)) called(const char *f) { put(\"glibc228 smoke stub $so: \"); put(f); put(\" called, exit 99\\n\"); _exit(99); }"
    sed 's/.*/void &(void) { called("&"); }/' "$T/stub-symbols.txt"
  } > "$c"
  gcc -O2 -fPIC -fno-stack-protector -shared -nostdlib -Wl,-z,defs -Wl,-soname,"$so" \
    -o "$T/sys/usr/lib64/$so" "$c" "$GLIBC/root/lib64/libc.so.6"
  sg=$(glibc_of "$T/sys/usr/lib64/$so")
  newer_than_228 "$sg" && fail "stub $so needs $sg"
  echo "$so: $(wc -l < "$T/stub-symbols.txt") functions, needs $sg"
done
code=0; python3 -c 'import ctypes, sys; ctypes.CDLL(sys.argv[1]).XOpenDisplay(None)' "$T/sys/usr/lib64/${others[0]}" 2>"$T/stub-check.txt" || code=$?
[ "$code" = 99 ] || fail "a stub exited $code, not 99, when called"
echo "a stub when called: $(cat "$T/stub-check.txt") (exit $code)"
: > "$T/sys/etc/ld.so.conf"
chroot "$T/sys" /sbin/ldconfig
find "$T/sys" \( -name 'libc.so*' -o -name 'libc-*' -o -name 'ld-*.so*' \) -type f | sed "s|^$T/sys||" |
  xargs echo "C library and loader files in the chroot (the only ones):"

mount -t proc proc "$T/sys/proc"
trap 'umount "$T/sys/proc" 2>/dev/null || true' EXIT
# The chroot has no env(1) or shell: the environment is set before chroot(8).
CHROOT_BIN=$(command -v chroot)
insys() {  # insys [VAR=value...] PROGRAM [ARG...]: in the chroot, with a clean environment
  local vars=(); while [[ $1 == *=* ]]; do vars+=("$1"); shift; done
  env -i PATH=/usr/bin:/bin HOME=/home/smoke LANG=zh_CN.UTF-8 SECONDMENT_USER=admin \
    SECONDMENT_PASSWORD=smoke-password-1 "${vars[@]}" "$CHROOT_BIN" "$T/sys" "$@"
}
app() { insys /usr/bin/secondment "$@"; }

step "the C library in the chroot"
v=$(chroot "$T/sys" /lib64/libc.so.6 | head -1); echo "$v"
case $v in *"version 2.28."*) ;; *) fail "the chroot's libc is not 2.28" ;; esac
chroot "$T/sys" /lib64/ld-linux-x86-64.so.2 --list /usr/bin/secondment   # what ldd prints
# LD_DEBUG=libs, from where chroot(8) (loaded by the host's glibc) execs the program.
insys LD_DEBUG=libs /usr/bin/secondment --help 2>&1 >/dev/null |
  awk -v c="transferring control: $CHROOT_BIN" 'on; index($0, c) {on = 1}' > "$T/ld-debug.txt"
grep -E 'trying file=|calling init:|initialize program:' "$T/ld-debug.txt" | sed 's/^ *[0-9]*: *//'
grep -q 'calling init: /lib64/libc.so.6' "$T/ld-debug.txt" || fail "libc not loaded from /lib64/libc.so.6"
grep -q 'x86_64-linux-gnu' "$T/ld-debug.txt" && fail "a library of the host was loaded"

step "the program without glibc-compat.py is refused"
code=0; insys /usr/bin/secondment-before --help >/dev/null 2>"$T/before.txt" || code=$?
cat "$T/before.txt"
[ "$code" != 0 ] || fail "the program without the compat ran on glibc 2.28: the test proves nothing"
grep -q "version \`GLIBC_2.34' not found" "$T/before.txt" || fail "refused, but not for GLIBC_2.34"

step "commands through /usr/bin/secondment on glibc 2.28"
smoke_session app "$T/sys/tmp" /tmp "$T/sys/home/smoke/.config/secondment/secondment.db"
echo "PASS glibc228 ($v) in $(secs "$T0")"
