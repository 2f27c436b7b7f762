#!/usr/bin/env bash
# README command 2: installs the dependencies, builds, and runs the whole test suite (benchmarks excluded).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
exec ctest --test-dir build --label-exclude bench --output-on-failure --timeout 900 -j "$(nproc)"
