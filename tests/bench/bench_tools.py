#!/usr/bin/python3
"""Helpers of run_benchmarks.sh (Debian's Python, numpy, GDAL, scikit-learn).

  bench_tools.py balance-labels IN OUT --seed S
      A copy of a label raster (0 non-deposit, 1 deposit, 2 unknown) with the larger class reduced at random
      (seeded) to the size of the smaller, so that the reference (which cross-validates every labelled pixel)
      and Lodestone (which cross-validates a balanced draw) see the same positions.
  bench_tools.py cv-noise FEATURES LABELS --seeds N [--gamma G]
      The reference's SVM procedure (StandardScaler, SVC(C=1, gamma), stratified 5-fold CV, mean of the fold
      scores) on a feature raster stack, repeated with N fold seeds: the spread that the choice of folds alone
      puts on the CV accuracy and F1. Also counts the features that are constant over the labelled pixels.
  bench_tools.py table RESULTS.json
      Prints the comparison table from the collected results.
"""
import argparse, json, math, sys
import numpy as np
from osgeo import gdal


def read_band(path, band=1, dtype=np.float32):
    ds = gdal.Open(path); b = ds.GetRasterBand(band)
    gdt = gdal.GDT_Float32 if dtype == np.float32 else gdal.GDT_Byte
    a = np.frombuffer(b.ReadRaster(buf_type=gdt), dtype=dtype).reshape(ds.RasterYSize, ds.RasterXSize).copy()
    nd = b.GetNoDataValue()
    if nd is not None and dtype == np.float32:
        a[a == nd] = np.nan
    return a


def balance_labels(a):
    ds = gdal.Open(a.input)
    lab = read_band(a.input, dtype=np.uint8)
    pos = np.flatnonzero(lab.ravel() == 1); neg = np.flatnonzero(lab.ravel() == 0)
    n = min(len(pos), len(neg)); rng = np.random.default_rng(a.seed)
    out = np.full(lab.size, 2, np.uint8)
    out[rng.choice(pos, n, replace=False)] = 1
    out[rng.choice(neg, n, replace=False)] = 0
    drv = gdal.GetDriverByName("GTiff")
    o = drv.Create(a.output, ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
    o.SetGeoTransform(ds.GetGeoTransform()); o.SetProjection(ds.GetProjection())
    o.GetRasterBand(1).WriteRaster(0, 0, ds.RasterXSize, ds.RasterYSize, out.tobytes())
    o = None
    print(json.dumps({"deposit": int(n), "non_deposit": int(n), "dropped_deposit": int(len(pos) - n),
                      "dropped_non_deposit": int(len(neg) - n)}))


def cv_noise(a):
    from sklearn.svm import SVC
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.preprocessing import StandardScaler
    from sklearn.pipeline import make_pipeline
    ds = gdal.Open(a.features)
    lab = read_band(a.labels, dtype=np.uint8)
    pos = np.argwhere(lab == 1); neg = np.argwhere(lab == 0)
    feats = np.stack([read_band(a.features, b + 1) for b in range(ds.RasterCount)])
    X = np.concatenate([feats[:, p[:, 0], p[:, 1]].T for p in (pos, neg)])
    y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])
    keep = np.all(np.isfinite(X), axis=1); X = X[keep]; y = y[keep]
    constant = int(np.sum(X.std(axis=0) == 0))
    gamma = a.gamma if a.gamma > 0 else "scale"
    k = int(min(5, y.sum(), len(y) - y.sum()))
    acc, f1 = [], []
    for s in range(a.seeds):
        clf = make_pipeline(StandardScaler(), SVC(kernel="rbf", C=1.0, gamma=gamma))
        cv = cross_validate(clf, X, y, cv=StratifiedKFold(k, shuffle=True, random_state=s), scoring=("accuracy", "f1"))
        acc.append(float(cv["test_accuracy"].mean())); f1.append(float(cv["test_f1"].mean()))
    print(json.dumps({"positions": int(len(y)), "constant_features": constant, "seeds": a.seeds,
                      "accuracy_seed0": acc[0], "f1_seed0": f1[0],
                      "accuracy_mean": float(np.mean(acc)), "accuracy_std": float(np.std(acc, ddof=1)),
                      "accuracy_min": float(np.min(acc)), "accuracy_max": float(np.max(acc)),
                      "f1_mean": float(np.mean(f1)), "f1_std": float(np.std(f1, ddof=1)),
                      "f1_min": float(np.min(f1)), "f1_max": float(np.max(f1))}))


