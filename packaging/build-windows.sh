#!/usr/bin/env bash
# Builds the Windows program and its per-user installer on Debian 12:
#   $OUT/secondment.exe                       console program with icon, version, manifest
#   $OUT/secondment-setup-VERSION-amd64.exe   NSIS installer (64-bit Unicode)
# OUT defaults to /var/tmp/secondment-dist. The source is the committed tree
# (HEAD); SRC=worktree builds the working tree instead. Needs root for apt
# only when a tool is missing. A cold build (GLFW for Windows) takes minutes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
need makensis nsis
app_version
mkdir -p "$OUT"
WORK=${WORK:-/var/tmp/secondment-build/windows}
mkdir -p "$WORK"
export_source "$WORK"
make_icons "$WORK/res"

# Resources: icon (GLFW_ICON), version information in Chinese, manifest.
fill "$PKG_DIR/windows/secondment.rc.in" "$WORK/res/secondment.rc"
fill "$PKG_DIR/windows/secondment.manifest.in" "$WORK/res/secondment.manifest"
syso="$WORK/src/cmd/secondment/rsrc_windows_amd64.syso"
(cd "$WORK/res" && x86_64-w64-mingw32-windres --codepage=65001 -O coff -i secondment.rc -o "$syso")

# The program: a console program (no -H windowsgui), so cmd.exe and PowerShell
# keep its output and exit codes; double-clicked it hides its own console.
t0=$(date +%s)
(cd "$WORK/src" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  nice -n 10 go build -trimpath -ldflags "-s -w" -o "$OUT/secondment.exe" ./cmd/secondment)
t1=$(date +%s)
subsystem=$(x86_64-w64-mingw32-objdump -p "$OUT/secondment.exe" | sed -n 's/^Subsystem[[:space:]]*//p')
case $subsystem in *"Windows CUI"*) ;; *) echo "secondment.exe is not a console program: $subsystem" >&2; exit 1 ;; esac

setup="$OUT/secondment-setup-$VERSION-amd64.exe"
(cd "$PKG_DIR/windows" && nice -n 10 makensis -V2 -DVERSION="$VERSION" -DVERSION4="$V1.$V2.$V3.$BUILD" \
  -DEXE="$OUT/secondment.exe" -DICON="$WORK/res/icon.ico" -DOUTFILE="$setup" installer.nsi)
t2=$(date +%s)

echo "commit $COMMIT, version $VERSION build $BUILD"
echo "secondment.exe: $(mib "$(size_of "$OUT/secondment.exe")") ($(size_of "$OUT/secondment.exe") B), go build $((t1 - t0)) s"
echo "$(basename "$setup"): $(mib "$(size_of "$setup")") ($(size_of "$setup") B), makensis $((t2 - t1)) s"
