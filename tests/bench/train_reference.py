#!/usr/bin/python3
"""Training sub-benchmark of the reference: the autoencoder training of reference_paper.py, step for step
(its network, patch sampling, batches, Adam and seed, imported or copied from that file), with the
validation loss on fixed patches measured every few batches outside the training clock.

  train_reference.py SURVEY --reference DIR/reference_paper.py --validation FILE [--write-validation]

--write-validation first draws the validation patches (N centres uniformly over valid pixels, numpy
default_rng(--validation-seed)) and writes them to FILE as "row col" lines; lodestone-bench train reads the
same file. The validation loss is the mean squared error of the 50 x 50 patches around those centres, cut
from the min-max normalised survey with reflected borders exactly as both pipelines cut their patches.
Prints one JSON line.
"""
import argparse, importlib.util, json, resource, time
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("survey")
    ap.add_argument("--reference", required=True, help="path of reference_paper.py")
    ap.add_argument("--validation", required=True)
    ap.add_argument("--write-validation", action="store_true")
    ap.add_argument("--validation-count", type=int, default=2000)
    ap.add_argument("--validation-seed", type=int, default=12345)
    ap.add_argument("--patch", type=int, default=50)
    ap.add_argument("--train-patches", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=20, help="batches between validation passes")
    a = ap.parse_args()

    spec = importlib.util.spec_from_file_location("reference_paper", a.reference)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    torch, F = ref.torch, ref.F

    # reference_paper.main(), up to the end of its training block.
    torch.manual_seed(a.seed); rng = np.random.default_rng(a.seed); torch.set_num_threads(a.threads)
    img = ref.read_band(a.survey, np.float32)
    ok = np.isfinite(img); img[~ok] = np.nanmedian(img[ok])
    img = (img - img.min()) / max(img.max() - img.min(), 1e-12)
    H, W = img.shape; P = a.patch; h = P // 2
    padded = np.pad(img, ((h, P - h), (h, P - h)), mode="reflect")

    if a.write_validation:
        cand = np.flatnonzero(ok.ravel())
        pick = cand[np.random.default_rng(a.validation_seed).integers(0, len(cand), a.validation_count)]
        with open(a.validation, "w") as f:
            for i in pick:
                f.write(f"{i // W} {i % W}\n")
    vr, vc = np.loadtxt(a.validation, dtype=np.int64, ndmin=2).T
    V = torch.from_numpy(ref.patches_at(padded, vr, vc, P))

    def validation_loss(ae):
        with torch.no_grad():
            return float(sum(F.mse_loss(ae(V[i:i + 1000]), V[i:i + 1000], reduction="sum")
                             for i in range(0, len(V), 1000)) / V.numel())

    excluded = 0.0; trace_s = []; trace_val = []; trace_patches = []; batches = 0

    t1 = time.perf_counter()
    ae = ref.AE(); opt = torch.optim.Adam(ae.parameters(), 1e-3)
    ys = rng.integers(0, H, a.train_patches); xs = rng.integers(0, W, a.train_patches)
    X = torch.from_numpy(ref.patches_at(padded, ys, xs, P))
    losses = []
    total_batches = a.epochs * ((len(X) + a.batch - 1) // a.batch)
    for ep in range(a.epochs):
        perm = torch.randperm(len(X)); tot = 0.0
        for i in range(0, len(X), a.batch):
            xb = X[perm[i:i + a.batch]]
            opt.zero_grad(); loss = F.mse_loss(ae(xb), xb); loss.backward(); opt.step()
            tot += loss.item() * len(xb)
            batches += 1
            if batches % a.eval_every == 0 or batches == total_batches:
                t = time.perf_counter()
                trace_s.append(t - t1 - excluded)
                trace_patches.append(ep * len(X) + min(i + a.batch, len(X)))
                trace_val.append(validation_loss(ae))
                excluded += time.perf_counter() - t
        losses.append(tot / len(X))
    train_s = time.perf_counter() - t1 - excluded

    print(json.dumps({"impl": "reference", "train_s": train_s, "loss": losses, "val_loss": trace_val[-1],
                      "trace_s": trace_s, "trace_patches": trace_patches, "trace_val": trace_val,
                      "validation_patches": int(len(V)),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
