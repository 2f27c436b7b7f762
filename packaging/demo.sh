#!/usr/bin/env bash
# README command 1: installs the dependencies, builds, and runs the main job on the built-in demo survey.
# With a display it opens the application with the demo survey and its labels; without one it runs the
# headless pipeline on the demo survey and prints where the outputs are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/build.sh
demo=build/demo
if [ ! -f "$demo/survey.tif" ]; then
  build/app/lodestone-cli demo --out "$demo"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/app/lodestone ]; then
  exec build/app/lodestone --labels "$demo/labels.tif" "$demo/survey.tif"
fi
build/app/lodestone-cli run --survey "$demo/survey.tif" --labels "$demo/labels.tif" --out build/demo-run
echo
echo "Demo survey:   $(pwd)/$demo (survey.tif, labels.tif, truth.tif)"
echo "Demo results:  $(pwd)/build/demo-run (classes.tif, probability.tif, features.tif, model.pt, report.json)"
