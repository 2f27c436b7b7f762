#!/usr/bin/env bash
# Installs everything Lodestone needs to build, test and run, from Debian 12 packages.
# Non-interactive and idempotent: when every package is present it returns at once.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config file dpkg-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl1-mesa-dev
  libtorch-dev libgdal-dev gdal-bin libopencv-dev libdlib-dev libqcustomplot-dev
  libfftw3-dev nlohmann-json3-dev libcli11-dev
  libgmt-dev liblzma-dev zlib1g-dev
  libgtest-dev libgmock-dev
  clang clang-format libclang-rt-14-dev llvm
  xvfb xauth
  help2man lintian
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed."
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
