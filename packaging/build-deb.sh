#!/usr/bin/env bash
# Builds the Linux packages on Debian 12, for glibc 2.28 and later:
#   $OUT/secondment_VERSION-BUILD_amd64.deb   $OUT/secondment_VERSION-BUILD_arm64.deb
#   packaging/build-deb.sh [amd64] [arm64]      (default: both)
# arm64 is cross-compiled with gcc-aarch64-linux-gnu against Debian's arm64 GL/X11
# -dev packages (dpkg --add-architecture arm64; installed here when missing).
# glibc: Debian 12 links against glibc 2.36 (the program then needs 2.34); the
# statistics office's 统信UOS 20 and 麒麟 V10 ship 2.28. linux/glibc-compat.py
# binds every glibc symbol to its newest version <= 2.28 (see there); the build
# fails if the program still needs anything newer. BEFORE=1 also builds the
# program without that, to report the glibc it needs then.
# The source is the committed tree (HEAD); SRC=worktree builds the working tree.
# OUT defaults to /var/tmp/secondment-dist. A cold build compiles GLFW (minutes).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ARCHES=("$@"); [ ${#ARCHES[@]} -gt 0 ] || ARCHES=(amd64 arm64)
MAXGLIBC=${MAXGLIBC:-2.28}
app_version
DEBVERSION="$VERSION-$BUILD"
WORK=${WORK:-/var/tmp/secondment-build/linux}
mkdir -p "$OUT" "$WORK"
need dpkg-deb dpkg
need python3 python3
export_source "$WORK"
make_icons "$WORK/icons"
X11DEV="libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libc6-dev"

glibc_of() {  # the newest GLIBC_ symbol version a binary needs
  "$1" -T "$2" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1
}

