#!/usr/bin/env bash
# Builds the .deb with CPack from a build folder and checks that it holds what a desktop install needs.
# Usage: check-deb.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" > "$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
contents=$(dpkg-deb -c "$deb")
status=0
for f in ./usr/bin/lodestone ./usr/bin/lodestone-cli \
         ./usr/share/applications/org.lodestone.Lodestone.desktop \
         ./usr/share/metainfo/org.lodestone.Lodestone.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/org.lodestone.Lodestone.svg \
         ./usr/share/icons/hicolor/48x48/apps/org.lodestone.Lodestone.png; do
  if ! grep -q " $f\$" <<<"$contents"; then
    echo "missing from $(basename "$deb"): $f"
    status=1
  fi
done
dpkg-deb -f "$deb" Depends | grep -q libtorch || { echo "Depends lacks libtorch"; status=1; }
[ $status -eq 0 ] && echo "$(basename "$deb") holds both executables, the desktop file, AppStream metadata and icons"
exit $status
