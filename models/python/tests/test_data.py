"""The cohort reader, the DEAP reader and the windows cut from them."""
import json
import os
import pickle
import shutil

import numpy as np
import pytest
from scipy import signal, stats

from training import deap, windows
from training.cohort import DataError, read_chills, read_emotion


def test_cohort_is_read_with_its_contract(planted):
    e = read_emotion(planted)
    assert e.de.shape[:2] == (2, 16) and e.de.shape[3] == 160 and e.de.dtype == np.float32
    assert e.music.shape[0] == 16 and e.music.shape[2] == 200
    assert e.de_labels[:2] == ["Fp1/delta", "Fp1/theta"] and e.subjects == ["s01", "s02"]
    assert e.source == {"kind": "simulated-cohort", "path": os.path.abspath(planted), "seed": 3}
    c = read_chills(planted)
    assert c.phasic.shape[:2] == (12, 6) and c.chill.dtype == np.uint8 and c.embedding.shape[0] == 6


@pytest.mark.parametrize("damage, message", [
    (lambda d: np.save(os.path.join(d, "emotion/de.npy"), np.zeros((2, 16, 5, 150), np.float32)),
     "emotion/de.npy: shape [2, 16, 5, 150], expected [2, 16, ?, 160]"),
    (lambda d: os.remove(os.path.join(d, "emotion/ratings.npy")), "emotion/ratings.npy: missing"),
    (lambda d: np.save(os.path.join(d, "emotion/de_times.npy"), np.zeros(89)), "de_times.npy: shape"),
    (lambda d: np.save(os.path.join(d, "emotion/ratings.npy"), np.full((2, 16, 2), 10.0, np.float32)),
     "ratings outside 1..9"),
])
def test_a_damaged_cohort_is_refused_naming_the_file(planted, tmp_path, damage, message):
    d = str(tmp_path / "c")
    shutil.copytree(planted, d)
    damage(d)
    with pytest.raises(DataError, match=message.replace("[", r"\[").replace("]", r"\]").replace("?", r"\?")):
        read_emotion(d)


def test_a_manifest_of_another_kind_is_refused(planted, tmp_path):
    d = str(tmp_path / "c")
    shutil.copytree(planted, d)
    m = json.load(open(os.path.join(d, "manifest.json")))
    m["kind"] = "something-else"
    json.dump(m, open(os.path.join(d, "manifest.json"), "w"))
    with pytest.raises(DataError, match="manifest.json: kind is 'something-else'"):
        read_chills(d)


def test_emotion_windows_pair_eeg_with_the_music_of_the_same_span(planted):
    e = read_emotion(planted)
    w = windows.emotion_windows(e, 1, length=16, stride=4)
    # a window ends at de_times[end]; its music is the mean of embeddings with times in (t - 4 s, t]
    k = 7
    t, trial = w.time[k], w.trial[k]
    end = int(np.where(np.isclose(e.de_times, t))[0][0])
    np.testing.assert_array_equal(w.eeg[k], e.de[1, trial, end - 15:end + 1])
    inside = (e.music_times > t - 4.0) & (e.music_times <= t)
    np.testing.assert_allclose(w.music[k], e.music[trial, inside].mean(axis=0), rtol=1e-5)
    np.testing.assert_array_equal(w.labels[k], (e.ratings[1, trial] > 5).astype(np.float32))
    # the first window ends once an embedding exists
    assert w.time.min() >= e.music_times[0]


def test_pooled_music_falls_back_to_the_newest_embedding():
    music = np.arange(12, dtype=np.float32).reshape(1, 4, 3)
    times = np.array([3.0, 3.4, 3.8, 10.0])
    np.testing.assert_array_equal(windows.pooled_music(music, times, 9.0, 2.0)[0], music[0, 2])
    np.testing.assert_array_equal(windows.pooled_music(music, times, 4.0, 1.0)[0], music[0, 1:3].mean(axis=0))  # (3, 4]: 3.4, 3.8


def test_phasic_normalisation_is_zscore_then_detrend():
    x = np.random.default_rng(0).standard_normal(300).cumsum() + 5
    np.testing.assert_allclose(windows.normalize_trial(x), signal.detrend(stats.zscore(x), type="linear"),
                               atol=1e-10)


