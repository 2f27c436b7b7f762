#!/bin/bash
# Lodestone against the Python reference of the paper (../shared/bench/reference_paper.py), same inputs, same
# settings, same seed, in the same run; plus the paper-size end-to-end run and the whole-map prediction time.
#
#   bash tests/bench/run_benchmarks.sh [--quick] [--resume] [--build-dir DIR] [--work DIR] [--seeds "0 1 2"]
#
# Full run (about an hour on 2 cores: the reference's stride-1 stitch alone takes minutes on 512 x 512 and
# about ten on Kolari): a 512 x 512 demo survey and the Kolari grid, each run end to end by both; the training
# sub-benchmark (both train on the same survey with the same settings; validation loss on the same fixed
# patches) for every seed; the 2434 x 607 paper-size demo end to end with default settings, twice; whole-map
# prediction on its features, three times; streamed runs at 2500, 5000 and 10000 pixels square (scale.sh) and the
# time from Ctrl-C to exit in every stage (cancel_latency.py), about 20 minutes more. --quick: a 256 x 256 demo with 4,000 patches and 2 epochs, one seed,
# no Kolari (a few minutes). --resume keeps every measurement already in WORK and runs only the missing ones.
# Prints the table and writes WORK/results.json, WORK/results.md and every log.
#
# Noise of the CV scores: one run's score depends on the training seed (the features) and on the folds; with
# 24 to 28 labelled pixels one position is 4% of accuracy. Lodestone is also run end to end with four more
# seeds, with the reference's batch of 256 (the reference's own procedure: same network, loss, optimiser and
# data, gradients equal to LibTorch's) and with its default of 32; the spread over the five seeds of the batch-256
# runs stands for the spread of the reference's single run. Verdict: Lodestone's mean over seeds is not worse
# than the reference's score beyond noise when it is at least that score minus 2 sd sqrt(1 + 1/5).
#
# Settings made comparable: patch 50, 20,000 training patches, 5 epochs, batch 256, Adam 1e-3, seed 0, 2
# threads, features of every pixel (the reference's stitch at stride 1; Lodestone's dense features, equal to
# that stitch). Lodestone's own default batch is 32 (docs/METHOD.md, Training): every comparison also runs
# Lodestone with it ("Lodestone default"), everything else unchanged. SVM: the reference uses StandardScaler + SVC(C=1, gamma="scale"); on standardised features
# "scale" is 1 / (number of features that vary), i.e. 1/32 unless a feature is constant over the labels (the
# table reports that count), so Lodestone runs with --svm-c 1 --svm-gamma 0.03125 on its own standardised
# features. Labels are balanced (the larger class reduced at random to the smaller's size) and Lodestone runs
# with --per-class 0, so both cross-validate exactly the same labelled pixels with 5 stratified folds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD="$ROOT/build-bench"
WORK="${TMPDIR:-/tmp}/lodestone-bench"
QUICK=0
RESUME=0
SEEDS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --build-dir) BUILD="$2"; shift ;;
        --work) WORK="$2"; shift ;;
        --seeds) SEEDS="$2"; shift ;;
        --resume) RESUME=1 ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
REFDIR="$ROOT/../shared/bench"
KOLARI="$ROOT/../shared/data/kolari-iocg"
PY=/usr/bin/python3
HERE="$ROOT/tests/bench"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
say() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# have FILE: with --resume, FILE already holds a measurement (the step is skipped).
have() { [ $RESUME -eq 1 ] && [ -s "$1" ]; }

# 1. Dependencies of the reference (Debian's own Python and packages), installed only when missing.
missing=()
for pkg in python3-torch python3-sklearn python3-gdal python3-numpy time; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y "${missing[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${missing[@]}"; }
fi
[ -f "$REFDIR/reference_paper.py" ] || { echo "reference not found: $REFDIR/reference_paper.py" >&2; exit 1; }

# 2. Release build of lodestone-cli and lodestone-bench (a no-op when up to date; never more than 2 jobs).
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    say "configuring $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DLODESTONE_BUILD_GUI=OFF -DCMAKE_BUILD_TYPE=Release >&2
fi
BTYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")
[ "$BTYPE" = "Release" ] || say "WARNING: $BUILD is a '$BTYPE' build, not Release: timings are not representative"
say "building lodestone-cli and lodestone-bench in $BUILD"
cmake --build "$BUILD" -j2 --target lodestone-cli lodestone-bench >&2
CLI="$BUILD/app/lodestone-cli"
LB="$BUILD/tests/bench/lodestone-bench"

