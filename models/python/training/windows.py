"""Windows, labels and targets: what the models see and what they are asked to predict.

Emotion (seed 001): an EEG window is L consecutive DE frames; it ends at time t, the newest sample of its
last frame. Its music input is the mean of the track's embeddings whose newest sample lies in
(t - L / de_rate, t] (the span of the window), or the newest embedding at or before t when none does.
Labels are the trial's self-reports binarized at 5 (high when > 5).

Chills (seed 002): an input window is the W newest embeddings at or before t (12.8 s); the target is the
participant's phasic skin conductance, normalized per trial (z-scored, then linearly detrended), at the K
times t + k / embedding_rate, k = 1..K (the next 3.2 s, read off the skin conductance by linear
interpolation); the chill label is 1 when the button is held at any sample in (t, t + 3.2 s].
"""
from dataclasses import dataclass

import numpy as np

RATING_THRESHOLD = 5.0       # seed 001: valence/arousal binarized at the median, 5 on DEAP's 1-9 scale
EEG_WINDOW_FRAMES = 16       # 4 s of DE frames at 4 Hz
EEG_STRIDE_FRAMES = 4        # training windows every 1 s
OBSERVATION_SECONDS = 12.8   # seed 002: 12.8 s observation window
HORIZON_SECONDS = 3.2        # seed 002: 3.2 s prediction window
HOP_SECONDS = 4.0            # seed 002: 4 s hop (offline)


def high(ratings):
    """1.0 where a 1-9 rating is above the threshold (high valence / arousal), else 0.0."""
    return (np.asarray(ratings) > RATING_THRESHOLD).astype(np.float32)


@dataclass
class EmotionWindows:
    eeg: np.ndarray      # float32 [W, L, F]
    music: np.ndarray    # float32 [W, D]: mean embedding over the window's span
    labels: np.ndarray   # float32 [W, 2]: high valence, high arousal
    trial: np.ndarray    # int [W]: trial index
    time: np.ndarray     # float [W]: end of the window, seconds from trial start

    def take(self, mask):
        return EmotionWindows(self.eeg[mask], self.music[mask], self.labels[mask], self.trial[mask],
                              self.time[mask])


def window_ends(de_times, music_times, length, stride):
    """Indices of the last DE frame of each window that has at least one embedding at or before its end."""
    ends = np.arange(length - 1, len(de_times), stride)
    return ends[de_times[ends] >= music_times[0]] if len(music_times) else ends[:0]


def pooled_music(music, music_times, t, span):
    """Mean embedding [T, D] over (t - span, t] of every trial's track; the newest one at or before t when
    no embedding falls in that interval."""
    inside = (music_times > t - span) & (music_times <= t)
    if not inside.any():
        inside = np.zeros_like(inside)
        inside[np.searchsorted(music_times, t, side="right") - 1] = True
    return music[:, inside, :].mean(axis=1)


def emotion_windows(data, subject, length=EEG_WINDOW_FRAMES, stride=EEG_STRIDE_FRAMES, ratings=None):
    """Every window of one subject (index into data.subjects); `ratings` [T, 2] overrides the subject's own
    (used for label-shuffling controls)."""
    ends = window_ends(data.de_times, data.music_times, length, stride)
    if len(ends) == 0:
        raise ValueError(f"no window of {length} DE frames ends after the first embedding")
    span = length / data.de_rate
    t_count = data.de.shape[1]
    eeg = np.stack([data.de[subject, :, e - length + 1:e + 1, :] for e in ends], axis=1)  # [T, n, L, F]
    music = np.stack([pooled_music(data.music, data.music_times, data.de_times[e], span) for e in ends], axis=1)
    r = data.ratings[subject] if ratings is None else ratings
    labels = np.repeat(high(r)[:, None, :], len(ends), axis=1)
    trial = np.repeat(np.arange(t_count)[:, None], len(ends), axis=1)
    time = np.broadcast_to(data.de_times[ends][None, :], trial.shape)
    flat = lambda a: a.reshape((-1,) + a.shape[2:])  # noqa: E731
    return EmotionWindows(flat(eeg).astype(np.float32), flat(music).astype(np.float32), flat(labels),
                          flat(trial), flat(time).astype(np.float64))


def normalize_trial(x):
    """Seed 002: skin conductance normalized per trial and linearly detrended, as Frisson's TrialNormalizer:
    z-score (population std), then the least-squares line over sample index removed."""
    x = np.asarray(x, dtype=np.float64)
    sd = x.std()
    z = (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)
    i = np.arange(len(z), dtype=np.float64)
    slope, intercept = np.polyfit(i, z, 1)
    return z - (intercept + slope * i)


@dataclass
class ChillWindows:
    inputs: np.ndarray       # float32 [N, n, W, D]: per song, the embedding window ending at each time
    ends: np.ndarray         # float [n]: window end t, seconds from song start
    phasic: np.ndarray       # float32 [P, N, n, K]: normalized phasic at t + k / embedding_rate
    chill: np.ndarray        # float32 [P, N, n]: button held in (t, t + horizon]
    target_times: np.ndarray  # float [n, K]
    normalized: np.ndarray   # float32 [P, N, N_g]: the normalized phasic signal itself


def horizon_frames(embedding_rate, horizon=HORIZON_SECONDS):
    return int(round(horizon * embedding_rate))


def observation_frames(embedding_rate, seconds=OBSERVATION_SECONDS):
    return int(round(seconds * embedding_rate))


def chill_windows(data, observation=OBSERVATION_SECONDS, horizon=HORIZON_SECONDS, hop=HOP_SECONDS):
    """Windows every `hop` seconds over each song, with every participant's targets."""
    rate = data.embedding_rate
    w, k = observation_frames(rate, observation), horizon_frames(rate, horizon)
    step = max(1, int(round(hop * rate)))
    te, tg = data.embedding_times, data.gsr_times
    ends = np.arange(w - 1, len(te), step)
    ends = ends[te[ends] + horizon <= tg[-1] + 1e-9]
    if len(ends) == 0:
        raise ValueError(f"songs too short for a {observation} s window and a {horizon} s horizon")
    t_end = te[ends]
    inputs = np.stack([data.embedding[:, e - w + 1:e + 1, :] for e in ends], axis=1)
    target_times = t_end[:, None] + np.arange(1, k + 1)[None, :] / rate
    p, n, _ = data.phasic.shape
    norm = np.empty(data.phasic.shape, dtype=np.float32)
    phasic = np.empty((p, n, len(ends), k), dtype=np.float32)
    chill = np.empty((p, n, len(ends)), dtype=np.float32)
    for a in range(p):
        for s in range(n):
            norm[a, s] = normalize_trial(data.phasic[a, s])
            phasic[a, s] = np.interp(target_times.ravel(), tg, norm[a, s]).reshape(target_times.shape)
            for j, t in enumerate(t_end):
                held = data.chill[a, s][(tg > t) & (tg <= t + horizon + 1e-9)]
                chill[a, s, j] = float(held.any())
    return ChillWindows(inputs.astype(np.float32), t_end, phasic, chill, target_times, norm)
