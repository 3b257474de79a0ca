"""Evaluation measures (numpy and scipy only; no TensorFlow here)."""
import numpy as np
from scipy import stats

RETRIEVAL_K = 10  # seed 001: precision@10


def accuracy(prob, y):
    """Share of windows whose thresholded probability (> 0.5) equals the binary label."""
    prob, y = np.asarray(prob).ravel(), np.asarray(y).ravel()
    return float(np.mean((prob > 0.5) == (y > 0.5)))


def aggregated_accuracy(prob, y, trial):
    """Seed 001's aggregation: a trial is correct when at least half of its windows are."""
    correct = (np.asarray(prob).ravel() > 0.5) == (np.asarray(y).ravel() > 0.5)
    trial = np.asarray(trial).ravel()
    per_trial = [correct[trial == t].mean() >= 0.5 for t in np.unique(trial)]
    return float(np.mean(per_trial))


def cosine_similarity(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    return a @ b.T


def retrieval(similarity, relevant, k=RETRIEVAL_K):
    """Precision@k and mean average precision of ranking a gallery for each query.

    similarity [Q, G]: higher is closer; relevant [Q, G] bool. The gallery is ranked by decreasing
    similarity (ties by gallery order). AP of a query = mean, over its relevant items, of the precision at
    each one's rank; queries without a relevant item are left out of both measures."""
    similarity = np.asarray(similarity, dtype=np.float64)
    relevant = np.asarray(relevant, dtype=bool)
    order = np.argsort(-similarity, axis=1, kind="stable")
    hits = np.take_along_axis(relevant, order, axis=1)
    keep = hits.any(axis=1)
    if not keep.any():
        return {"precision_at_k": float("nan"), "map": float("nan"), "k": k, "queries": 0}
    hits = hits[keep]
    kk = min(k, hits.shape[1])
    p_at_k = hits[:, :kk].sum(axis=1) / kk
    ranks = np.arange(1, hits.shape[1] + 1)
    precision = np.cumsum(hits, axis=1) / ranks
    ap = (precision * hits).sum(axis=1) / hits.sum(axis=1)
    return {"precision_at_k": float(p_at_k.mean()), "map": float(ap.mean()), "k": k, "queries": int(keep.sum())}


def pearson_greater(x, y):
    """Pearson r and its one-sided p (alternative: positive correlation)."""
    res = stats.pearsonr(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), alternative="greater")
    return float(res.statistic), float(res.pvalue)


def lag1_autocorrelation(x):
    x = np.asarray(x, dtype=np.float64) - np.mean(x)
    denom = float(x @ x)
    return float(x[1:] @ x[:-1] / denom) if denom > 0 else 0.0


def effective_n(x, y):
    """Sample size corrected for autocorrelation (Bartlett's approximation with lag-1 autocorrelations):
    n (1 - a b) / (1 + a b), kept within [3, n]."""
    ab = lag1_autocorrelation(x) * lag1_autocorrelation(y)
    return float(np.clip(len(x) * (1 - ab) / (1 + ab), 3.0, len(x)))


def pearson_p_greater(r, n):
    """One-sided p of Pearson r on n (possibly effective, non-integer) samples, from Student's t."""
    r = float(np.clip(r, -0.999999, 0.999999))
    t = r * np.sqrt((n - 2) / (1 - r * r))
    return float(stats.t.sf(t, n - 2))


def fisher_combined(pvalues):
    """Fisher's method: X^2 = -2 sum ln p_i with 2k degrees of freedom; returns (X^2, df, p)."""
    p = np.clip(np.asarray(pvalues, dtype=np.float64), np.finfo(np.float64).tiny, 1.0)
    chi2 = float(-2.0 * np.log(p).sum())
    df = 2 * len(p)
    return chi2, df, float(stats.chi2.sf(chi2, df))


