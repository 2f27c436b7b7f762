#!/bin/bash
# The desktop application on a large survey: a demo survey of SIZE x SIZE cells (10000 by default) opened with its
# label raster in the application (offscreen), trained with the Training panel's settings and one network, and its
# results shown: the probability map drawn, the feature browser's thumbnails, one feature raster as a layer.
# The run streams by the rule of lodestone-cli run (jobStreams()), counting the feature rasters the application keeps. Prints the bench's JSON (time of each
# step) with the peak resident memory of the whole process (/usr/bin/time -v) and the run folder's size.
#
#   bash tests/bench/gui-scale.sh [--size N] [--work DIR] [--build-dir DIR] [--screenshot PNG] [--feature K] [--keep]
#
# 10000 x 10000 needs about 6 GB of free disk for the run's temporary features.tif (in TMPDIR) and takes several
# minutes on 2 cores. The demo survey is kept in DIR for the next run; --keep keeps the log too.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build"
WORK="${TMPDIR:-/tmp}/lodestone-gui-scale"
SIZE=10000
SHOT=""
FEATURE=0
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --size) SIZE="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --build-dir) BUILD="$2"; shift ;;
        --screenshot) SHOT="$2"; shift ;;
        --feature) FEATURE="$2"; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
say() { echo "[gui-scale $(date +%H:%M:%S)] $*" >&2; }
command -v /usr/bin/time > /dev/null || { echo "/usr/bin/time is missing (Debian package time)" >&2; exit 1; }
cmake --build "$BUILD" -j2 --target lodestone-cli lodestone-gui-scale-bench >&2
CLI="$BUILD/app/lodestone-cli"
BENCH="$BUILD/tests/bench/lodestone-gui-scale-bench"
mkdir -p "$WORK"
d="$WORK/demo$SIZE"
if [ ! -f "$d/survey.tif" ]; then
    say "demo survey $SIZE x $SIZE"
    "$CLI" demo --width "$SIZE" --height "$SIZE" --seed 1 --out "$d" >&2
fi
args=(--survey "$d/survey.tif" --labels "$d/labels.tif" --ensemble 1 --feature "$FEATURE")
[ -z "$SHOT" ] || args+=(--screenshot "$SHOT")
say "application $SIZE x $SIZE (load $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores)"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export TMPDIR="$WORK"
/usr/bin/time -v -o "$WORK/time$SIZE" "$BENCH" "${args[@]}" > "$WORK/bench$SIZE.json" 2> "$WORK/log$SIZE" ||
    { cat "$WORK/log$SIZE" >&2; exit 1; }
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time$SIZE")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time$SIZE")
/usr/bin/python3 - "$WORK/bench$SIZE.json" "$rss" "$wall" "$(nproc)" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
result["peak_rss_mb"] = round(int(sys.argv[2]) / 1024, 1)
result["wall_clock"] = sys.argv[3]
result["cores"] = int(sys.argv[4])
print(json.dumps(result))
PY
[ $KEEP -eq 1 ] || rm -f "$WORK/log$SIZE"
