import numpy as np
import pytest
from scipy import stats

from training import metrics


def test_window_and_aggregated_accuracy_by_hand():
    prob = np.array([0.9, 0.8, 0.2, 0.4, 0.6, 0.1, 0.7])
    y = np.array([1, 1, 1, 0, 0, 0, 1])
    trial = np.array([0, 0, 0, 1, 1, 1, 2])
    # correct: T T F | T F T | T -> 5/7 windows; trials: 2/3 ok, 2/3 ok, 1/1 ok
    assert metrics.accuracy(prob, y) == pytest.approx(5 / 7)
    assert metrics.aggregated_accuracy(prob, y, trial) == 1.0
    # exactly half correct counts as correct (seed 001: "at least half")
    assert metrics.aggregated_accuracy([0.9, 0.1], [1, 1], [0, 0]) == 1.0
    assert metrics.aggregated_accuracy([0.9, 0.1, 0.2], [1, 1, 1], [0, 0, 0]) == 0.0


def test_retrieval_on_a_hand_made_example():
    # two queries over a gallery of five; similarity ranks given directly
    sim = np.array([[0.9, 0.1, 0.8, 0.3, 0.5],    # ranking: 0, 2, 4, 3, 1
                    [0.2, 0.7, 0.1, 0.6, 0.9]])   # ranking: 4, 1, 3, 0, 2
    rel = np.array([[1, 0, 0, 1, 0],              # relevant at ranks 1 and 4: AP = (1/1 + 2/4) / 2 = 0.75
                    [0, 0, 1, 0, 0]], dtype=bool)  # relevant at rank 5: AP = 1/5
    r = metrics.retrieval(sim, rel, k=2)
    assert r["precision_at_k"] == pytest.approx((1 / 2 + 0 / 2) / 2)
    assert r["map"] == pytest.approx((0.75 + 0.2) / 2)
    r3 = metrics.retrieval(sim, rel, k=3)
    assert r3["precision_at_k"] == pytest.approx((1 / 3 + 0) / 2)
    # a query with nothing relevant is left out
    r = metrics.retrieval(sim, np.array([[1, 0, 0, 0, 0], [0, 0, 0, 0, 0]], dtype=bool), k=1)
    assert r["queries"] == 1 and r["map"] == 1.0 and r["precision_at_k"] == 1.0


def test_cosine_similarity():
    s = metrics.cosine_similarity([[1, 0], [1, 1]], [[2, 0], [0, 3]])
    np.testing.assert_allclose(s, [[1, 0], [np.sqrt(0.5), np.sqrt(0.5)]])


def test_fisher_combined_equals_scipy_and_the_formula():
    p = [0.01, 0.2, 0.5, 0.03]
    chi2, df, pc = metrics.fisher_combined(p)
    want = stats.combine_pvalues(p, method="fisher")
    assert chi2 == pytest.approx(want.statistic) and pc == pytest.approx(want.pvalue)
    assert df == 8 and chi2 == pytest.approx(-2 * sum(np.log(p)))


def test_correlation_summary_median_r_and_fisher_against_scipy():
    rng = np.random.default_rng(0)
    truth = [rng.standard_normal(40) for _ in range(5)]
    pairs = [(t + rng.standard_normal(40) * s, t) for t, s in zip(truth, [0.5, 1, 2, 4, 8])]
    out = metrics.correlation_summary(pairs + [(np.ones(40), truth[0])])   # a constant series is left out
    rs = [stats.pearsonr(a, b).statistic for a, b in pairs]
    ps = [stats.pearsonr(a, b, alternative="greater").pvalue for a, b in pairs]
    assert out["n"] == 5
    assert out["median_r"] == pytest.approx(np.median(rs))
    assert out["fisher_p"] == pytest.approx(stats.combine_pvalues(ps, method="fisher").pvalue)
    assert out["r"] == pytest.approx(rs)


def test_autocorrelation_makes_the_adjusted_p_larger():
    rng = np.random.default_rng(1)
    smooth = lambda x: np.convolve(x, np.ones(15) / 15, mode="same")  # noqa: E731
    pairs = [(smooth(rng.standard_normal(200)), smooth(rng.standard_normal(200))) for _ in range(20)]
    out = metrics.correlation_summary(pairs)
    assert out["fisher_p_adjusted"] > out["fisher_p"]
    assert out["fisher_p_adjusted"] > 0.01            # unrelated series: no evidence once adjusted
    # white noise: the effective n is close to n
    x, y = rng.standard_normal(500), rng.standard_normal(500)
    assert metrics.effective_n(x, y) == pytest.approx(500, rel=0.05)
    # and the t-based p equals scipy's for the plain n
    r, p = metrics.pearson_greater(x, y)
    assert metrics.pearson_p_greater(r, 500) == pytest.approx(p, rel=1e-6)


def test_roc_auc_by_hand():
    assert metrics.roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == pytest.approx(0.75)
    assert np.isnan(metrics.roc_auc([0.1, 0.2], [1, 1]))


def test_modality_probe():
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((200, 4)), rng.standard_normal((200, 4))
    assert abs(metrics.modality_probe(a[:100], b[:100], a[100:], b[100:]) - 0.5) < 0.1
    assert metrics.modality_probe(a[:100] + 3, b[:100], a[100:] + 3, b[100:]) > 0.95


def test_song_permutation_test_on_a_hand_made_example():
    rng = np.random.default_rng(3)
    songs = rng.standard_normal((4, 30))
    truths = songs[None] + 0.3 * rng.standard_normal((2, 4, 30))       # every listener follows each song
    median, p, n = metrics.song_permutation_test(songs, truths)
    rs = [stats.pearsonr(songs[s], truths[a, s]).statistic for a in range(2) for s in range(4)]
    assert median == pytest.approx(np.median(rs))
    assert n == 24 and p == pytest.approx(1 / 24)                      # only the identity does as well
    # predictions unrelated to the songs: the observed pairing is not special
    median, p, n = metrics.song_permutation_test(rng.standard_normal((4, 30)), truths)
    assert p > 0.05
    # many songs: random permutations plus the identity
    big = rng.standard_normal((9, 20))
    _, p, n = metrics.song_permutation_test(big, big[None] + 0.1 * rng.standard_normal((3, 9, 20)),
                                            max_permutations=500)
    assert n == 500 and p == pytest.approx(1 / 500)
