"""Minibatch plumbing shared by the trainers."""
import numpy as np


def batches(n, size, rng):
    """Shuffled index batches covering 0..n-1 once (the last one may be smaller)."""
    order = rng.permutation(n)
    return [order[i:i + size] for i in range(0, n, size)]


STD_FLOOR = 0.01  # features varying less than 1% of the typical feature's std are not blown up


def feature_stats(x, axis):
    """Mean and standard deviation over `axis` (a tuple). The std is floored at 1% of the mean std over
    features: a (nearly) constant feature, e.g. a MusiCNN unit that never fires on the training music,
    would otherwise scale any later deviation, or float32 round-off, by up to a million."""
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=axis)
    std = x.std(axis=axis)
    std = np.maximum(std, max(STD_FLOOR * float(std.mean()), 1e-6))
    return mean.astype(np.float32), std.astype(np.float32)


def predict(fn, x, size=1024):
    """Applies fn (numpy in, dict of tensors out) in chunks; returns a dict of numpy arrays."""
    parts = [fn(x[i:i + size]) for i in range(0, len(x), size)]
    return {k: np.concatenate([np.asarray(p[k]) for p in parts]) for k in parts[0]}
