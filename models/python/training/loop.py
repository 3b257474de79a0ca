"""Minibatch plumbing shared by the trainers."""
import numpy as np


def batches(n, size, rng):
    """Shuffled index batches covering 0..n-1 once (the last one may be smaller)."""
    order = rng.permutation(n)
    return [order[i:i + size] for i in range(0, n, size)]


def feature_stats(x, axis):
    """Mean and standard deviation over `axis` (a tuple), the std floored so constant features stay finite."""
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=axis)
    std = np.maximum(x.std(axis=axis), 1e-6)
    return mean.astype(np.float32), std.astype(np.float32)


def predict(fn, x, size=1024):
    """Applies fn (numpy in, dict of tensors out) in chunks; returns a dict of numpy arrays."""
    parts = [fn(x[i:i + size]) for i in range(0, len(x), size)]
    return {k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in parts[0]}
