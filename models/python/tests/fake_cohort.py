"""Test fixture: a small cohort in the simulated-cohort format with structure planted where the models
should find it. It is not the simulator (the product's cohorts come from `frisson simulate cohort`); it
only lets the training tools be tested end to end on data whose answer is known.

Planted:
  emotion  each track has a high/low valence and arousal; its embedding carries them along two fixed
           directions; each subject's DE carries arousal as lower posterior alpha and higher beta/gamma and
           valence as frontal alpha and theta asymmetry, over a subject baseline, trial offsets and frame noise;
           ratings are the track's class plus subject noise (never exactly 5)
  chills   songs are sections of constant embedding (plus noise); each section change is followed, after a
           participant-specific delay, by a skin conductance response; some changes bring a chill
"""
import json
import os

import numpy as np

CHANNELS = ["Fp1", "AF3", "F3", "F7", "FC5", "FC1", "C3", "T7", "CP5", "CP1", "P3", "P7", "PO3", "O1",
            "Oz", "Pz", "Fp2", "AF4", "Fz", "F4", "F8", "FC6", "FC2", "Cz", "C4", "T8", "CP6", "CP2",
            "P4", "P8", "PO4", "O2"]
BANDS = ["delta", "theta", "alpha", "beta", "gamma"]
POSTERIOR = [c for c in range(32) if CHANNELS[c] in ("P3", "P7", "PO3", "O1", "Oz", "Pz", "P4", "P8", "PO4",
                                                     "O2")]
LEFT_FRONTAL = [CHANNELS.index(c) for c in ("Fp1", "AF3", "F3", "F7")]
RIGHT_FRONTAL = [CHANNELS.index(c) for c in ("Fp2", "AF4", "F4", "F8")]


def de_index(channel, band):
    return channel * len(BANDS) + BANDS.index(band)


