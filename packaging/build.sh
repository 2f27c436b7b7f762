#!/usr/bin/env bash
# Installs the dependencies and builds Lodestone (Release) in build/; incremental on a second run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build -j "$(nproc)"