def correlation_summary(pairs):
    """Pearson r of each (prediction, truth) pair of series, the median r, and Fisher's combined p of the
    one-sided p-values. Series that are constant are left out (r undefined). Samples within a series are
    autocorrelated, so the plain p-values are optimistic; `fisher_p_adjusted` combines p-values computed on
    each series' effective sample size instead. The median r is the primary measure (seed 002)."""
    rs, ps, ps_adj = [], [], []
    for pred, true in pairs:
        if np.std(pred) > 0 and np.std(true) > 0:
            r, p = pearson_greater(pred, true)
            rs.append(r)
            ps.append(p)
            ps_adj.append(pearson_p_greater(r, effective_n(pred, true)))
    if not rs:
        return {"n": 0, "median_r": float("nan"), "mean_r": float("nan"), "fisher_chi2": float("nan"),
                "fisher_df": 0, "fisher_p": float("nan"), "fisher_p_adjusted": float("nan"), "r": []}
    chi2, df, p = fisher_combined(ps)
    return {"n": len(rs), "median_r": float(np.median(rs)), "mean_r": float(np.mean(rs)),
            "fisher_chi2": chi2, "fisher_df": df, "fisher_p": p, "fisher_p_adjusted": fisher_combined(ps_adj)[2],
            "r": [float(r) for r in rs]}


def _zscore_rows(x):
    x = np.asarray(x, dtype=np.float64)
    x = x - x.mean(axis=-1, keepdims=True)
    sd = x.std(axis=-1, keepdims=True)
    return np.divide(x, sd, out=np.full_like(x, np.nan), where=sd > 0)


def song_permutation_test(predictions, truths, max_permutations=10000, seed=0):
    """How song-specific the predictions are: the median over listenings of r(prediction of song s, truth of
    listener a for song s), against the same statistic with the songs' predictions shuffled among the songs.

    predictions [S, n]: one series per song; truths [A, S, n]: each listener's series per song (all songs
    the same length). Every permutation of the songs is used when there are at most `max_permutations`
    (the identity included), otherwise that many random ones plus the identity. Unlike Fisher's method this
    needs neither independent samples within a series nor independent series (the listeners of one song
    share its prediction). Returns (median r, p, permutations)."""
    import itertools
    import math
    zp, zt = _zscore_rows(predictions), _zscore_rows(truths)
    r = np.einsum("pn,asn->pas", zp, zt) / zp.shape[-1]   # r[s', a, s] = corr(prediction s', truth a,s)
    songs = np.arange(len(zp))

    def statistic(perm):
        return float(np.nanmedian(r[perm[None, :], np.arange(r.shape[1])[:, None], songs[None, :]]))

    observed = statistic(songs)
    if math.factorial(len(songs)) <= max_permutations:
        perms = [np.array(q) for q in itertools.permutations(songs)]
    else:
        rng = np.random.default_rng(seed)
        perms = [songs] + [rng.permutation(songs) for _ in range(max_permutations - 1)]
    null = np.array([statistic(q) for q in perms])
    p = float(np.mean(null >= observed - 1e-12))
    return observed, p, len(perms)


def roc_auc(score, y):
    """Area under the ROC curve (Mann-Whitney U / (n_pos n_neg)); NaN with only one class."""
    score, y = np.asarray(score, dtype=np.float64).ravel(), np.asarray(y).ravel() > 0.5
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = stats.rankdata(score)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def modality_probe(train_a, train_b, test_a, test_b, shrinkage=1e-2):
    """How well a fresh linear classifier tells modality A latents from modality B's: Fisher's linear
    discriminant (covariance shrunk towards the identity) fitted on the training latents, accuracy on the
    test latents. 0.5 means the two modalities share one distribution (as far as a linear probe sees)."""
    a, b = np.asarray(train_a, np.float64), np.asarray(train_b, np.float64)
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    cov = np.cov(np.vstack([a - mu_a, b - mu_b]).T)
    cov = np.atleast_2d(cov)
    cov = (1 - shrinkage) * cov + shrinkage * np.trace(cov) / len(cov) * np.eye(len(cov))
    w = np.linalg.solve(cov, mu_a - mu_b)
    c = w @ (mu_a + mu_b) / 2
    ta, tb = np.asarray(test_a, np.float64), np.asarray(test_b, np.float64)
    correct = np.concatenate([ta @ w > c, tb @ w <= c])
    return float(correct.mean())
