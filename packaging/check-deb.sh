#!/usr/bin/env bash
# Builds the .deb with CPack from a build folder, checks that it holds what a desktop install needs, and runs
# lintian on it: any error fails the check (warnings and notes are printed).
# Usage: check-deb.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" > "$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
contents=$(dpkg-deb -c "$deb")
status=0
for f in ./usr/bin/lodestone ./usr/bin/lodestone-cli ./usr/libexec/lodestone/lodestone-grid-worker \
         ./usr/share/applications/org.lodestone.Lodestone.desktop \
         ./usr/share/metainfo/org.lodestone.Lodestone.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.lodestone.Lodestone.svg \
         ./usr/share/icons/hicolor/48x48/apps/org.lodestone.Lodestone.png \
         ./usr/share/doc/lodestone/copyright ./usr/share/doc/lodestone/changelog.gz \
         ./usr/share/man/man1/lodestone.1.gz ./usr/share/man/man1/lodestone-cli.1.gz; do
  if ! grep -q " $f\$" <<<"$contents"; then
    echo "missing from $(basename "$deb"): $f"
    status=1
  fi
done
dpkg-deb -f "$deb" Depends | grep -q libtorch || { echo "Depends lacks libtorch"; status=1; }
if dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/org.lodestone.Lodestone.desktop |
   grep -q '^MimeType=.*image/'; then
  echo "the desktop file offers Lodestone for images"
  status=1
fi
[ $status -eq 0 ] && echo "$(basename "$deb") holds both executables, the desktop file, AppStream metadata, icons," \
  "copyright, changelog and manual pages"
if ! command -v lintian > /dev/null; then
  echo "lintian is not installed (packaging/install-deps.sh installs it)"
  exit 1
fi
# Lintian refuses to run as root unless told; it only reads the package.
lintian --allow-root --fail-on error --display-info "$deb" > "$out/lintian.log" 2>&1 || status=1
cat "$out/lintian.log"
if [ $status -eq 0 ]; then
  echo "lintian: no errors ($(grep -c '^W:' "$out/lintian.log" || true) warnings)"
fi
exit $status
