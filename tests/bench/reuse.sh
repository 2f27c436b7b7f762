#!/bin/bash
# The labelling loop: what a label edit costs once the network is trained. On the Kolari grid (its occurrences and
# 17 random non-deposit pixels at least 3 km from them) and on the paper-size demo survey (2434 x 607, its labels),
# with the default settings:
#   - lodestone-cli: a full run, then a label edit (Kolari: 20 random non-deposit pixels instead of 17; the demo: 3
#     more 3 x 3 blocks of labels, lodestone-bench edit-labels) run in full and with --reuse-features FIRST; wall
#     time of each and their stage times, and whether the two class maps hold the same values;
#   - the application (lodestone-live-bench, offscreen): the first Train, a Train after an edit (reusing the
#     network), and with Live on the time from each of N label edits to the redrawn probability map.
# Writes WORK/reuse.json (one object per measurement) and prints a summary.
#
#   bash tests/bench/reuse.sh [--build-dir DIR] [--work DIR] [--datasets "kolari paper"] [--repeats N] [--no-gui]
#
# Without ../shared, Kolari is skipped. Takes about 10 minutes on 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build"
WORK="${TMPDIR:-/tmp}/lodestone-reuse"
DATASETS="kolari paper"
REPEATS=5
GUI=1
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) BUILD="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --datasets) DATASETS="$2"; shift ;;
        --repeats) REPEATS="$2"; shift ;;
        --no-gui) GUI=0 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
say() { echo "[reuse $(date +%H:%M:%S)] $*" >&2; }
command -v /usr/bin/time > /dev/null || { echo "/usr/bin/time is missing (Debian package time)" >&2; exit 1; }
CLI="$BUILD/app/lodestone-cli"
BENCH="$BUILD/tests/bench/lodestone-bench"
LIVE="$BUILD/tests/bench/lodestone-live-bench"
KOLARI="$ROOT/../shared/data/kolari-iocg"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
OUT="$WORK/reuse.json"
: > "$OUT"

# Runs lodestone-cli with the arguments, timed; appends a JSON object naming it to reuse.json.
timed_run() {
    local name="$1" dataset="$2" out="$3"
    shift 3
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    say "$dataset: $name (load $load)"
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$CLI" run "$@" --out "$out" --quiet > "$WORK/log" 2>&1 ||
        { cat "$WORK/log" >&2; exit 1; }
    read -r wall rss < "$WORK/time"
    /usr/bin/python3 - "$name" "$dataset" "$wall" "$rss" "$load" "$out/report.json" >> "$OUT" <<'EOF'
import json, sys
name, dataset, wall, rss, load, report = sys.argv[1:]
r = json.load(open(report))
print(json.dumps({"measure": "cli", "dataset": dataset, "run": name, "wall_s": float(wall),
                  "peak_rss_mb": round(int(rss) / 1024), "load_before": float(load),
                  "size": [r["survey"]["width"], r["survey"]["height"]],
                  "labels": [r["labels"]["deposit"], r["labels"]["non_deposit"]],
                  "features_reused_from": r.get("features_reused_from"), "stage_seconds": r.get("stage_seconds")}))
EOF
}

for dataset in $DATASETS; do
    case "$dataset" in
        kolari)
            if [ ! -f "$KOLARI/kolari_mag_anomaly_100m.tif" ]; then
                say "no ../shared: Kolari skipped"
                continue
            fi
            survey="$KOLARI/kolari_mag_anomaly_100m.tif"
            points=(--points "$KOLARI/kolari_occurrences.shp" --negative-min-distance 3000)
            # The edit: 20 random non-deposit pixels instead of 17 (the CLI draws them among the points).
            before=(--survey "$survey" "${points[@]}" --negatives 17)
            after=(--survey "$survey" "${points[@]}" --negatives 20)
            gui=("${before[@]}")
            ;;
        paper)
            d="$WORK/paper-data"
            if [ ! -f "$d/survey.tif" ]; then
                "$CLI" demo --width 2434 --height 607 --seed 1 --out "$d" --quiet > /dev/null
            fi
            "$BENCH" edit-labels "$d/survey.tif" "$d/labels.tif" "$d/edited.tif" --count 3 --seed 1 > /dev/null
            before=(--survey "$d/survey.tif" --labels "$d/labels.tif")
            after=(--survey "$d/survey.tif" --labels "$d/edited.tif")
            gui=("${before[@]}")
            ;;
        *) echo "unknown dataset $dataset" >&2; exit 2 ;;
    esac
    timed_run first "$dataset" "$WORK/$dataset-first" "${before[@]}"
    timed_run edited_full "$dataset" "$WORK/$dataset-full" "${after[@]}"
    timed_run edited_reuse "$dataset" "$WORK/$dataset-reuse" "${after[@]}" --reuse-features "$WORK/$dataset-first"
    # The class maps, value by value.
    if cmp -s <(gdal_translate -q -of XYZ "$WORK/$dataset-full/classes.tif" /vsistdout/) \
              <(gdal_translate -q -of XYZ "$WORK/$dataset-reuse/classes.tif" /vsistdout/); then
        same=true
    else
        same=false
    fi
    echo "{\"measure\": \"same_classes\", \"dataset\": \"$dataset\", \"same\": $same}" >> "$OUT"
    if [ $GUI -eq 1 ] && [ -x "$LIVE" ]; then
        say "$dataset: the application (load $(cut -d' ' -f1 /proc/loadavg))"
        QT_QPA_PLATFORM=offscreen "$LIVE" "${gui[@]}" --repeats "$REPEATS" > "$WORK/live.json" 2> "$WORK/live.log" ||
            { cat "$WORK/live.log" >&2; exit 1; }
        /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.update(measure="gui", dataset=sys.argv[2]); print(json.dumps(d))' \
            "$WORK/live.json" "$dataset" >> "$OUT"
    fi
done

/usr/bin/python3 - "$OUT" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in rows:
    if r["measure"] == "cli":
        st = r["stage_seconds"] or {}
        print(f'{r["dataset"]:7} cli {r["run"]:13} {r["wall_s"]:7.1f} s  size {r["size"][0]} x {r["size"][1]}, '
              f'labels {r["labels"][0]} + {r["labels"][1]}, load {r["load_before"]}; stages: ' +
              ", ".join(f"{k} {v:.1f}" for k, v in st.items() if k != "total"))
    elif r["measure"] == "same_classes":
        print(f'{r["dataset"]:7} classes.tif of the reusing run equal to the full run: {r["same"]}')
    else:
        print(f'{r["dataset"]:7} gui first Train {r["first_train_s"]:.1f} s, Train reusing the network '
              f'{r["reuse_train_s"]:.1f} s, edit to redrawn map (Live, {r["live_delay_ms"]} ms debounce) median '
              f'{r["edit_to_map_median_ms"]:.0f} ms {r["edit_to_map_ms"]}, preview run median '
              f'{r["preview_run_median_s"]:.2f} s, largest GUI-thread gap {max(r["largest_gui_gap_ms"]):.0f} ms')
EOF
