#!/usr/bin/python3
"""Classifier settings on Lodestone's own feature rasters, judged on occurrences held out by random splits.

The autoencoder never sees labels, so one run per seed (`lodestone-cli run ... --ensemble 1 --seed S`) gives
feature rasters that every split and every classifier setting can share. This script draws repeated splits of
the occurrences (K for training, the rest held out, as a user with a few known deposits would have), adds
random non-deposit pixels far from every occurrence and random background pixels (Lodestone's defaults: 17 at
3 km and 100), fits a class-balanced L2 logistic regression per feature file on the standardised features and
the logarithm of the analytic signal (Lodestone's default inputs), averages the members' probabilities, and
ranks the held-out occurrences among all valid pixels (ties count half). Every split scores the analytic
signal alone beside it, so each setting's difference to that baseline is paired.

It is a fast exploration tool (seconds per setting instead of a run per setting), not Lodestone's evaluation:
scikit-learn's solver and weights stand in for core/svm.cpp's, and a split's held-out occurrences are ranked
by one model rather than by held-out groups. A setting that looks better here must then be measured with
tests/bench/evaluation.sh before it becomes a default.

    lodestone-cli derive --survey GRID --product as --out as.tif
    for s in 0 1 2; do lodestone-cli run --survey GRID --points OCC.csv --negatives 17 --seed $s --ensemble 1 \\
        --out run$s; done
    /usr/bin/python3 tests/bench/classifier_splits.py --survey GRID --points OCC.csv --analytic-signal as.tif \\
        --features run0/features.tif run1/features.tif run2/features.tif --splits 20 \\
        --setting "c=1" --setting "c=0.1" --setting "c=1,buffer=1"

Settings: c=C (inverse L2 strength, default 1), buffer=R (every valid pixel within R cells of a training
deposit is a deposit sample), as=0 (leave the analytic signal out of the inputs), asweight=K (the standardised
analytic signal multiplied by K, which divides its L2 penalty by K^2: K > 1 lets the features adjust the
analytic signal's ranking rather than compete with it), bg=N (background pixels instead of --background),
with=NAME+NAME (inputs given by --input added beside the features), features=0 (no feature rasters: a
classifier on the analytic signal and the --input layers alone), smooth=R (the mean probability averaged over
a (2R+1) x (2R+1) window of valid pixels before ranking), pca=K (the feature rasters replaced by their first K
principal components over every valid pixel, which uses no labels), transform=asinh|rank|clipK (each feature
raster, not the input_* bands, squashed over the valid pixels before standardising: the arcsine-hyperbolic of its
distance to the median in median absolute deviations, the normal scores of its ranks, or that distance clipped at
K), bags=K (each member's classifier fitted K times, each member and fit on its own background draw, and the
probabilities averaged: bagging over the background), permember=1 (one fit per member as usual, each member on
its own background draw), bands=A-B (only feature rasters A to B, counted from 1, e.g. one encoder layer's).
A last column gives each setting's paired difference to the first one given.

A demo survey replaces the splits by its own labels (--labels labels.tif, deposit 1, non-deposit 0) and ranks
every deposit pixel of --truth truth.tif (value 1); each repetition then draws new background pixels only.
Needs python3-numpy, python3-sklearn and python3-gdal (Debian 12).
"""
import argparse
import csv
import sys

import numpy as np
from osgeo import gdal
from sklearn.linear_model import LogisticRegression


def read_bands(path, band=None):
    ds = gdal.Open(path)
    if ds is None:
        sys.exit(f"classifier_splits: cannot open {path}")
    bands = range(1, ds.RasterCount + 1) if band is None else [band]
    out = []
    for b in bands:
        rb = ds.GetRasterBand(b)
        raw = rb.ReadRaster(buf_type=gdal.GDT_Float32)  # gdal_array is unreliable beside Debian's numpy
        a = np.frombuffer(raw, dtype=np.float32).reshape(ds.RasterYSize, ds.RasterXSize).astype(np.float64)
        nd = rb.GetNoDataValue()
        if nd is not None:
            a[a == nd] = np.nan
        out.append(a)
    return np.stack(out), ds.GetGeoTransform()


