"""JSON reports: plain types only, NaN written as null."""
import json
import math
import os

import numpy as np


def plain(x):
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return plain(x.tolist())
    if isinstance(x, (np.floating, float)):
        return None if not math.isfinite(float(x)) else float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, np.bool_):
        return bool(x)
    return x


def write(path, report):
    os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(plain(report), f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def mean_of(dicts):
    """Element-wise mean of nested dicts of numbers (NaN-aware); lists and strings are left out."""
    out = {}
    for k, v in dicts[0].items():
        if isinstance(v, dict):
            out[k] = mean_of([d[k] for d in dicts])
        elif isinstance(v, (int, float, np.floating, np.integer)) and not isinstance(v, bool):
            vals = np.array([d[k] for d in dicts], dtype=np.float64)
            out[k] = float(np.nanmean(vals)) if np.isfinite(vals).any() else float("nan")
    return out
