# Shared by the packaging scripts (sourced, not run).
# shellcheck shell=bash

PKG_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$PKG_DIR/.." && pwd)
# Outputs, build copies, chroots and Wine prefixes live outside the repository.
OUT=${OUT:-/var/tmp/secondment-dist}
export PATH="$PATH:/usr/local/go/bin"

# The version from cmd/secondment/FyneApp.toml: VERSION=0.1.0, BUILD=1.
app_version() {
  VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$REPO/cmd/secondment/FyneApp.toml")
  BUILD=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' "$REPO/cmd/secondment/FyneApp.toml")
  VERSION=${VERSION:-0.0.0} BUILD=${BUILD:-0}
  IFS=. read -r V1 V2 V3 <<<"$VERSION"
  V1=${V1:-0} V2=${V2:-0} V3=${V3:-0}
}

# need CMD PACKAGE...: installs the Debian packages when a command is missing.
need() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  echo "== installing $* (for $cmd)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@" >&2
}

# export_source DIR: the source to build, in DIR/src. By default the committed
# tree (HEAD), so half-made edits in the working tree never reach a package;
# SRC=worktree takes the working tree (tracked and untracked, not ignored).
export_source() {
  local dir=$1
  rm -rf "$dir/src"; mkdir -p "$dir/src"
  if [ "${SRC:-head}" = worktree ]; then
    (cd "$REPO" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --) | tar -xf - -C "$dir/src"
  else
    git -C "$REPO" archive HEAD | tar -xf - -C "$dir/src"
  fi
  COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
}

# make_icons DIR: PNGs of every size and a Windows .ico from assets/icon/icon.svg.
make_icons() {
  local dir=$1 s
  need rsvg-convert librsvg2-bin
  need icotool icoutils
  mkdir -p "$dir"
  for s in 16 24 32 48 64 128 256; do
    rsvg-convert -w "$s" -h "$s" "$REPO/assets/icon/icon.svg" -o "$dir/icon-$s.png"
  done
  icotool -c -o "$dir/icon.ico" "$dir"/icon-{16,24,32,48,64,128}.png -r "$dir/icon-256.png"
}

# fill IN OUT: the template with @VERSION@, @V1@… @BUILD@ and @YEAR@ filled in.
fill() {
  sed -e "s/@VERSION@/$VERSION/g" -e "s/@V1@/$V1/g" -e "s/@V2@/$V2/g" -e "s/@V3@/$V3/g" \
      -e "s/@BUILD@/$BUILD/g" -e "s/@YEAR@/$(date -u +%Y)/g" "$1" > "$2"
}

size_of() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# smoke_session RUN HOST PROG DB: the command session every smoke test runs
# through the installed program. RUN runs the program; PROG is a scratch folder
# as the program names it and HOST the same folder seen from here (they differ
# in a chroot); DB is the data file the first start must make, seen from here.
# init, demo, list, an agreement read back with pdftotext, backup, check, and a
# refusal that must exit 1. The caller defines fail.
smoke_session() {
  local run=$1 host=$2 prog=$3 db=$4 t no code=0
  t=$(date +%s)
  $run --help >/dev/null
  $run init --admin admin
  [ -f "$db" ] || fail "no data file at $db"
  $run demo --students 500
  $run list placements --json > "$host/placements.json"
  $run list quotas --year 2026 > "$host/quotas.txt"; head -5 "$host/quotas.txt"
  no=$(python3 -c '
import json, sys
ps = json.load(open(sys.argv[1], encoding="utf-8"))
print(next(p["agreement_no"] for p in ps if p["status"] in ("approved", "dispatched", "arrived", "completed")))
' "$host/placements.json")
  mkdir -p "$host/研究生"
  $run agreement "$no" -o "$prog/研究生/协议.pdf"
  pdftotext "$host/研究生/协议.pdf" - > "$host/agreement.txt"
  head -3 "$host/agreement.txt"
  grep -q "协议编号：$no" "$host/agreement.txt" || fail "agreement PDF lacks 协议编号：$no"
  grep -q "研究生选派三方协议" "$host/agreement.txt" || fail "agreement PDF lacks its Chinese title"
  $run backup "$prog/研究生/备份.db"
  [ -s "$host/研究生/备份.db" ] || fail "no backup"
  $run check
  $run placement approve XP1999-00001 2>"$host/refusal.txt" || code=$?
  cat "$host/refusal.txt"
  [ "$code" = 1 ] || fail "refusal exited $code"
  echo "commands $(( $(date +%s) - t )) s"
}