def parse_setting(text):
    s = {"c": 1.0, "buffer": 0, "as": 1, "asweight": 1.0, "bg": -1, "with": "", "features": 1, "smooth": 0, "pca": 0, "transform": "", "bags": 1, "permember": 0, "bands": ""}
    for part in filter(None, text.split(",")):
        key, _, value = part.partition("=")
        if key not in s:
            sys.exit(f"classifier_splits: unknown setting '{key}' in '{text}' ({', '.join(s)})")
        s[key] = value if key in ("with", "transform", "bands") else type(s[key])(float(value))
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--survey", required=True)
    ap.add_argument("--points", help="CSV with X and Y columns in the survey's CRS")
    ap.add_argument("--labels", help="label raster (demo): 1 deposit, 0 non-deposit")
    ap.add_argument("--truth", help="truth raster (demo): 1 on deposit bodies, ranked as held out")
    ap.add_argument("--input", action="append", default=[], help="NAME=PATH[:log], an extra input raster")
    ap.add_argument("--analytic-signal", required=True, help="lodestone-cli derive --product as output")
    ap.add_argument("--features", nargs="+", required=True, help="features.tif of one-member runs, one per seed")
    ap.add_argument("--splits", type=int, default=20)
    ap.add_argument("--train", type=int, default=12, help="occurrences used for training per split")
    ap.add_argument("--negatives", type=int, default=17)
    ap.add_argument("--min-distance", type=float, default=3000, help="of the negatives from every occurrence, m")
    ap.add_argument("--background", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--setting", action="append", default=[], help="e.g. c=0.1,buffer=1 (repeatable)")
    args = ap.parse_args()
    settings = args.setting or ["c=1"]

    survey, gt = read_bands(args.survey, 1)
    height, width = survey.shape[1:]
    valid = np.isfinite(survey[0])
    log_as = np.log(np.maximum(read_bands(args.analytic_signal, 1)[0][0], 1e-6))
    features = [read_bands(f)[0] for f in args.features]
    # A features.tif written with --svm-inputs ends with the classifier's magnetic inputs (bands named input_*):
    # those are inputs, not feature rasters, and transform= leaves them as they are.
    feature_bands = []
    for f in args.features:
        ds = gdal.Open(f)
        names = [ds.GetRasterBand(b).GetDescription() for b in range(1, ds.RasterCount + 1)]
        feature_bands.append(sum(1 for n in names if not n.startswith("input_")))

    extra = {}
    for text in args.input:
        name, _, path = text.partition("=")
        path, _, how = path.partition(":")
        a = read_bands(path, 1)[0][0]
        extra[name] = np.log(np.maximum(a, 1e-6)) if how == "log" else a

    demo = args.labels is not None
    if demo == (args.points is not None) or demo != (args.truth is not None):
        sys.exit("classifier_splits: give either --points, or --labels with --truth")
    if demo:
        lab = read_bands(args.labels, 1)[0][0]
        truth = read_bands(args.truth, 1)[0][0]
        demo_pos = [tuple(x) for x in np.argwhere((lab == 1) & valid)]
        demo_neg = [tuple(x) for x in np.argwhere((lab == 0) & valid)]
        demo_held = [tuple(x) for x in np.argwhere((truth == 1) & valid)]
    occurrences = set()
    for row in ([] if demo else csv.DictReader(open(args.points, newline=""))):
        c = int((float(row["X"]) - gt[0]) / gt[1])
        r = int((float(row["Y"]) - gt[3]) / gt[5])
        if 0 <= c < width and 0 <= r < height and valid[r, c]:
            occurrences.add((r, c))
    occurrences = sorted(occurrences)
    if not demo and len(occurrences) <= args.train:
        sys.exit(f"classifier_splits: {len(occurrences)} occurrences on valid pixels, need more than --train")
    valid_index = np.flatnonzero(valid.ravel())
    min_cells = args.min_distance / abs(gt[1])

    def held_out_auc(score, held):
        s = score.ravel()[valid_index]
        s = np.sort(np.where(np.isfinite(s), s, -np.inf))
        ranks = [(np.searchsorted(s, score[r, c], "left") + np.searchsorted(s, score[r, c], "right")) / 2 / len(s)
                 for r, c in held]
        return float(np.mean(ranks))

    def random_pixels(rng, n, far_from, cells):
        out = []
        while len(out) < n:
            r, c = divmod(int(valid_index[rng.integers(len(valid_index))]), width)
            if all((r - a) ** 2 + (c - b) ** 2 >= cells ** 2 for a, b in far_from):
                out.append((r, c))
        return out

    def around(points, radius):
        out = []
        for a, b in points:
            for da in range(-radius, radius + 1):
                for db in range(-radius, radius + 1):
                    r, c = a + da, b + db
                    if da * da + db * db <= radius * radius and 0 <= r < height and 0 <= c < width and valid[r, c]:
                        out.append((r, c))
        return out

    def probability(stack, positives, negatives, c, scale):
        samples = np.array([stack[:, r, col] for r, col in positives + negatives])
        labels = np.array([1] * len(positives) + [0] * len(negatives))
        mean, sd = samples.mean(0), samples.std(0)
        sd[sd == 0] = 1
        sd = sd / scale
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit((samples - mean) / sd, labels)
        w = model.coef_[0] / sd
        decision = np.tensordot(w, np.nan_to_num(stack), axes=1) + model.intercept_[0] - np.sum(w * mean)
        return 1 / (1 + np.exp(-np.clip(decision, -50, 50)))

    rng = np.random.default_rng(args.seed)
    results = {"analytic signal": []}
    results.update({s: [] for s in settings})
    pca_cache = {}

    def principal_components(f, k):
        key = (id(f), k)
        if key not in pca_cache:
            x = f[:, valid].T
            x = (x - x.mean(0)) / np.where(x.std(0) > 0, x.std(0), 1)
            _, _, vt = np.linalg.svd(x[:: max(1, len(x) // 20000)], full_matrices=False)
            out = np.full((k,) + valid.shape, np.nan)
            out[:, valid] = (x @ vt[:k].T).T
            pca_cache[key] = out
        return pca_cache[key]

    transform_cache = {}
    transform_bands = {id(f): n for f, n in zip(features, feature_bands)}

    def transformed(f, how):
        key = (id(f), how)
        if key not in transform_cache:
            out = np.full(f.shape, np.nan)
            for i in range(f.shape[0]):
                x = f[i][valid]
                if i >= transform_bands[id(f)]:
                    out[i][valid] = x
                    continue
                if how == "rank":  # normal scores of each raster's ranks over the valid pixels (ties share a rank)
                    from scipy.special import ndtri
                    from scipy.stats import rankdata
                    out[i][valid] = ndtri((rankdata(x) - 0.5) / len(x))
                elif how == "asinh":  # asinh of the raster over its median absolute deviation from the median
                    m = np.median(x)
                    mad = np.median(np.abs(x - m))
                    out[i][valid] = np.arcsinh((x - m) / (mad if mad > 0 else 1))
                elif how.startswith("clip"):  # clipped at K median absolute deviations from the median
                    k = float(how[4:])
                    m = np.median(x)
                    mad = np.median(np.abs(x - m))
                    out[i][valid] = np.clip((x - m) / (mad if mad > 0 else 1), -k, k)
                else:
                    sys.exit(f"classifier_splits: unknown transform '{how}' (rank, asinh, clipK)")
            transform_cache[key] = out
        return transform_cache[key]

    def smoothed(a, radius):
        from scipy.ndimage import uniform_filter
        size = 2 * radius + 1
        num = uniform_filter(np.where(valid, a, 0.0), size, mode="mirror")
        den = uniform_filter(valid.astype(np.float64), size, mode="mirror")
        return np.where(valid, num / np.maximum(den, 1e-12), np.nan)

    most_background = max([args.background] + [parse_setting(t)["bg"] for t in settings])
    most_bags = max(parse_setting(t)["bags"] for t in settings)
    if min(parse_setting(t)["bags"] for t in settings) < 1:
        sys.exit("classifier_splits: bags must be at least 1")
    bag_rng = np.random.default_rng(args.seed + 7919)  # the bags' own draws: the splits stay as without them
    for _ in range(args.splits):
        if demo:
            train, held, fixed_negatives = demo_pos, demo_held, demo_neg
        else:
            order = rng.permutation(len(occurrences))
            train = [occurrences[i] for i in order[: args.train]]
            held = [occurrences[i] for i in order[args.train:]]
            fixed_negatives = random_pixels(rng, args.negatives, occurrences, min_cells)
        background = random_pixels(rng, most_background, [], 0)
        # Draw 0 is the split's background; member m's bag b uses draw m * bags + b.
        bag_draws = [background] + [random_pixels(bag_rng, most_background, [], 0)
                                    for _ in range(len(features) * most_bags - 1)]
        results["analytic signal"].append(held_out_auc(log_as, held))
        for text in settings:
            s = parse_setting(text)
            positives = around(train, s["buffer"]) if s["buffer"] > 0 else train
            count = args.background if s["bg"] < 0 else s["bg"]
            mean_probability = 0
            for member, f in enumerate(features if s["features"] else [np.zeros((0,) + valid.shape)]):
                if s["transform"]:
                    f = transformed(f, s["transform"])
                if s["bands"]:  # feature rasters A to B (1-based, inclusive), the input_* bands kept
                    first, _, last = s["bands"].partition("-")
                    keep = list(range(int(first) - 1, int(last))) + list(range(feature_bands[member], f.shape[0]))
                    f = f[keep]
                if s["pca"] > 0:
                    f = principal_components(f, s["pca"])
                layers = [f]
                if s["as"]:
                    layers.append(log_as[None])
                layers += [extra[n][None] for n in filter(None, s["with"].split("+"))]
                stack = np.concatenate(layers, 0)
                scale = np.ones(stack.shape[0])
                if s["as"]:
                    scale[f.shape[0]] = s["asweight"]
                for b in range(s["bags"]):
                    draw = bag_draws[member * s["bags"] + b] if s["bags"] > 1 or s["permember"] else background
                    negatives = fixed_negatives + draw[:count]
                    mean_probability = mean_probability + probability(stack, positives, negatives, s["c"], scale)
            score = np.where(valid, mean_probability, np.nan)
            if s["smooth"] > 0:
                score = smoothed(score, s["smooth"])
            results[text].append(held_out_auc(score, held))

    baseline = np.array(results["analytic signal"])
    if demo:
        print(f"{len(demo_pos)} deposit and {len(demo_neg)} non-deposit labels, {len(demo_held)} truth deposit "
              f"pixels ranked, {args.splits} background draws, {len(features)} feature file(s) averaged")
    else:
        print(f"{len(occurrences)} occurrences, {args.splits} splits of {args.train} for training, "
              f"{len(features)} feature file(s) averaged")
    first = np.array(results[settings[0]])
    print(f"| setting | held-out AUC, mean ± sd over splits | − analytic signal (± se, paired) | splits above it | "
          f"− {settings[0]} (± se, paired) |")
    print("|---|---|---|---|---|")
    for name, values in results.items():
        v = np.array(values)
        d = v - baseline
        e = v - first
        print(f"| {name} | {v.mean():.4f} ± {v.std():.4f} | {d.mean():+.4f} ± {d.std() / np.sqrt(len(d)):.4f} | "
              f"{int(np.sum(d > 0))} of {len(d)} | {e.mean():+.4f} ± {e.std() / np.sqrt(len(e)):.4f} |")


if __name__ == "__main__":
    main()