def fmt(v, unit=""):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if isinstance(v, str):
        return v
    if unit == "s":
        return f"{v:.0f}" if v >= 100 else (f"{v:.1f}" if v >= 10 else f"{v:.2f}")
    if unit == "mb":
        return f"{v:.0f}"
    if unit == "loss":
        return f"{v:.3e}"
    return f"{v:.3f}"


def ratio(a, b):
    return f"{a / b:.1f}x" if a and b else "-"


def table(a):
    R = json.load(open(a.results))
    out = []
    m = R.get("machine", {})
    out.append(f"Machine: {m.get('cpu', '?')}, {m.get('nproc', '?')} cores; load average (1, 5, 15 min) before / "
               f"after the whole run: {m.get('load_before', '?')} / {m.get('load_after', '?')}")
    out.append("")
    for d in R.get("compare", []):
        ref, lod, dft = d["reference"], d["lodestone"], d.get("lodestone_default", {})
        out.append(f"### {d['name']}: {d['description']} ({d['size']}; {d['labels']})")
        out.append("")
        out.append("| | reference | Lodestone | reference / Lodestone | Lodestone default (batch 32) |")
        out.append("|---|---:|---:|---:|---:|")
        for label, rk, lk in (("train autoencoder, s", "train_s", "train_s"),
                              ("feature rasters (every pixel), s", "stitch_s", "features_s"),
                              ("SVM (CV + fit + whole map), s", "svm_s", "svm_s"),
                              ("whole process (start-up, load, all stages, export), s", "wall_s", "wall_s")):
            r = ref.get(rk); l = lod.get(lk)
            out.append(f"| {label} | {fmt(r, 's')} | {fmt(l, 's')} | {ratio(r, l)} | {fmt(dft.get(lk), 's')} |")
        out.append(f"| peak RSS, MB | {fmt(ref.get('peak_rss_mb'), 'mb')} | {fmt(lod.get('peak_rss_mb'), 'mb')} | "
                   f"{ratio(ref.get('peak_rss_mb'), lod.get('peak_rss_mb'))} | {fmt(dft.get('peak_rss_mb'), 'mb')} |")
        out.append(f"| CV accuracy (pixel-features) | {fmt(ref.get('cv_accuracy'))} | {fmt(lod.get('cv_accuracy'))} | | "
                   f"{fmt(dft.get('cv_accuracy'))} |")
        out.append(f"| CV F1 (pixel-features) | {fmt(ref.get('cv_f1'))} | {fmt(lod.get('cv_f1'))} | | {fmt(dft.get('cv_f1'))} |")
        out.append(f"| training loss of the last epoch | {fmt(ref.get('final_loss'), 'loss')} | "
                   f"{fmt(lod.get('final_loss'), 'loss')} | | {fmt(dft.get('final_loss'), 'loss')} |")
        out.append(f"| load average before / after | {' / '.join(x.split()[0] for x in ref.get('load_avg', []))} | "
                   f"{' / '.join(x.split()[0] for x in lod.get('load_avg', []))} | | "
                   f"{' / '.join(x.split()[0] for x in dft.get('load_avg', []))} |")
        out.append("")
        out.append("Lodestone runs with the reference's settings (batch 256) unless marked default; Lodestone's SVM stage "
                   "cross-validates four modes where the reference cross-validates one. Reference F1 and accuracy: mean "
                   "over folds; Lodestone accuracy: mean over folds, F1: pooled over folds.")
        if d.get("lodestone_repeats"):
            out.append(f"Lodestone (batch 256) whole process, two runs: {', '.join(fmt(x, 's') for x in d['lodestone_repeats'])} s.")
        for key, sk, vk, who in (("noise", "spread", "verdict", "Lodestone (batch 256)"),
                                 ("noise_default", "spread_default", "verdict_default", "Lodestone default (batch 32)")):
            sp = d.get(sk)
            if sp:
                out.append(f"{who}, CV over {sp['seeds']} seeds (training and folds): accuracy "
                           f"{', '.join(f'{x:.3f}' for x in sp['accuracy'])} (mean {sp['accuracy_mean']:.3f}, sd "
                           f"{sp['accuracy_sd']:.3f}); F1 {', '.join(f'{x:.3f}' for x in sp['f1'])} (mean "
                           f"{sp['f1_mean']:.3f}, sd {sp['f1_sd']:.3f}). Verdict: {d.get(vk, '?')}.")
            n = d.get(key)
            if n:
                out.append(f"  Folds alone (the reference's SVM procedure on the seed-0 features, {n['seeds']} fold "
                           f"seeds): accuracy {n['accuracy_mean']:.3f} +- {n['accuracy_std']:.3f}, F1 {n['f1_mean']:.3f} "
                           f"+- {n['f1_std']:.3f}; {n['constant_features']} of 32 features constant over the labels.")
        out.append("")
    for t in R.get("training", []):
        out.append(f"### Training to the reference's final validation loss: {t['name']}")
        out.append("")
        out.append("| seed | reference: s, final val loss | Lodestone batch 256: s, final val loss, s to reach the reference's | "
                   "Lodestone default (batch 32): s, final val loss, s (patches) to reach the reference's | speed-up to "
                   "that loss: batch 256, default | load average before / after: reference; 256; 32 |")
        out.append("|---|---|---|---|---|---|")
        for r in t["runs"]:
            p32 = r.get("lod32_to_target_patches")
            out.append(f"| {r['seed']} | {fmt(r['ref_train_s'], 's')}, {fmt(r['ref_val'], 'loss')} | "
                       f"{fmt(r['lod256_train_s'], 's')}, {fmt(r['lod256_val'], 'loss')}, {fmt(r.get('lod256_to_target_s'), 's')} | "
                       f"{fmt(r['lod32_train_s'], 's')}, {fmt(r['lod32_val'], 'loss')}, {fmt(r.get('lod32_to_target_s'), 's')} "
                       f"({int(p32) if p32 else '-'}) | {ratio(r['ref_train_s'], r.get('lod256_to_target_s'))}, "
                       f"{ratio(r['ref_train_s'], r.get('lod32_to_target_s'))} | {'; '.join(r.get('load', []))} |")
        out.append("")
    p = R.get("paper")
    if p:
        out.append(f"### Paper-size run ({p['size']} demo survey, default settings, all cores)")
        out.append("")
        out.append(f"Whole process {', '.join(fmt(x, 's') for x in p['wall_s'])} s; peak RSS "
                   f"{', '.join(fmt(x, 'mb') for x in p['peak_rss_mb'])} MB; stages of the last run (report.json): "
                   + ", ".join(f"{k} {fmt(v, 's')}" for k, v in p["stages"].items()) + " s.")
        out.append("")
    q = R.get("predict")
    if q:
        out.append(f"### Whole-map prediction ({q['valid_pixels']} valid pixels, {q['support_vectors']} support "
                   f"vectors, {q['planes']} features, C {q['svm_c']:g}, gamma {q['svm_gamma']:g})")
        out.append("")
        out.append(f"Classifier::classify: {', '.join(fmt(x, 's') for x in q['classify_s'])} s.")
        out.append("")
    print("\n".join(out))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("balance-labels"); b.add_argument("input"); b.add_argument("output")
    b.add_argument("--seed", type=int, default=0)
    c = sub.add_parser("cv-noise"); c.add_argument("features"); c.add_argument("labels")
    c.add_argument("--seeds", type=int, default=20); c.add_argument("--gamma", type=float, default=0.0)
    t = sub.add_parser("table"); t.add_argument("results")
    a = ap.parse_args()
    {"balance-labels": balance_labels, "cv-noise": cv_noise, "table": table}[a.cmd](a)


if __name__ == "__main__":
    main()
