"""Reference computations for Frisson's calibration tests.

Usage: calibration_reference.py TASK OUTDIR

Each task draws its inputs from a fixed seed, computes the reference results with numpy / scikit-learn and writes
both into OUTDIR as raw little-endian float64 files (NAME.f64, matrices row-major) plus a manifest.txt of
key=value lines; the Java test reads them, runs Frisson on the same inputs and compares.

Tasks:
  ridge    FIR lag design (zero history) of smooth components; sklearn.linear_model.Ridge(alpha=lambda)
  lda      StandardScaler, then LinearDiscriminantAnalysis(solver='lsqr', shrinkage='auto'): P(high); the
           per-class Ledoit-Wolf intensities (sklearn.covariance.ledoit_wolf_shrinkage)
  pearson  numpy.corrcoef on awkward pairs (offsets, near-collinear, two values)
  pca      sklearn.decomposition.PCA(svd_solver='full'): mean, components, explained variance
  retrieval  cosine similarity of EEG and music latents and seed 001's precision@10 and mAP, by the training tools'
           metrics (models/python/training/metrics.py) and, for mAP, sklearn.metrics.average_precision_score
"""

import os
import sys

import numpy as np


def write(outdir, name, array):
    np.ascontiguousarray(np.asarray(array, dtype="<f8")).tofile(os.path.join(outdir, name + ".f64"))


def save_manifest(outdir, entries):
    with open(os.path.join(outdir, "manifest.txt"), "w", encoding="utf-8") as f:
        for key, value in entries.items():
            if isinstance(value, (list, tuple)):
                value = ",".join(repr(v) for v in value)
            f.write(f"{key}={value}\n")


def smooth(rng, n, k, phi):
    """AR(1) series per column, unit variance."""
    z = np.zeros((n, k))
    z[0] = rng.standard_normal(k)
    for t in range(1, n):
        z[t] = phi * z[t - 1] + np.sqrt(1 - phi * phi) * rng.standard_normal(k)
    return z


def lag_design(z, lags):
    """Row t holds z[t - lag] for every lag, lag-major; rows before the start are zeros."""
    n, k = z.shape
    x = np.zeros((n, len(lags) * k))
    for i, lag in enumerate(lags):
        x[lag:, i * k:(i + 1) * k] = z[: n - lag]
    return x


def task_ridge(outdir):
    from sklearn.linear_model import Ridge

    rng = np.random.default_rng(20240501)
    n, k = 400, 6
    lags = list(range(16))  # 0..6 s at 2.5 Hz
    z = smooth(rng, n, k, 0.9)
    z = (z - z.mean(0)) / z.std(0, ddof=1)
    x = lag_design(z, lags)
    w_true = rng.standard_normal(x.shape[1]) * np.exp(-np.repeat(np.arange(len(lags)), k) / 5)
    y = x @ w_true + 2.5 + rng.standard_normal(n)
    lambdas = [0.01, 1.0, 100.0, 10000.0]
    write(outdir, "components", z)
    write(outdir, "design", x)
    write(outdir, "y", y)
    for i, lam in enumerate(lambdas):
        model = Ridge(alpha=lam, fit_intercept=True).fit(x, y)
        write(outdir, f"coef_{i}", model.coef_)
        write(outdir, f"intercept_{i}", [model.intercept_])
    save_manifest(outdir, {"n": n, "k": k, "lags": lags, "lambdas": lambdas})


