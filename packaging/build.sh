#!/usr/bin/env bash
# Installs the dependencies and builds Lodestone (Release) in build/; incremental on a second run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
# LODESTONE_WERROR=ON (set by CI, not by the README's commands) turns warnings in Lodestone's code into errors.
if [ ! -f build/CMakeCache.txt ] || [ -n "${LODESTONE_WERROR:-}" ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${LODESTONE_WERROR:+-DLODESTONE_WERROR=$LODESTONE_WERROR}
fi
cmake --build build -j "$(nproc)"