def test_chill_targets_are_the_next_3_2_s_and_the_button_within_it(planted):
    c = read_chills(planted)
    cw = windows.chill_windows(c, hop=4.0)
    assert cw.inputs.shape[2:] == (32, 200) and cw.phasic.shape[-1] == 8
    j = 3
    t = cw.ends[j]
    np.testing.assert_allclose(cw.target_times[j], t + np.arange(1, 9) * 0.4)
    e = int(np.where(np.isclose(c.embedding_times, t))[0][0])
    np.testing.assert_array_equal(cw.inputs[2, j], c.embedding[2, e - 31:e + 1])
    norm = windows.normalize_trial(c.phasic[5, 2])
    np.testing.assert_allclose(cw.phasic[5, 2, j], np.interp(t + np.arange(1, 9) * 0.4, c.gsr_times, norm),
                               atol=1e-5)
    held = c.chill[5, 2][(c.gsr_times > t) & (c.gsr_times <= t + 3.2)]
    assert cw.chill[5, 2, j] == float(held.any())
    assert np.diff(cw.ends).min() == pytest.approx(4.0)


def _write_deap(directory, rng, trials=3, seconds=6):
    os.makedirs(directory, exist_ok=True)
    n = int(128 * (3 + seconds))
    data = rng.standard_normal((trials, 40, n)) * 10
    t = np.arange(n) / 128
    data[0, 13, :] += 40 * np.sin(2 * np.pi * 10 * t)     # strong alpha on O1 in trial 0
    labels = rng.uniform(1, 9, size=(trials, 4))
    for s in ("s01", "s02"):
        with open(os.path.join(directory, f"{s}.dat"), "wb") as f:
            pickle.dump({"data": data, "labels": labels}, f, protocol=2)
    np.savez(os.path.join(directory, "musicnn_penultimate.npz"),
             embedding=rng.standard_normal((trials, 8, 200)).astype(np.float32),
             times=3.0 + 0.4 * np.arange(8), model="MTT_musicnn", layer="penultimate")
    return data, labels


def test_deap_de_is_frisson_s_de_after_the_baseline(tmp_path):
    d = str(tmp_path / "deap")
    data, labels = _write_deap(d, np.random.default_rng(5))
    e = deap.read_deap(d, ["s02"])
    ref = deap._reference()
    eeg = data[1, :32, 384:].T
    want = ref.periodogram_de(eeg, 128.0, 128, 32, 128, ref.SEED_BANDS).reshape(-1, 160)
    np.testing.assert_allclose(e.de[0, 1], want, rtol=1e-6)
    np.testing.assert_allclose(e.de_times, 1.0 + 0.25 * np.arange(len(want)))
    np.testing.assert_allclose(e.ratings[0], labels[:, :2], rtol=1e-6)
    assert e.de_labels[13 * 5 + 2] == "O1/alpha" and e.de_rate == 4.0 and e.subjects == ["s02"]
    # the alpha rhythm planted on O1 shows in its alpha DE, not in its neighbour's
    assert e.de[0, 0, :, 13 * 5 + 2].mean() > e.de[0, 1, :, 13 * 5 + 2].mean() + 1.0
    assert e.embedding_model == "MTT_musicnn" and e.music.shape == (3, 8, 200)
    assert e.embedding_rate == pytest.approx(2.5)


def test_deap_without_music_says_what_is_missing(tmp_path):
    d = str(tmp_path / "deap")
    _write_deap(d, np.random.default_rng(6))
    os.remove(os.path.join(d, "musicnn_penultimate.npz"))
    with pytest.raises(DataError, match="musicnn_penultimate.npz: missing"):
        deap.read_deap(d)


def test_standardisation_does_not_blow_up_constant_features():
    from training.loop import feature_stats
    x = np.random.default_rng(7).standard_normal((500, 3))
    x[:, 1] = 0.25          # a unit that never fires
    x[:, 2] *= 1e-7
    mean, std = feature_stats(x, axis=(0,))
    assert mean[1] == pytest.approx(0.25)
    assert std[0] == pytest.approx(x[:, 0].std(), rel=1e-5)
    assert std[1] == pytest.approx(0.01 * np.mean([x[:, 0].std(), 0, x[:, 2].std()]), rel=1e-5)
    assert std[2] == std[1]