def lda_case(outdir, name, rng, n_train, n_test, p, share_high):
    from sklearn.covariance import ledoit_wolf_shrinkage
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    from sklearn.preprocessing import StandardScaler

    n = n_train + n_test
    high = rng.random(n) < share_high
    mixing = rng.standard_normal((p, p)) / np.sqrt(p)
    x = rng.standard_normal((n, p)) @ mixing
    x[high, : p // 3] += 0.8
    x = x * 10.0 ** rng.uniform(-2, 2, p) + rng.uniform(-50, 50, p)
    train, test = slice(0, n_train), slice(n_train, n)
    scaler = StandardScaler().fit(x[train])
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto").fit(scaler.transform(x[train]), high[train])
    proba = lda.predict_proba(scaler.transform(x[test]))[:, list(lda.classes_).index(True)]
    z = scaler.transform(x[train])
    shrinkage = []
    for label in (False, True):
        rows = z[high[train] == label]
        shrinkage.append(ledoit_wolf_shrinkage(StandardScaler().fit_transform(rows)))
    write(outdir, f"{name}_x", x)
    write(outdir, f"{name}_high", high.astype(float))
    write(outdir, f"{name}_proba", proba)
    write(outdir, f"{name}_coef", lda.coef_[0])
    write(outdir, f"{name}_intercept", lda.intercept_)
    write(outdir, f"{name}_shrinkage", shrinkage)
    return {f"{name}.train": n_train, f"{name}.test": n_test, f"{name}.p": p}


def task_lda(outdir):
    rng = np.random.default_rng(20240502)
    entries = {}
    entries.update(lda_case(outdir, "tall", rng, 240, 60, 12, 0.4))
    # fewer windows than features: the shrinkage carries the covariance
    entries.update(lda_case(outdir, "wide", rng, 24, 30, 40, 0.5))
    save_manifest(outdir, entries)


def task_pearson(outdir):
    rng = np.random.default_rng(20240503)
    pairs = []
    a = rng.standard_normal(1000)
    pairs.append((a, 0.3 * a + rng.standard_normal(1000)))
    b = rng.standard_normal(500)
    pairs.append((1e6 + b, 1e6 - 2 * b + 1e-3 * rng.standard_normal(500)))  # large offset, near -1
    c = rng.standard_normal(300)
    pairs.append((c, c + 1e-9 * rng.standard_normal(300)))  # near +1
    pairs.append((np.array([1.0, 2.0]), np.array([5.0, 3.0])))  # two values
    d = smooth(rng, 800, 2, 0.95)
    pairs.append((d[:, 0], d[:, 1]))
    entries = {"pairs": len(pairs)}
    r = []
    for i, (x, y) in enumerate(pairs):
        write(outdir, f"x_{i}", x)
        write(outdir, f"y_{i}", y)
        r.append(np.corrcoef(x, y)[0, 1])
    write(outdir, "r", r)
    save_manifest(outdir, entries)


def task_pca(outdir):
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(20240504)
    n, d, k = 500, 40, 8
    latent = smooth(rng, n, 12, 0.8) * np.linspace(3, 0.5, 12)
    x = latent @ rng.standard_normal((12, d)) + 0.1 * rng.standard_normal((n, d)) + rng.uniform(-5, 5, d)
    pca = PCA(n_components=k, svd_solver="full").fit(x)
    write(outdir, "x", x)
    write(outdir, "mean", pca.mean_)
    write(outdir, "components", pca.components_)
    write(outdir, "variance", pca.explained_variance_)
    save_manifest(outdir, {"n": n, "d": d, "k": k})


def task_retrieval(outdir):
    """Latents with some shared structure by track, tracks with binary classes; scores by two references."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "python"))
    from training import metrics
    from sklearn.metrics import average_precision_score
    rng = np.random.default_rng(20241201)
    n_tracks, per_track, dim = 6, 9, 8
    centres = rng.normal(size=(n_tracks, dim))
    track = np.repeat(np.arange(n_tracks), per_track)
    queries = centres[track] + 1.5 * rng.normal(size=(track.size, dim))
    gallery = centres[track] + 1.5 * rng.normal(size=(track.size, dim))
    cls = np.array([1, 0, 1, 1, 0, 0])[track]
    sim = metrics.cosine_similarity(queries, gallery)
    entries = {"queries": track.size, "dim": dim}
    write(outdir, "queries", queries)
    write(outdir, "gallery", gallery)
    write(outdir, "track", track)
    write(outdir, "class", cls)
    write(outdir, "similarity", sim)
    for name, relevant in (("track", track[:, None] == track[None, :]), ("class", cls[:, None] == cls[None, :])):
        r = metrics.retrieval(sim, relevant, k=10)
        aps = [average_precision_score(relevant[q], sim[q]) for q in range(sim.shape[0]) if relevant[q].any()]
        entries[name + "_p_at_10"] = r["precision_at_k"]
        entries[name + "_map"] = r["map"]
        entries[name + "_map_sklearn"] = float(np.mean(aps))
        entries[name + "_queries"] = r["queries"]
    save_manifest(outdir, entries)


TASKS = {"ridge": task_ridge, "lda": task_lda, "pearson": task_pearson, "pca": task_pca, "retrieval": task_retrieval}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    os.makedirs(sys.argv[2], exist_ok=True)
    TASKS[sys.argv[1]](sys.argv[2])
