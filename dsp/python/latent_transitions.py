"""Latent transitions (seed 002) as an offline numpy computation: the reference that Frisson's streaming
LatentTransitionDetector is checked against on the same input.

Windowed mean of the latent; exponentially weighted mean and covariance of the means (each new mean weighs
max(forgetting, 1/n)); PC1 and PC2 from numpy.linalg.eigh of that covariance at every mean; PC1's variance
over the newest window of means, all projected on the current axis; peaks of that variance with a lookahead,
a strength threshold (variance over its median across the newest pca_memory seconds of variance values), a
warm-up and a refractory period. Written from the
description in the Java class's documentation, with numpy doing the linear algebra.
"""

import math

import numpy as np


def frames(seconds, rate, minimum):
    """Seconds to a whole number of frames, rounding halves up as Java's Math.round does."""
    return max(minimum, int(math.floor(seconds * rate + 0.5)))


def detect(latent, stamps, rate, span, mean_window, mean_hop, pca_memory, variance_window, warmup, threshold,
           confirm, refractory):
    """Returns per mean frame: time, pc1, pc2, variance, strength, centre; and the transitions:
    (index of the confirming mean frame, estimated time, strength, variance, delay)."""
    latent = np.asarray(latent, dtype=np.float64)
    n, dim = latent.shape
    w = frames(mean_window, rate, 1)
    h = frames(mean_hop, rate, 1)
    mean_rate = rate / h
    v = frames(variance_window, mean_rate, 2)
    lookahead = frames(confirm, mean_rate, 1)
    warm = int(math.floor(warmup * mean_rate + 0.5))
    forgetting = 1 - math.exp(-1 / (pca_memory * mean_rate))

    ends = np.arange(w - 1, n, h)
    centres = stamps - span / 2
    means = np.stack([latent[k - w + 1:k + 1].mean(axis=0) for k in ends])
    mean_times = np.array([centres[k - w + 1:k + 1].mean() for k in ends])
    frame_stamps = stamps[ends]

    count = len(means)
    out = {name: np.full(count, np.nan) for name in ("pc1", "pc2", "variance", "strength", "centre", "lambda1")}
    history = frames(pca_memory, mean_rate, 1)
    finite = []
    mu = np.zeros(dim)
    cov = np.zeros((dim, dim))
    previous = None
    for i, m in enumerate(means):
        updates = i + 1
        a = max(forgetting, 1.0 / updates)
        delta = m - mu
        mu = mu + a * delta
        cov = (1 - a) * (cov + a * np.outer(delta, delta))
        values, vectors = np.linalg.eigh(cov)
        axes = vectors[:, ::-1][:, :2].copy()
        lam1 = values[-1]
        for k in range(2):
            if updates > 3:
                flip = axes[:, k] @ previous[:, k] < 0
            else:
                flip = axes[np.argmax(np.abs(axes[:, k])), k] < 0
            if flip:
                axes[:, k] = -axes[:, k]
        previous = axes
        out["lambda1"][i] = lam1
        if updates > 2:
            out["pc1"][i] = (m - mu) @ axes[:, 0]
            out["pc2"][i] = (m - mu) @ axes[:, 1]
        if i >= v - 1:
            p = (means[i - v + 1:i + 1] - mu) @ axes[:, 0]
            var = p.var()
            out["variance"][i] = var
            finite.append(var)
            typical = np.median(finite[-history:])
            out["strength"][i] = var / typical if typical > 0 else np.nan
            out["centre"][i] = mean_times[i - v + 1:i + 1].mean()

    transitions = []
    last = -np.inf
    var = out["variance"]
    for c in range(count - lookahead):
        x = var[c]
        if np.isnan(x):
            continue
        gate = out["strength"][c] if c + 1 >= warm else np.nan
        if not gate >= threshold or out["centre"][c] - last < refractory:
            continue
        before = var[max(0, c - lookahead):c]
        after = var[c + 1:c + lookahead + 1]
        if np.any(before[~np.isnan(before)] >= x) or np.any(after[~np.isnan(after)] > x):
            continue
        last = out["centre"][c]
        confirm_at = c + lookahead
        transitions.append((confirm_at, last, gate, x, frame_stamps[confirm_at] - last))
    out["stamp"] = frame_stamps
    return out, transitions, dict(w=w, h=h, v=v, lookahead=lookahead, warm=warm)


def sections_latent(rng, rate, seconds, dim, boundaries, span=0.0, noise=0.3, wobble=0.2):
    """A synthetic latent: sections alternate along one direction (plus a random offset of their own), with
    AR(1) noise and a slow wobble; a frame belongs to the section at the middle of the span it summarises."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    centres = rng.standard_normal((len(boundaries) + 1, dim)) * 0.5
    dominant = rng.standard_normal(dim)
    dominant *= 2.0 / np.linalg.norm(dominant)
    centres += np.outer(np.where(np.arange(len(boundaries) + 1) % 2 == 0, 1.0, -1.0), dominant)
    section = np.searchsorted(np.asarray(boundaries), t - span / 2, side="right")
    x = centres[section].copy()
    e = np.zeros(dim)
    phi = math.exp(-1 / (0.5 * rate))
    directions = rng.standard_normal((2, dim)) / math.sqrt(dim)
    for i in range(n):
        e = phi * e + math.sqrt(1 - phi * phi) * rng.standard_normal(dim) / math.sqrt(dim)
        x[i] += noise * e
    x += wobble * np.outer(np.sin(2 * np.pi * t / 2.0), directions[0])
    x += wobble * np.outer(np.cos(2 * np.pi * t / 7.0), directions[1])
    return x