for arch in "${ARCHES[@]}"; do
  case $arch in
    amd64) cc=gcc objdump=objdump libdir=/lib/x86_64-linux-gnu
           need gcc gcc
           dpkg -s libgl1-mesa-dev:amd64 libxxf86vm-dev:amd64 >/dev/null 2>&1 ||
             DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $X11DEV ;;
    arm64) cc=aarch64-linux-gnu-gcc objdump=aarch64-linux-gnu-objdump libdir=/usr/lib/aarch64-linux-gnu
           need aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
           if ! dpkg -s libgl1-mesa-dev:arm64 libxxf86vm-dev:arm64 >/dev/null 2>&1; then
             dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
             apt-get -o DPkg::Lock::Timeout=600 update -qq
             DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
               $(for p in $X11DEV; do printf '%s:arm64 ' "$p"; done)
           fi ;;
    *) echo "unknown architecture $arch (amd64, arm64)" >&2; exit 2 ;;
  esac
  goenv=(CGO_ENABLED=1 GOOS=linux GOARCH="$arch" CC="$cc")
  bin="$WORK/$arch/secondment"
  mkdir -p "$WORK/$arch"

  if [ "${BEFORE:-0}" = 1 ]; then
    t0=$(date +%s)
    # As the README builds it (no -trimpath, so the GLFW of earlier builds is reused).
    (cd "$WORK/src" && env "${goenv[@]}" nice -n 10 go build -ldflags "-s -w" -o "$bin.plain" ./cmd/secondment)
    echo "$arch before: $(glibc_of "$objdump" "$bin.plain"), $(mib "$(size_of "$bin.plain")"), go build $(( $(date +%s) - t0 )) s"
  fi

  # glibc 2.28: symbol versions, the old __libc_start_main, the libraries that
  # held pthread_*, dl* and shm_* before 2.34.
  compat="$WORK/$arch/compat"
  OBJDUMP=$objdump python3 "$PKG_DIR/linux/glibc-compat.py" "$libdir" "$compat" "$MAXGLIBC"
  "$cc" -O2 -fPIC -c -o "$compat/compat.o" "$compat/compat.c"
  # compat.o goes in as -Wl,FILE: Go's linker tries the flags in a test link
  # (to see whether -no-pie works) keeping only -Wl,… ones, and --wrap without
  # the wrapper would fail that test.
  ext="-Wl,$compat/compat.o -Wl,--wrap=__libc_start_main -Wl,--no-as-needed -l:libpthread.so.0 -l:libdl.so.2 -l:librt.so.1 -l:libresolv.so.2 -l:libm.so.6"
  # The header's hash in the flags, so that Go's build cache never reuses C
  # objects compiled with another version of it.
  hsum=$(sha256sum "$compat/symver.h" | cut -c1-16)
  t0=$(date +%s)
  (cd "$WORK/src" && env "${goenv[@]}" CGO_CFLAGS="-O2 -g -include $compat/symver.h -DSECONDMENT_GLIBC_COMPAT=$hsum" \
    nice -n 10 go build -trimpath -ldflags "-s -w -extldflags '$ext'" -o "$bin" ./cmd/secondment)
  tb=$(( $(date +%s) - t0 ))
  g=$(glibc_of "$objdump" "$bin")
  if [ "$(printf '%s\n' "GLIBC_$MAXGLIBC" "$g" | sort -V | tail -1)" != "GLIBC_$MAXGLIBC" ]; then
    echo "$arch: the program still needs $g:" >&2
    "$objdump" -T "$bin" | grep -E "GLIBC_2\.(29|3[0-9])" >&2
    exit 1
  fi
  echo "$arch after: $g, $(mib "$(size_of "$bin")"), go build $tb s"
  # Every symbol resolved at start (LD_BIND_NOW) through the old bindings.
  if [ "$arch" = amd64 ]; then
    LD_BIND_NOW=1 LANG=zh_CN.UTF-8 "$bin" --help >/dev/null || { echo "amd64 binary does not start" >&2; exit 1; }
  elif command -v qemu-aarch64 >/dev/null && [ -e /lib/ld-linux-aarch64.so.1 ]; then
    LD_BIND_NOW=1 LANG=zh_CN.UTF-8 qemu-aarch64 "$bin" --help >/dev/null || { echo "arm64 binary does not start under qemu-aarch64" >&2; exit 1; }
  fi

  # The package tree.
  root="$WORK/$arch/root"
  rm -rf "$root"
  install -D -m 0755 "$bin" "$root/usr/bin/secondment"
  install -D -m 0644 "$PKG_DIR/linux/secondment.desktop" "$root/usr/share/applications/cn.wenzhou.secondment-desk.desktop"
  for s in 16 24 32 48 64 128 256; do
    install -D -m 0644 "$WORK/icons/icon-$s.png" "$root/usr/share/icons/hicolor/${s}x${s}/apps/secondment.png"
  done
  install -D -m 0644 "$REPO/assets/icon/icon.svg" "$root/usr/share/icons/hicolor/scalable/apps/secondment.svg"
  doc="$root/usr/share/doc/secondment"
  mkdir -p "$doc"
  sed "s/@COMMIT@/$COMMIT/" "$PKG_DIR/linux/copyright.in" > "$doc/copyright"
  cp "$REPO/assets/fonts/LICENSE-"*.txt "$doc/"
  chmod 0644 "$doc"/*
  mkdir -p "$root/DEBIAN"
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  depends="libc6 (>= ${g#GLIBC_}), libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"
  sed -e "s/@DEBVERSION@/$DEBVERSION/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
      -e "s/@DEPENDS@/$depends/" -e "s/@GLIBC@/${MAXGLIBC}/" "$PKG_DIR/linux/control.in" > "$root/DEBIAN/control"
  deb="$OUT/secondment_${DEBVERSION}_$arch.deb"
  dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
  echo "$(basename "$deb"): $(mib "$(size_of "$deb")") ($(size_of "$deb") B), installed $size KiB, Depends: $depends"
done
