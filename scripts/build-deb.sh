#!/usr/bin/env bash
# Builds the Debian package of Keyhaven from an already-built binary, with dpkg-deb and the
# hand-written files of packaging/debian/ (cargo-deb would do the same, at the price of a long
# compile on small machines).
#
#   scripts/build-deb.sh [--binary PATH] [--out DIR]
#
# --binary: the keyhaven binary to package (default: target/release/keyhaven, else
#           target/debug/keyhaven). It is stripped into the package; the original is untouched.
# --out:    where the .deb goes (default: target/deb). Prints the path of the .deb on its last line.
#
# Needs: dpkg-deb, fakeroot is not needed (--root-owner-group), binutils (strip), gzip.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
SRC=packaging/debian

BIN=""
OUT=target/deb
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) BIN="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        *) echo "usage: $0 [--binary PATH] [--out DIR]" >&2; exit 2 ;;
    esac
done
if [ -z "$BIN" ]; then
    for b in target/release/keyhaven target/debug/keyhaven; do
        if [ -x "$b" ]; then BIN="$b"; break; fi
    done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "build-deb: no keyhaven binary (cargo build --release first, or --binary PATH)" >&2; exit 1; }

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
ARCH="$(dpkg --print-architecture)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/root"

install -d -m 0755 "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/lib/systemd/system" \
    "$ROOT/etc/keyhaven" "$ROOT/usr/share/doc/keyhaven" "$ROOT/usr/share/lintian/overrides"
strip --strip-unneeded -o "$ROOT/usr/bin/keyhaven" "$BIN"
chmod 0755 "$ROOT/usr/bin/keyhaven"
install -m 0644 "$SRC/keyhaven.service" "$ROOT/lib/systemd/system/keyhaven.service"
install -m 0644 "$SRC/keyhaven.toml" "$ROOT/etc/keyhaven/keyhaven.toml"
install -m 0644 "$SRC/lintian-overrides" "$ROOT/usr/share/lintian/overrides/keyhaven"
install -m 0644 "$SRC/copyright" "$ROOT/usr/share/doc/keyhaven/copyright"
install -m 0644 README.md "$ROOT/usr/share/doc/keyhaven/README.md"
for d in docs/*.md; do
    install -m 0644 "$d" "$ROOT/usr/share/doc/keyhaven/$(basename "$d")"
done
sed "s/@VERSION@/$VERSION-1/" "$SRC/changelog" | gzip -9n >"$ROOT/usr/share/doc/keyhaven/changelog.Debian.gz"
chmod 0644 "$ROOT/usr/share/doc/keyhaven/changelog.Debian.gz"
for s in postinst prerm postrm; do
    install -m 0755 "$SRC/$s" "$ROOT/DEBIAN/$s"
done
install -m 0644 "$SRC/conffiles" "$ROOT/DEBIAN/conffiles"

# Shared libraries the binary links against, as package dependencies.
LIBC="$(dpkg-query -W -f='${Version}' libc6 | sed 's/-.*//')"
DEPENDS="libc6 (>= $LIBC)"
if ldd "$ROOT/usr/bin/keyhaven" 2>/dev/null | grep -q libgcc_s; then
    DEPENDS="$DEPENDS, libgcc-s1"
fi
# OpenSSL (the kmip-profile TLS policy): the package that ships the linked libssl (libssl3 on
# Debian 12, libssl3t64 on 13), at least the version built against.
SSL_LIB="$(ldd "$ROOT/usr/bin/keyhaven" 2>/dev/null | awk '/libssl\.so/ {print $3; exit}')"
if [ -n "$SSL_LIB" ]; then
    SSL_PKG="$(dpkg -S "$(readlink -f "$SSL_LIB")" 2>/dev/null | head -n 1 | cut -d: -f1)"
    if [ -n "$SSL_PKG" ]; then
        SSL_VER="$(dpkg-query -W -f='${Version}' "$SSL_PKG" | sed 's/-.*//')"
        DEPENDS="$DEPENDS, $SSL_PKG (>= $SSL_VER)"
    fi
fi
SIZE="$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)"
sed -e "s/@VERSION@/$VERSION-1/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" \
    -e "s/@DEPENDS@/$DEPENDS/" "$SRC/control.in" >"$ROOT/DEBIAN/control"
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort |
    xargs md5sum >DEBIAN/md5sums)
chmod 0644 "$ROOT/DEBIAN/md5sums"

mkdir -p "$OUT"
DEB="$OUT/keyhaven_${VERSION}-1_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz -z3 --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
