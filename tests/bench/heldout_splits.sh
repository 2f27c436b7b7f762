#!/bin/bash
# Held-out occurrences drawn at random, the way a user holds some known deposits back: on the Kolari grid, each
# split draws K of the occurrences inside the grid as deposit labels and M random non-deposit pixels far from
# every occurrence (../shared/bench/make_labels.py, the split's seed), runs lodestone-cli on that label raster
# with the occurrences not drawn as --validation-points, and ranks them on the map (prediction-rate AUC). Every
# split scores the zero-label baselines on the same held-out occurrences (report.json's baseline rows), so the
# model's difference to the best of them is paired; ../shared/bench/heldout_auc.py recomputes the model's AUC
# from probability.tif as a cross-check of Lodestone's own evaluation.
#
#   bash tests/bench/heldout_splits.sh [--build-dir DIR] [--work DIR] [--splits "0 1 ... 19"] [--configs default]
#                                      [--extra "NAME=OPTIONS" ...] [--deposits 12] [--non-deposits 17]
#                                      [--min-dist 3000] [--commodity ""] [--resume]
#
# The run's seed is the split's. Prints per configuration the model's AUC (mean ± sd over splits), the analytic
# signal's and the best baseline's on the same splits, the paired differences (± standard error) and the splits
# above; writes WORK/heldout.json and WORK/heldout.md. Needs ../shared (exits 0 with a note without it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build"
WORK="${TMPDIR:-/tmp}/lodestone-heldout"
SPLITS="$(seq -s ' ' 0 19)"
CONFIGS="default"
DEPOSITS=12
NONDEPOSITS=17
MINDIST=3000
COMMODITY=""
RESUME=0
declare -A EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) BUILD="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --splits) SPLITS="$2"; shift ;;
        --configs) CONFIGS="$2 ${!EXTRA[*]}"; shift ;;
        --extra) EXTRA["${2%%=*}"]="${2#*=}"; CONFIGS="$CONFIGS ${2%%=*}"; shift ;;
        --deposits) DEPOSITS="$2"; shift ;;
        --non-deposits) NONDEPOSITS="$2"; shift ;;
        --min-dist) MINDIST="$2"; shift ;;
        --commodity) COMMODITY="$2"; shift ;;
        --resume) RESUME=1 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
CLI="$BUILD/app/lodestone-cli"
KOLARI="$ROOT/../shared/data/kolari-iocg"
REF="$ROOT/../shared/bench"
if [ ! -f "$KOLARI/kolari_mag_anomaly_100m.tif" ] || [ ! -f "$REF/make_labels.py" ]; then
    echo "heldout_splits: ../shared is absent; nothing to measure" >&2
    exit 0
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
GRID="$KOLARI/kolari_mag_anomaly_100m.tif"
say() { echo "[heldout $(date +%H:%M:%S)] $*" >&2; }

options_of() {
    case "$1" in
        default) echo "" ;;
        paper) echo "--preset paper" ;;
        *) echo "${EXTRA[$1]}" ;;
    esac
}

for split in $SPLITS; do
    labels="$WORK/split$split/labels.tif"
    held="$WORK/split$split/heldout.csv"
    stamp="deposits=$DEPOSITS non-deposits=$NONDEPOSITS min-dist=$MINDIST commodity=$COMMODITY"
    if [ ! -s "$held" ] || [ "$(cat "$WORK/split$split/labels.settings" 2>/dev/null)" != "$stamp" ]; then
        # New splits, or splits drawn with other settings: draw them again and drop the runs made on the old ones.
        rm -rf "$WORK/split$split"
        mkdir -p "$WORK/split$split"
        /usr/bin/python3 "$REF/make_labels.py" "$GRID" "$KOLARI/kolari_occurrences.csv" "$labels" \
            --commodity "$COMMODITY" --deposits "$DEPOSITS" --non-deposits "$NONDEPOSITS" --min-dist "$MINDIST" \
            --seed "$split" --heldout "$held" > "$WORK/split$split/labels.log"
        echo "$stamp" > "$WORK/split$split/labels.settings"
    fi
    for config in $CONFIGS; do
        out="$WORK/split$split/$config"
        if [ $RESUME -eq 1 ] && [ -s "$out/report.json" ] && [ -s "$out.check" ] && [ -s "$out.time" ]; then continue; fi
        say "split $split $config"
        # shellcheck disable=SC2046
        /usr/bin/time -f "%e" -o "$out.time" "$CLI" run --survey "$GRID" --labels "$labels" \
            --validation-points "$held" --out "$out" --seed "$split" --quiet $(options_of "$config") \
            > "$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
        /usr/bin/python3 "$REF/heldout_auc.py" "$out/probability.tif" "$held" --mask-from "$GRID" > "$out.check"
    done
done

/usr/bin/python3 - "$WORK" "$CONFIGS" "$SPLITS" <<'EOF'
import json, math, sys
work, configs, splits = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def mean_sd(v):
    m = sum(v) / len(v)
    return m, (math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0)
rows, out = [], {}
for c in configs:
    model, check, base, times, used = [], [], {}, [], []
    for s in splits:
        p = f"{work}/split{s}/{c}"
        e = json.load(open(p + "/report.json"))["evaluation"]
        if e["headline"] != "prediction":
            sys.exit(f"heldout_splits: {p}: no prediction rate in report.json")
        model.append(e["rows"][0]["prediction"]["auc"])
        used.append(e["validation_used"])
        for row in e["rows"][1:]:
            base.setdefault(row["name"], []).append(row["prediction"]["auc"])
        check.append(json.load(open(p + ".check"))["auc"])
        times.append(float(open(p + ".time").read().split()[-1]))
    worst = max(abs(a - b) for a, b in zip(model, check))
    if worst > 1e-4:
        sys.exit(f"heldout_splits: {c}: report.json and heldout_auc.py disagree by {worst:.5f}")
    best = max(base, key=lambda n: mean_sd(base[n])[0])
    m, sd = mean_sd(model)
    cells = []
    for name in ("as", best):
        d = [a - b for a, b in zip(model, base[name])]
        dm, dsd = mean_sd(d)
        cells.append(f"{mean_sd(base[name])[0]:.3f} | {dm:+.4f} ± {dsd / math.sqrt(len(d)):.4f} ({sum(x > 0 for x in d)} of {len(d)})")
    out[c] = {"model": model, "baselines": base, "validation_used": used, "seconds": times, "splits": splits}
    rows.append(f"| {c} | {m:.3f} ± {sd:.3f} | {cells[0]} | {best} {cells[1]} | {mean_sd(times)[0]:.1f} |")
head = ["| configuration | model AUC, mean ± sd over splits | analytic signal | model − analytic signal (± se; splits above) "
        "| best baseline | model − best (± se; splits above) | s per run |", "|---|---|---|---|---|---|---|"]
text = "\n".join(head + rows)
print(text)
open(f"{work}/heldout.md", "w").write(text + "\n")
json.dump(out, open(f"{work}/heldout.json", "w"), indent=1)
EOF