# 3. Settings.
if [ $QUICK -eq 1 ]; then
    DEMO=256; PATCHES=4000; EPOCHS=2; SEEDS=${SEEDS:-0}; PAPER_RUNS=1; PREDICT_REPEAT=1; SPREAD_SEEDS="1 2"
else
    DEMO=512; PATCHES=20000; EPOCHS=5; SEEDS=${SEEDS:-"0 1 2"}; PAPER_RUNS=2; PREDICT_REPEAT=3; SPREAD_SEEDS="1 2 3 4"
fi
THREADS=2
COMMON_REF=(--patch 50 --train-patches $PATCHES --epochs $EPOCHS --batch 256 --stride 1 --seed 0 --threads $THREADS)
COMMON_LOD=(--patch 50 --train-patches $PATCHES --epochs $EPOCHS --features dense
            --threads $THREADS --svm-c 1 --svm-gamma 0.03125 --per-class 0 --folds 5 --quiet)

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
LOAD_BEFORE=$(load)
say "machine: $CPU, $(nproc) cores, load $LOAD_BEFORE; work folder $WORK"

# timed OUTFILE TIMEFILE cmd...: runs cmd with stdout to OUTFILE; wall clock, peak RSS and load averages to TIMEFILE.
timed() {
    local out="$1" tf="$2"; shift 2
    local lb; lb=$(load)
    /usr/bin/time -o "$tf.raw" -f '%e %M' "$@" > "$out"
    read -r wall rss < <(tail -n1 "$tf.raw")
    printf '{"wall_s": %s, "peak_rss_mb": %s, "load_before": "%s", "load_after": "%s"}\n' \
        "$wall" "$(awk "BEGIN{print $rss/1024}")" "$lb" "$(load)" > "$tf"
}

# 4. Inputs.
say "inputs"
"$CLI" demo --out "$WORK/demo$DEMO" --width $DEMO --height $DEMO --seed 1 --quiet >&2
$PY "$HERE/bench_tools.py" balance-labels "$WORK/demo$DEMO/labels.tif" "$WORK/demo$DEMO/labels_balanced.tif" --seed 0 \
    > "$WORK/demo${DEMO}_labels.json"
DATASETS=("demo$DEMO|$WORK/demo$DEMO/survey.tif|$WORK/demo$DEMO/labels_balanced.tif|demo survey ${DEMO} x ${DEMO}, seed 1")
if [ $QUICK -eq 0 ]; then
    if [ -f "$KOLARI/kolari_mag_anomaly_100m.tif" ]; then
        $PY "$REFDIR/make_labels.py" "$KOLARI/kolari_mag_anomaly_100m.tif" "$KOLARI/kolari_occurrences.csv" \
            "$WORK/kolari_labels_raw.tif" --commodity "" --deposits 12 --non-deposits 12 --min-dist 3000 \
            --heldout "$WORK/kolari_heldout.csv" >&2
        $PY "$HERE/bench_tools.py" balance-labels "$WORK/kolari_labels_raw.tif" "$WORK/kolari_labels.tif" --seed 0 \
            > "$WORK/kolari_labels.json"
        DATASETS+=("kolari|$KOLARI/kolari_mag_anomaly_100m.tif|$WORK/kolari_labels.tif|Kolari 681 x 821 at 100 m, 17% nodata")
    else
        say "Kolari data not found in $KOLARI: skipped"
    fi
fi
"$CLI" demo --out "$WORK/paper" --width 2434 --height 607 --seed 1 --quiet >&2

