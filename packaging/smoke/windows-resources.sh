#!/usr/bin/env bash
# Shows what secondment.exe carries: subsystem (console), the icon (GLFW_ICON),
# the version information (Chinese) and the manifest.
#   packaging/smoke/windows-resources.sh [secondment.exe]
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
EXE=${1:-$OUT/secondment.exe}
need wrestool icoutils
echo "== x86_64-w64-mingw32-objdump -p: header"
x86_64-w64-mingw32-objdump -p "$EXE" | grep -E '^(Subsystem|MajorSubsystemVersion|MinorSubsystemVersion|MajorOSystemVersion|DllCharacteristics)'
echo "== x86_64-w64-mingw32-objdump -p: resource directory (named entries)"
x86_64-w64-mingw32-objdump -p "$EXE" | sed -n '/The .rsrc Resource Directory/,/^$/p' | grep -E 'Type Table|name:|Entry: ID: 0x0000(03|0e|10|18),' || true
echo "== wrestool -l"
wrestool -l "$EXE"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
wrestool -x -t 14 -n GLFW_ICON "$EXE" -o "$tmp/glfw.ico" 2>/dev/null || wrestool -x -t 14 "$EXE" -o "$tmp/glfw.ico"
echo "== icon GLFW_ICON (icotool -l)"
icotool -l "$tmp/glfw.ico"
echo "== version information (wrestool -x --raw -t 16, UTF-16 strings)"
wrestool -x --raw -t 16 "$EXE" | python3 -c '
import sys, re
b = sys.stdin.buffer.read()
s = b.decode("utf-16-le", "replace")
for part in [p for p in s.split("\x00") if p.strip()]:
    if re.search(r"[\w\u4e00-\u9fff]", part) and not part.startswith("\ufffd"):
        print(" ", part)
'
echo "== manifest (wrestool -x --raw -t 24)"
wrestool -x --raw -t 24 "$EXE"
