#!/bin/bash
# How a streamed run grows with the survey: demo surveys of several sizes, each run end to end by lodestone-cli with
# --stream on (feature rasters computed strip by strip and written block by block to a tiled GeoTIFF), default
# settings otherwise. Prints per-stage times, time per million pixels, peak memory and output size, and the least-
# squares line of time against pixels.
#
#   bash tests/bench/scale.sh [--sizes "2500 5000 10000"] [--work DIR] [--build-dir DIR] [--keep]
#
# The largest default size, 10000 x 10000 (100 million pixels), needs about 15 GB of free disk for features.tif
# (32 Float32 bands) and takes several minutes on 2 cores. Outputs are removed after each size unless --keep.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build-bench"
WORK="${TMPDIR:-/tmp}/lodestone-scale"
SIZES="2500 5000 10000"
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --build-dir) BUILD="$2"; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
say() { echo "[scale $(date +%H:%M:%S)] $*" >&2; }
command -v /usr/bin/time > /dev/null || { echo "/usr/bin/time is missing (Debian package time)" >&2; exit 1; }
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DLODESTONE_BUILD_GUI=OFF -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build "$BUILD" -j2 --target lodestone-cli >&2
CLI="$BUILD/app/lodestone-cli"
mkdir -p "$WORK"

for n in $SIZES; do
    d="$WORK/demo$n"; out="$WORK/run$n"
    if [ ! -f "$d/survey.tif" ]; then
        say "demo survey $n x $n"
        "$CLI" demo --width "$n" --height "$n" --seed 1 --out "$d" >&2
    fi
    say "streamed run $n x $n (load $(cut -d' ' -f1 /proc/loadavg))"
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %M' -o "$WORK/time$n" "$CLI" run --survey "$d/survey.tif" --labels "$d/labels.tif" \
        --out "$out" --stream on --quiet > "$WORK/log$n" 2>&1 || { cat "$WORK/log$n" >&2; exit 1; }
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    read -r wall rss < "$WORK/time$n"
    bytes=$(du -cb "$out"/*.tif | tail -1 | cut -f1)
    cp "$out/report.json" "$WORK/report$n.json"
    printf '{"size": %d, "wall_s": %s, "peak_rss_mb": %s, "output_bytes": %s, "load_before": %s, "load_after": %s}\n' \
        "$n" "$wall" "$(awk -v k="$rss" 'BEGIN{printf "%.1f", k/1024}')" "$bytes" "$load_before" "$load_after" > "$WORK/measure$n.json"
    [ $KEEP -eq 1 ] || rm -rf "$out"
done

/usr/bin/python3 - "$WORK" $SIZES <<'EOF'
import json, sys
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
rows = []
for n in sizes:
    m = json.load(open(f"{work}/measure{n}.json")); r = json.load(open(f"{work}/report{n}.json"))
    st = r["stage_seconds"]; mpx = n * n / 1e6
    rows.append((n, mpx, m, st))
print("| survey | Mpx | whole process, s | train, s | features (computed and written), s | CV, s | classify (read, classify, write), s | "
      "features + classify per Mpx, s | peak RSS, MB | outputs, GB | load before / after |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for n, mpx, m, st in rows:
    per = (st["feature_rasters"] + st["classification"]) / mpx
    print(f"| {n} x {n} | {mpx:.2f} | {m['wall_s']:.1f} | {st['train_autoencoder']:.1f} | {st['feature_rasters']:.1f} | "
          f"{st['cross_validation']:.1f} | {st['classification']:.1f} | {per:.3f} | {m['peak_rss_mb']:.0f} | "
          f"{m['output_bytes'] / 1e9:.2f} | {m['load_before']} / {m['load_after']} |")
if len(rows) >= 2:
    xs = [r[1] for r in rows]; ys = [r[2]["wall_s"] for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    a = my - b * mx
    worst = max(abs(y - (a + b * x)) / y for x, y in zip(xs, ys))
    print(f"\nLeast-squares line: whole process = {a:.1f} s + {b:.3f} s per million pixels; largest deviation of a "
          f"measurement from the line {100 * worst:.1f}%.")
EOF
