#!/bin/bash
# The evaluation benchmark: Lodestone's map against the zero-label magnetic baselines, over several seeds, on
# the Kolari grid (17 occurrences inside it, 17 random non-deposit pixels at least 3 km from every occurrence;
# headline: held-out groups, each group of deposits ranked by a model that did not see it) and on two 512 x 512
# demo surveys (their 14 + 17 labels; headline: prediction rate at every pixel of the deposit bodies of
# truth.tif, which the run never sees as labels).
#
#   bash tests/bench/evaluation.sh [--build-dir DIR] [--work DIR] [--seeds "0 1 2 3 4"] [--configs "default paper"]
#                                  [--extra "NAME=OPTIONS" ...] [--resume]
#
# Each configuration is a set of lodestone-cli options: "default" (none), "paper" (--preset paper); --extra adds
# NAME=OPTIONS configurations (e.g. --extra "ens3=--ensemble 3"). Prints, per data set and configuration, the
# model's headline AUC (mean, sd and range over the seeds), the best baseline's, and their difference; writes
# WORK/evaluation.json and WORK/evaluation.md. Without ../shared, Kolari is skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build"
WORK="${TMPDIR:-/tmp}/lodestone-evaluation"
SEEDS="0 1 2 3 4"
CONFIGS="default paper"
RESUME=0
declare -A EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) BUILD="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --seeds) SEEDS="$2"; shift ;;
        --configs) CONFIGS="$2"; shift ;;
        --extra) EXTRA["${2%%=*}"]="${2#*=}"; CONFIGS="$CONFIGS ${2%%=*}"; shift ;;
        --resume) RESUME=1 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
CLI="$BUILD/app/lodestone-cli"
KOLARI="$ROOT/../shared/data/kolari-iocg"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
say() { echo "[evaluation $(date +%H:%M:%S)] $*" >&2; }

for s in 1 2; do
    [ -s "$WORK/demo$s/survey.tif" ] || "$CLI" demo --out "$WORK/demo$s" --seed "$s" --quiet >/dev/null
done

options_of() {
    case "$1" in
        default) echo "" ;;
        paper) echo "--preset paper" ;;
        *) echo "${EXTRA[$1]}" ;;
    esac
}

DATASETS="demo1 demo2"
[ -f "$KOLARI/kolari_mag_anomaly_100m.tif" ] && DATASETS="kolari $DATASETS"

for data in $DATASETS; do
    case "$data" in
        kolari) INPUT=(--survey "$KOLARI/kolari_mag_anomaly_100m.tif" --points "$KOLARI/kolari_occurrences.shp"
                       --negatives 17 --negative-min-distance 3000) ;;
        demo*) INPUT=(--survey "$WORK/$data/survey.tif" --labels "$WORK/$data/labels.tif"
                      --validation-labels "$WORK/$data/truth.tif") ;;
    esac
    for config in $CONFIGS; do
        for seed in $SEEDS; do
            out="$WORK/$data/$config/seed$seed"
            if [ $RESUME -eq 1 ] && [ -s "$out/report.json" ]; then continue; fi
            say "$data $config seed $seed"
            mkdir -p "$(dirname "$out")"
            # shellcheck disable=SC2046
            /usr/bin/time -f "%e" -o "$out.time" "$CLI" run "${INPUT[@]}" --out "$out" --seed "$seed" --quiet \
                $(options_of "$config") > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
        done
    done
done

/usr/bin/python3 - "$WORK" "$DATASETS" "$CONFIGS" "$SEEDS" <<'EOF'
import json, math, os, sys
work, datasets, configs, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split()
def stats(v):
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0
    return m, sd, min(v), max(v)
rows, out = [], {}
for d in datasets:
    for c in configs:
        model, base, best, times, succ = [], {}, [], [], []
        for s in seeds:
            p = f"{work}/{d}/{c}/seed{s}"
            r = json.load(open(p + "/report.json"))
            e = r["evaluation"]
            key = "prediction" if e["headline"] == "prediction" else "held_out"
            model.append(e["rows"][0][key]["auc"])
            succ.append(e["rows"][0]["success"]["auc"])
            for row in e["rows"][1:]:
                base.setdefault(row["name"], []).append(row[key]["auc"])
            times.append(float(open(p + ".time").read().split()[-1]))
        bname = max(base, key=lambda n: sum(base[n]) / len(base[n]))
        m, sd, lo, hi = stats(model)
        b = stats(base[bname])[0]
        out[f"{d}/{c}"] = {"headline": key, "model": model, "success": succ, "baselines": base, "seconds": times}
        rows.append(f"| {d} | {c} | {key} | {m:.3f} ± {sd:.3f} ({lo:.3f}–{hi:.3f}) | {bname} {b:.3f} | {m - b:+.3f} | {stats(succ)[0]:.3f} | {stats(times)[0]:.0f} |")
head = ["| data | configuration | headline | model AUC, mean ± sd (range) over seeds | best baseline | model − best | success AUC | s per run |",
        "|---|---|---|---|---|---|---|---|"]
text = "\n".join(head + rows)
print(text)
open(f"{work}/evaluation.md", "w").write(text + "\n")
json.dump(out, open(f"{work}/evaluation.json", "w"), indent=1)
EOF