# 5. End-to-end comparison: Lodestone (batch 256), the reference, Lodestone again (the spread of its two runs
#    brackets the load), then Lodestone with its default batch of 32.
for d in "${DATASETS[@]}"; do
    IFS='|' read -r name survey labels desc <<< "$d"
    for rep in 1 2 3; do
        batch=256; [ $rep -eq 3 ] && batch=32
        if ! have "$WORK/${name}_lod$rep.time"; then
            say "$name: lodestone-cli run ($rep, batch $batch)"
            timed "$WORK/${name}_lod$rep.log" "$WORK/${name}_lod$rep.time" "$CLI" run --survey "$survey" \
                --labels "$labels" --out "$WORK/${name}_lod$rep" "${COMMON_LOD[@]}" --seed 0 --batch $batch
        fi
        if [ $rep -eq 1 ] && ! have "$WORK/${name}_ref.time"; then
            say "$name: reference_paper.py (stride 1: minutes)"
            timed "$WORK/${name}_ref.json" "$WORK/${name}_ref.time" \
                $PY "$REFDIR/reference_paper.py" "$survey" "$labels" "${COMMON_REF[@]}"
        fi
    done
    say "$name: fold-split noise of the reference's SVM procedure on Lodestone's features"
    for rep in 1 3; do
        have "$WORK/${name}_noise$rep.json" || $PY "$HERE/bench_tools.py" cv-noise "$WORK/${name}_lod$rep/features.tif" \
            "$labels" --seeds 20 --gamma 0.03125 > "$WORK/${name}_noise$rep.json"
    done
    # Seed spread of the CV scores (see the top of this file).
    for seed in $SPREAD_SEEDS; do
        for batch in 256 32; do
            have "$WORK/${name}_spread${batch}_s$seed.time" && continue
            say "$name: lodestone-cli run, batch $batch, seed $seed (seed spread)"
            timed "$WORK/${name}_spread${batch}_s$seed.log" "$WORK/${name}_spread${batch}_s$seed.time" "$CLI" run \
                --survey "$survey" --labels "$labels" --out "$WORK/${name}_spread${batch}_s$seed" "${COMMON_LOD[@]}" \
                --seed "$seed" --batch $batch
        done
    done
done

# 6. Training sub-benchmark: same survey, patches per epoch, epochs, seed and validation patches; validation
#    loss every 20 batches of 256 patches (every 160 of 32), outside the training clock.
for d in "${DATASETS[@]}"; do
    IFS='|' read -r name survey labels desc <<< "$d"
    first=1
    for seed in $SEEDS; do
        wv=""; [ $first -eq 1 ] && ! have "$WORK/${name}_validation.txt" && wv="--write-validation"; first=0
        if ! have "$WORK/${name}_train_ref_s$seed.json"; then
            say "$name: training, reference, seed $seed"
            lb=$(load)
            $PY "$HERE/train_reference.py" "$survey" --reference "$REFDIR/reference_paper.py" \
                --validation "$WORK/${name}_validation.txt" $wv --train-patches $PATCHES --epochs $EPOCHS \
                --seed "$seed" --threads $THREADS > "$WORK/${name}_train_ref_s$seed.json"
            printf '{"load_before": "%s", "load_after": "%s"}\n' "$lb" "$(load)" > "$WORK/${name}_train_ref_s$seed.load"
        fi
        for batch in 256 32; do
            have "$WORK/${name}_train_lod${batch}_s$seed.json" && continue
            say "$name: training, Lodestone batch $batch, seed $seed"
            lb=$(load)
            "$LB" train "$survey" --validation "$WORK/${name}_validation.txt" --train-patches $PATCHES \
                --epochs $EPOCHS --batch $batch --eval-every $((5120 / batch)) --seed "$seed" --threads $THREADS \
                > "$WORK/${name}_train_lod${batch}_s$seed.json"
            printf '{"load_before": "%s", "load_after": "%s"}\n' "$lb" "$(load)" > "$WORK/${name}_train_lod${batch}_s$seed.load"
        done
    done
done

# 7. Paper-size run, default settings (all cores), and whole-map prediction on its features.
for rep in $(seq 1 $PAPER_RUNS); do
    have "$WORK/paper_run$rep.time" && continue
    say "paper-size run ($rep)"
    timed "$WORK/paper_run$rep.log" "$WORK/paper_run$rep.time" \
        "$CLI" run --survey "$WORK/paper/survey.tif" --labels "$WORK/paper/labels.tif" --out "$WORK/paper_out$rep" --quiet
done
say "whole-map prediction"
have "$WORK/predict.json" || "$LB" predict "$WORK/paper_out1/features.tif" "$WORK/paper/labels.tif" --repeat $PREDICT_REPEAT > "$WORK/predict.json"