def _emotion(rng, subjects, trials, trial_seconds, dim, planted):
    n_de = int(round((trial_seconds - 1.0) / 0.25)) + 1
    de_times = (np.arange(n_de) + 4) * 0.25
    music_times = np.arange(3.0, trial_seconds + 1e-9, 0.4)
    classes = np.stack([rng.permutation(np.arange(trials) % 2), rng.permutation((np.arange(trials) // 2) % 2)],
                       axis=1) * 2 - 1                                                   # [T, 2] in {-1, 1}
    directions = rng.standard_normal((2, dim))
    track = rng.standard_normal((trials, dim)) * 0.7 + classes @ directions * 0.6
    music = track[:, None, :] + 0.5 * rng.standard_normal((trials, len(music_times), dim))
    f = len(CHANNELS) * len(BANDS)
    de = np.empty((subjects, trials, n_de, f))
    ratings = np.empty((subjects, trials, 2))
    for s in range(subjects):
        baseline = 3.0 + 0.5 * rng.standard_normal(f)
        for t in range(trials):
            x = baseline + 0.15 * rng.standard_normal(f) + 0.35 * rng.standard_normal((n_de, f))
            if planted:
                wave = 0.7 + 0.3 * np.sin(2 * np.pi * de_times / rng.uniform(6, 12) + rng.uniform(0, 6.3))
                v, a = classes[t]
                for c in POSTERIOR:
                    x[:, de_index(c, "alpha")] -= 0.25 * a * wave
                    x[:, de_index(c, "beta")] += 0.2 * a * wave
                    x[:, de_index(c, "gamma")] += 0.2 * a * wave
                for c in LEFT_FRONTAL:
                    x[:, de_index(c, "alpha")] -= 0.4 * v * wave
                    x[:, de_index(c, "theta")] -= 0.3 * v * wave
                for c in RIGHT_FRONTAL:
                    x[:, de_index(c, "alpha")] += 0.4 * v * wave
                    x[:, de_index(c, "theta")] += 0.3 * v * wave
            de[s, t] = x
        magnitude = rng.uniform(0.6, 3.5, size=(trials, 2))
        ratings[s] = np.clip(5.0 + classes * magnitude, 1.0, 9.0)
    return de, de_times, music, music_times, ratings


def _scr(t):
    """A skin conductance response shape (difference of exponentials, onset at t = 0, peak near 2 s)."""
    t = np.maximum(t, 0.0)
    return np.where(t > 0, np.exp(-t / 4.0) - np.exp(-t / 0.75), 0.0) / 0.55


def _chills(rng, participants, songs, song_seconds, dim, planted):
    emb_times = np.arange(3.0, song_seconds + 1e-9, 0.4)
    gsr_times = np.arange(int(round(song_seconds * 4.0))) / 4.0
    embedding = np.empty((songs, len(emb_times), dim))
    changes = []
    for s in range(songs):
        bounds = np.cumsum(rng.uniform(6.0, 12.0, size=20))
        bounds = bounds[bounds < song_seconds - 2.0]
        section = np.searchsorted(bounds, emb_times, side="right")
        vectors = rng.standard_normal((len(bounds) + 1, dim))
        embedding[s] = vectors[section] + 0.3 * rng.standard_normal((len(emb_times), dim))
        changes.append(bounds)
    phasic = np.empty((participants, songs, len(gsr_times)))
    chill = np.zeros((participants, songs, len(gsr_times)), dtype=np.uint8)
    for p in range(participants):
        delay = rng.uniform(1.0, 2.0)
        gain = rng.uniform(0.5, 1.5)
        for s in range(songs):
            x = 0.03 * rng.standard_normal(len(gsr_times)).cumsum() * 0.2 + 0.05 * rng.standard_normal(
                len(gsr_times))
            for e in rng.uniform(0, song_seconds, size=2):    # spontaneous responses, unrelated to music
                x += 0.4 * _scr(gsr_times - e)
            if planted:
                for e in changes[s]:
                    x += gain * rng.uniform(0.6, 1.4) * _scr(gsr_times - e - delay)
                    if rng.uniform() < 0.4:
                        chill[p, s, (gsr_times >= e + 0.5) & (gsr_times < e + 3.5)] = 1
            phasic[p, s] = x + 0.01 * gsr_times  # a slow drift the per-trial detrending removes
    return embedding, emb_times, phasic, gsr_times, chill


def write(directory, seed=0, subjects=2, trials=20, trial_seconds=30.0, participants=12, songs=6,
          song_seconds=60.0, dim=200, planted=True):
    """Writes the cohort into `directory` (created); returns the manifest."""
    rng = np.random.default_rng(seed)
    de, de_times, music, music_times, ratings = _emotion(rng, subjects, trials, trial_seconds, dim, planted)
    emb, emb_times, phasic, gsr_times, chill = _chills(rng, participants, songs, song_seconds, dim, planted)
    manifest = {"kind": "frisson-simulated-cohort", "seed": seed, "subjects": subjects, "trials": trials,
                "trial_seconds": trial_seconds, "de_rate": 4.0,
                "de_labels": [f"{c}/{b}" for c in CHANNELS for b in BANDS],
                "embedding_rate": 2.5, "embedding_model": "MTT_musicnn", "embedding_layer": "penultimate",
                "embedding_labels": [f"penultimate{i}" for i in range(dim)],
                "participants": participants, "songs": songs, "song_seconds": song_seconds, "gsr_rate": 4.0}
    for sub in ("emotion", "chills"):
        os.makedirs(os.path.join(directory, sub), exist_ok=True)
    with open(os.path.join(directory, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    arrays = {"emotion/de.npy": de.astype(np.float32), "emotion/de_times.npy": de_times,
              "emotion/music.npy": music.astype(np.float32), "emotion/music_times.npy": music_times,
              "emotion/ratings.npy": ratings.astype(np.float32),
              "chills/embedding.npy": emb.astype(np.float32), "chills/embedding_times.npy": emb_times,
              "chills/phasic.npy": phasic.astype(np.float32), "chills/gsr_times.npy": gsr_times,
              "chills/chill.npy": chill}
    for name, a in arrays.items():
        np.save(os.path.join(directory, name), a)
    return manifest


if __name__ == "__main__":
    import sys
    if len(sys.argv) != 2:
        sys.exit("usage: fake_cohort.py DIR   (a small test cohort, not a simulation)")
    write(sys.argv[1])
