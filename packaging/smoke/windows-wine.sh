#!/usr/bin/env bash
# Smoke test of the Windows installer under Wine (Debian 12's wine64), as an
# office would use it: silent per-user install, then init, demo, list,
# agreement, backup and a refusal through the installed program on its default
# data file under %APPDATA%; screenshots of the installed app's window at 100 %
# and 150 % on a 1366×768 desktop with a taskbar; silent uninstall, which must
# keep the data file. Takes 2–4 minutes: not part of CI.
#   packaging/smoke/windows-wine.sh [setup.exe]      (default: the newest in $OUT)
# Everything it makes is under $T (default /var/tmp/secondment-smoke/wine):
# the Wine prefix, a HOME for Wine, the screenshots shots/wine-{100,150}.png.
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go 1.22+ programs
# call: a stand-in built here from processprng.c goes into the TEST prefix only.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

SETUP=${1:-$(ls -t "$OUT"/secondment-setup-*-amd64.exe 2>/dev/null | head -1)}
[ -f "$SETUP" ] || { echo "no installer: run packaging/build-windows.sh first" >&2; exit 2; }
SETUP=$(readlink -f "$SETUP")
WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || need wineserver wine64
need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
need Xvfb xvfb
need import imagemagick
need xdotool xdotool
need pdftotext poppler-utils

T=${T:-/var/tmp/secondment-smoke/wine}
rm -rf "$T"; mkdir -p "$T/home" "$T/shots"
export HOME=$T/home WINEPREFIX=$T/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
DISP=${DISP:-:93}
Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp >"$T/xvfb.log" 2>&1 &
XVFB=$!
cleanup() { /usr/lib/wine/wineserver -k 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; }
trap cleanup EXIT
export DISPLAY=$DISP
ws() { /usr/lib/wine/wineserver "$@"; }

step() { printf '== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
secs() { local t0=$1; echo $(( $(date +%s) - t0 )); }

step "prefix"
t=$(date +%s)
"$WINE" wineboot -i >/dev/null 2>&1; ws -w
echo "wineboot $(secs "$t") s"
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$T/bcryptprimitives.dll" \
  "$PKG_DIR/smoke/processprng.c" "$PKG_DIR/smoke/processprng.def"
cp "$T/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

U=$(whoami)
UDIR=$WINEPREFIX/drive_c/users/$U
PROG=$UDIR/AppData/Local/Programs/SecondmentDesk
EXE='C:\users\'$U'\AppData\Local\Programs\SecondmentDesk\secondment.exe'
DATA=$UDIR/AppData/Roaming/secondment/secondment.db
MENU="$UDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/研究生选派工作台"

step "silent install: $(basename "$SETUP") /S"
t=$(date +%s)
"$WINE" "$SETUP" /S; ws -w
echo "install $(secs "$t") s"
[ -f "$PROG/secondment.exe" ] || fail "secondment.exe not installed in $PROG"
[ -f "$PROG/uninstall.exe" ] || fail "no uninstaller"
[ -f "$MENU/研究生选派工作台.lnk" ] || fail "no Start-menu shortcut"
[ -f "$MENU/卸载 研究生选派工作台.lnk" ] || fail "no uninstall shortcut"
desk="$UDIR/Desktop/研究生选派工作台.lnk"   # Wine links Desktop to $HOME
[ -f "$desk" ] || fail "no desktop shortcut"
"$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.wenzhou.secondment-desk' \
  > "$T/uninstall-key.txt" 2>/dev/null || fail "no uninstall entry"
ls -l "$PROG" "$MENU"; echo "desktop: $desk"

run() { "$WINE" "$EXE" "$@"; }
export SECONDMENT_USER=admin SECONDMENT_PASSWORD=smoke-password-1
step "init (default data file)"
t=$(date +%s)
run init --admin admin
[ -f "$DATA" ] || fail "no data file at %APPDATA%\\secondment\\secondment.db"
step "demo"
run demo --students 500
step "list"
run list placements --json > "$T/placements.json"
run list quotas --year 2026 > "$T/quotas.txt"; head -5 "$T/quotas.txt"
no=$(python3 -c '
import json, sys
ps = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(ps), file=sys.stderr)
print(next(p["agreement_no"] for p in ps if p["status"] in ("approved", "dispatched", "arrived", "completed")))
' "$T/placements.json")
step "agreement $no to a Chinese path"
mkdir -p "$WINEPREFIX/drive_c/研究生"
run agreement "$no" -o 'C:\研究生\协议.pdf'
pdftotext "$WINEPREFIX/drive_c/研究生/协议.pdf" - | grep -c "$no" >/dev/null || fail "agreement PDF lacks $no"
step "backup"
run backup 'C:\研究生\备份.db'
[ -s "$WINEPREFIX/drive_c/研究生/备份.db" ] || fail "no backup"
run check
step "a refusal exits 1"
set +e; run placement approve XP1999-00001 2>"$T/refusal.txt"; code=$?; set -e
cat "$T/refusal.txt"
[ "$code" = 1 ] || fail "refusal exited $code"
echo "commands $(secs "$t") s"

if [ "${SHOTS:-1}" = 1 ]; then
  # The installed app's window on Wine's own desktop with its taskbar, 1366×768,
  # at 96 dpi (100 %) and 144 dpi (150 %), logged in as the office.
  for dpi in 96 144; do
    pct=$((dpi * 100 / 96))
    step "window at $pct %"
    ws -w
    "$WINE" reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "$dpi" /f >/dev/null 2>&1 ||
      fail "reg add LogPixels $dpi"
    ws -w
    "$WINE" explorer /desktop=shell,1366x768 "$EXE" >"$T/window-$pct.log" 2>&1 &
    sleep "${WAIT:-25}"
    import -window root "$T/shots/wine-$pct-login.png"
    # Log in: user name, Tab, password, Enter.
    xdotool type --delay 60 admin; xdotool key Tab
    xdotool type --delay 60 "$SECONDMENT_PASSWORD"; xdotool key Return
    sleep 12
    import -window root "$T/shots/wine-$pct.png"
    ws -k || true   # 1 when the program has already gone
    ws -w
  done
  ls -l "$T/shots"
fi

step "silent uninstall"
"$WINE" 'C:\users\'"$U"'\AppData\Local\Programs\SecondmentDesk\uninstall.exe' /S; ws -w; sleep 3; ws -w
[ ! -e "$PROG/secondment.exe" ] || fail "secondment.exe left behind"
[ ! -e "$MENU" ] || fail "Start-menu folder left behind"
[ ! -e "$desk" ] || fail "desktop shortcut left behind"
[ -f "$DATA" ] || fail "the data file was removed"
! "$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.wenzhou.secondment-desk' >/dev/null 2>&1 ||
  fail "uninstall entry left behind"
echo "data file kept: $DATA ($(size_of "$DATA") B)"
echo "PASS windows-wine"