# 8. Scale and cancel (full run only): streamed runs of 2500, 5000 and 10000 square demo surveys (tests/bench/scale.sh),
#    then the time from Ctrl-C to exit in every stage, streamed and in memory (tests/bench/cancel_latency.py).
if [ $QUICK -eq 0 ]; then
    if ! have "$WORK/scale.md"; then
        say "scale: streamed runs at three sizes (minutes; about 15 GB of disk for the largest)"
        bash "$HERE/scale.sh" --build-dir "$BUILD" --work "$WORK/scale" > "$WORK/scale.md"
    fi
    for stream in on off; do
        have "$WORK/cancel_$stream.jsonl" && continue
        say "cancel latency, --stream $stream"
        $PY "$HERE/cancel_latency.py" "$CLI" "$WORK/scale/demo2500/survey.tif" "$WORK/scale/demo2500/labels.tif" \
            "$WORK/cancel_$stream" --stream $stream --repeat 2 > "$WORK/cancel_$stream.jsonl"
    done
fi

# 9. Results.
LOAD_AFTER=$(load)
$PY - "$WORK" "$CPU" "$(nproc)" "$LOAD_BEFORE" "$LOAD_AFTER" "$SEEDS" "$PAPER_RUNS" "$SPREAD_SEEDS" "${DATASETS[@]}" \
    <<'EOF' > "$WORK/results.json"
import json, math, statistics, sys
work, cpu, nproc, lb, la, seeds, paper_runs, spread_seeds = sys.argv[1:9]
datasets = [d.split("|") for d in sys.argv[9:]]
J = lambda p: json.load(open(f"{work}/{p}"))
def lastjson(p):
    return json.loads([l for l in open(f"{work}/{p}") if l.startswith("{")][-1])
R = {"machine": {"cpu": cpu, "nproc": int(nproc), "load_before": lb, "load_after": la}, "compare": [],
     "training": []}
def lodestone(rep):
    stem = rep if isinstance(rep, str) else f"{name}_lod{rep}"
    rep_json = J(f"{stem}/report.json"); t = J(f"{stem}.time")
    st = rep_json["stage_seconds"]; pf = rep_json["cross_validation"]["pixel-features"]
    return rep_json, {"train_s": st["train_autoencoder"], "features_s": st["feature_rasters"],
        "svm_s": st["cross_validation"] + st["classification"], "wall_s": t["wall_s"],
        "peak_rss_mb": t["peak_rss_mb"], "cv_accuracy": sum(pf["fold_accuracy"]) / len(pf["fold_accuracy"]),
        "cv_accuracy_pooled": pf["accuracy"], "cv_f1": pf["f1"], "final_loss": rep_json["loss_per_epoch"][-1],
        "batch": rep_json["settings"]["batch_size"], "load_avg": [t["load_before"], t["load_after"]], "stages": st}
def spread(runs):
    acc = [x["cv_accuracy"] for x in runs]; f1 = [x["cv_f1"] for x in runs]
    return {"seeds": len(runs), "accuracy": acc, "f1": f1, "accuracy_mean": statistics.mean(acc),
            "accuracy_sd": statistics.stdev(acc), "f1_mean": statistics.mean(f1), "f1_sd": statistics.stdev(f1)}
def verdict(s, r, ref_like):
    k = 2 * math.sqrt(1 + 1 / s["seeds"])
    tol_a = k * ref_like["accuracy_sd"]; tol_f = k * ref_like["f1_sd"]
    ok = s["accuracy_mean"] >= r["cv_accuracy"] - tol_a and s["f1_mean"] >= r["cv_f1"] - tol_f
    return ("not worse than the reference beyond noise" if ok else "WORSE than the reference beyond noise") + \
        f" (mean over {s['seeds']} seeds: accuracy {s['accuracy_mean']:.3f}, F1 {s['f1_mean']:.3f}; reference " \
        f"{r['cv_accuracy']:.3f}, {r['cv_f1']:.3f}; tolerance 2 sd sqrt(1 + 1/{s['seeds']}) with the seed sd of the " \
        f"batch-256 runs: accuracy {tol_a:.3f}, F1 {tol_f:.3f})"
def reach(trace_s, trace_v, target):
    return next((t for t, v in zip(trace_s, trace_v) if v <= target), None)
for name, survey, labels, desc in datasets:
    ref = lastjson(f"{name}_ref.json"); rt = J(f"{name}_ref.time")
    r = {"load_s": ref["times"]["load_s"], "train_s": ref["times"]["train_s"], "stitch_s": ref["times"]["stitch_s"],
         "svm_s": ref["times"]["svm_s"], "wall_s": rt["wall_s"], "peak_rss_mb": rt["peak_rss_mb"],
         "cv_accuracy": ref["cv_accuracy"], "cv_f1": ref["cv_f1"], "final_loss": ref["loss"][-1],
         "batch": 256, "load_avg": [rt["load_before"], rt["load_after"]]}
    rep1, l = lodestone(1); _, l2 = lodestone(2); _, l3 = lodestone(3)
    n1 = J(f"{name}_noise1.json"); n3 = J(f"{name}_noise3.json")
    s256 = spread([l] + [lodestone(f"{name}_spread256_s{x}")[1] for x in spread_seeds.split()])
    s32 = spread([l3] + [lodestone(f"{name}_spread32_s{x}")[1] for x in spread_seeds.split()])
    R["compare"].append({"name": name, "size": f"{rep1['survey']['width']} x {rep1['survey']['height']}",
                         "labels": f"{rep1['labels']['deposit']} deposit + {rep1['labels']['non_deposit']} non-deposit pixels",
                         "description": desc, "reference": r, "lodestone": l, "lodestone_default": l3,
                         "noise": n1, "noise_default": n3, "spread": s256, "spread_default": s32,
                         "verdict": verdict(s256, r, s256), "verdict_default": verdict(s32, r, s256),
                         "lodestone_repeats": [l["wall_s"], l2["wall_s"]]})
    runs = []
    for seed in seeds.split():
        tr = J(f"{name}_train_ref_s{seed}.json"); ta = J(f"{name}_train_lod256_s{seed}.json")
        tb = J(f"{name}_train_lod32_s{seed}.json")
        target = tr["val_loss"]
        def loads(stem):
            try:
                x = J(f"{stem}.load"); return f"{x['load_before'].split()[0]} / {x['load_after'].split()[0]}"
            except OSError:
                return "-"
        runs.append({"seed": int(seed), "load": [loads(f"{name}_train_ref_s{seed}"), loads(f"{name}_train_lod256_s{seed}"),
                                                 loads(f"{name}_train_lod32_s{seed}")], "ref_train_s": tr["train_s"], "ref_val": target,
                     "lod256_train_s": ta["train_s"], "lod256_val": ta["val_loss"],
                     "lod256_to_target_s": reach(ta["trace_s"], ta["trace_val"], target),
                     "lod32_train_s": tb["train_s"], "lod32_val": tb["val_loss"],
                     "lod32_to_target_s": reach(tb["trace_s"], tb["trace_val"], target),
                     "lod32_to_target_patches": reach(tb["trace_patches"], tb["trace_val"], target),
                     "ref_trace": [tr["trace_s"], tr["trace_val"]], "lod256_trace": [ta["trace_s"], ta["trace_val"]],
                     "lod32_trace": [tb["trace_s"], tb["trace_val"]]})
    R["training"].append({"name": name, "runs": runs})
P = {"size": "2434 x 607", "wall_s": [], "peak_rss_mb": []}
for rep in range(1, int(paper_runs) + 1):
    t = J(f"paper_run{rep}.time"); P["wall_s"].append(t["wall_s"]); P["peak_rss_mb"].append(t["peak_rss_mb"])
    P["stages"] = J(f"paper_out{rep}/report.json")["stage_seconds"]
    P["report_peak_rss_mb"] = J(f"paper_out{rep}/report.json")["peak_rss_mb"]
R["paper"] = P
R["predict"] = J("predict.json")
print(json.dumps(R, indent=1))
EOF
$PY "$HERE/bench_tools.py" table "$WORK/results.json" > "$WORK/results.md"
if [ $QUICK -eq 0 ]; then
    { echo; echo "### Scale: streamed runs (tests/bench/scale.sh)"; echo; cat "$WORK/scale.md"; echo
      echo "### Cancel: seconds from Ctrl-C to exit, per stage (tests/bench/cancel_latency.py, 2500 x 2500)"; echo
      cat "$WORK/cancel_on.jsonl" "$WORK/cancel_off.jsonl"; } >> "$WORK/results.md"
fi
cat "$WORK/results.md"
say "done: $WORK/results.json, $WORK/results.md"
