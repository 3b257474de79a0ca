"""Reads a simulated cohort directory (written by `frisson simulate cohort DIR`) and checks it against the
format's contract; every error names the file and the field.

  manifest.json            kind "frisson-simulated-cohort", sizes, rates, labels (see README, Training)
  emotion/de.npy           float32 [S, T, N_de, F]   DE frames per subject and trial, F ordered as de_labels
  emotion/de_times.npy     [N_de]                    seconds from trial start of each frame's newest sample
  emotion/music.npy        float32 [T, N_emb, D]     the trial's track embedding, the same for every subject
  emotion/music_times.npy  [N_emb]                   seconds from trial start of each patch's newest sample
  emotion/ratings.npy      float32 [S, T, 2]         self-reported valence, arousal on 1-9
  chills/embedding.npy     float32 [N, N_e, D]       per song, at embedding_rate
  chills/embedding_times.npy [N_e]
  chills/phasic.npy        float32 [P, N, N_g]       phasic skin conductance (uS) at gsr_rate
  chills/gsr_times.npy     [N_g]
  chills/chill.npy         uint8 [P, N, N_g]         1 while the participant holds the chill button
"""
import json
import os
from dataclasses import dataclass, field

import numpy as np

KIND = "frisson-simulated-cohort"


class DataError(ValueError):
    """A data file that does not match its contract; the message names the file and the field."""


@dataclass
class EmotionData:
    """EEG DE frames, the tracks' embeddings and the ratings of a set of subjects who heard the same trials."""
    de: np.ndarray              # float32 [S, T, N_de, F]
    de_times: np.ndarray        # float64 [N_de]
    music: np.ndarray           # float32 [T, N_emb, D]
    music_times: np.ndarray     # float64 [N_emb]
    ratings: np.ndarray         # float32 [S, T, 2]: valence, arousal on 1-9
    de_labels: list
    embedding_labels: list
    subjects: list              # subject ids, e.g. "s01"
    de_rate: float
    embedding_rate: float
    embedding_model: str
    embedding_layer: str
    source: dict = field(default_factory=dict)   # which data: kind, path, seed

    def subset(self, indices):
        """The same data for some subjects only (indices into `subjects`)."""
        idx = list(indices)
        return EmotionData(self.de[idx], self.de_times, self.music, self.music_times, self.ratings[idx],
                           self.de_labels, self.embedding_labels, [self.subjects[i] for i in idx],
                           self.de_rate, self.embedding_rate, self.embedding_model, self.embedding_layer,
                           dict(self.source))


@dataclass
class ChillData:
    """Song embeddings and every participant's phasic skin conductance and chill button during each song."""
    embedding: np.ndarray       # float32 [N, N_e, D]
    embedding_times: np.ndarray  # float64 [N_e]
    phasic: np.ndarray          # float32 [P, N, N_g] (uS)
    gsr_times: np.ndarray       # float64 [N_g]
    chill: np.ndarray           # uint8 [P, N, N_g]
    embedding_rate: float
    gsr_rate: float
    embedding_model: str
    embedding_layer: str
    embedding_labels: list
    source: dict = field(default_factory=dict)


def read_manifest(directory):
    path = os.path.join(directory, "manifest.json")
    if not os.path.isfile(path):
        raise DataError(f"{path}: missing (not a simulated cohort directory?)")
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except json.JSONDecodeError as e:
        raise DataError(f"{path}: not valid JSON ({e})") from e
    if manifest.get("kind") != KIND:
        raise DataError(f"{path}: kind is {manifest.get('kind')!r}, expected {KIND!r}")
    return manifest, path


def _field(manifest, path, key, kind):
    if key not in manifest:
        raise DataError(f"{path}: field {key} is missing")
    value = manifest[key]
    ok = (isinstance(value, kind) and not isinstance(value, bool)) if kind is not list else isinstance(value, list)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise DataError(f"{path}: field {key} is {value!r}, expected {kind.__name__}")
    if kind in (int, float) and not value > 0:
        raise DataError(f"{path}: field {key} is {value!r}, expected a positive number")
    return value


def _array(directory, name, shape, dtype, integral=False):
    path = os.path.join(directory, name)
    if not os.path.isfile(path):
        raise DataError(f"{path}: missing")
    try:
        a = np.load(path, allow_pickle=False)
    except ValueError as e:
        raise DataError(f"{path}: not a plain .npy array ({e})") from e
    if a.ndim != len(shape) or any(want is not None and got != want for got, want in zip(a.shape, shape)):
        want = "[" + ", ".join("?" if s is None else str(s) for s in shape) + "]"
        raise DataError(f"{path}: shape {list(a.shape)}, expected {want}")
    if integral:
        if not np.issubdtype(a.dtype, np.integer) and not np.issubdtype(a.dtype, np.bool_):
            raise DataError(f"{path}: dtype {a.dtype}, expected an integer type")
    elif not np.issubdtype(a.dtype, np.floating):
        raise DataError(f"{path}: dtype {a.dtype}, expected floating point")
    elif not np.all(np.isfinite(a)):
        raise DataError(f"{path}: {int(np.size(a) - np.isfinite(a).sum())} non-finite values")
    return a.astype(dtype, copy=False)


def _times(directory, name, n):
    t = _array(directory, name, (n,), np.float64)
    if n > 1 and not np.all(np.diff(t) > 0):
        raise DataError(f"{os.path.join(directory, name)}: times must increase strictly")
    return t


def _labels(manifest, path, key, n):
    labels = _field(manifest, path, key, list)
    if len(labels) != n or not all(isinstance(s, str) and s for s in labels):
        raise DataError(f"{path}: field {key} must hold {n} non-empty strings, has {len(labels)} entries")
    return [str(s) for s in labels]


def source(manifest, directory):
    return {"kind": "simulated-cohort", "path": os.path.abspath(directory), "seed": manifest.get("seed")}


def read_emotion(directory):
    """The cohort's emotion part; shapes are checked against each other and against the manifest."""
    manifest, mpath = read_manifest(directory)
    s = _field(manifest, mpath, "subjects", int)
    t = _field(manifest, mpath, "trials", int)
    de_rate = _field(manifest, mpath, "de_rate", float)
    emb_rate = _field(manifest, mpath, "embedding_rate", float)
    de_labels = _field(manifest, mpath, "de_labels", list)
    emb_labels = _field(manifest, mpath, "embedding_labels", list)
    d = os.path.join(directory, "emotion")
    de = _array(d, "de.npy", (s, t, None, len(de_labels)), np.float32)
    de_labels = _labels(manifest, mpath, "de_labels", de.shape[3])
    music = _array(d, "music.npy", (t, None, len(emb_labels)), np.float32)
    emb_labels = _labels(manifest, mpath, "embedding_labels", music.shape[2])
    ratings = _array(d, "ratings.npy", (s, t, 2), np.float32)
    if ratings.min() < 1 or ratings.max() > 9:
        raise DataError(f"{os.path.join(d, 'ratings.npy')}: ratings outside 1..9")
    return EmotionData(
        de=de, de_times=_times(d, "de_times.npy", de.shape[2]),
        music=music, music_times=_times(d, "music_times.npy", music.shape[1]),
        ratings=ratings, de_labels=de_labels, embedding_labels=emb_labels,
        subjects=[f"s{i + 1:02d}" for i in range(s)], de_rate=de_rate, embedding_rate=emb_rate,
        embedding_model=str(manifest.get("embedding_model", "unknown")),
        embedding_layer=str(manifest.get("embedding_layer", "unknown")),
        source=source(manifest, directory))


def read_chills(directory):
    """The cohort's chills part; shapes are checked against each other and against the manifest."""
    manifest, mpath = read_manifest(directory)
    p = _field(manifest, mpath, "participants", int)
    n = _field(manifest, mpath, "songs", int)
    emb_rate = _field(manifest, mpath, "embedding_rate", float)
    gsr_rate = _field(manifest, mpath, "gsr_rate", float)
    emb_labels = _field(manifest, mpath, "embedding_labels", list)
    d = os.path.join(directory, "chills")
    emb = _array(d, "embedding.npy", (n, None, len(emb_labels)), np.float32)
    emb_labels = _labels(manifest, mpath, "embedding_labels", emb.shape[2])
    phasic = _array(d, "phasic.npy", (p, n, None), np.float32)
    chill = _array(d, "chill.npy", (p, n, phasic.shape[2]), np.uint8, integral=True)
    if chill.max(initial=0) > 1:
        raise DataError(f"{os.path.join(d, 'chill.npy')}: values other than 0 and 1")
    return ChillData(
        embedding=emb, embedding_times=_times(d, "embedding_times.npy", emb.shape[1]),
        phasic=phasic, gsr_times=_times(d, "gsr_times.npy", phasic.shape[2]), chill=chill,
        embedding_rate=emb_rate, gsr_rate=gsr_rate,
        embedding_model=str(manifest.get("embedding_model", "unknown")),
        embedding_layer=str(manifest.get("embedding_layer", "unknown")),
        embedding_labels=emb_labels, source=source(manifest, directory))
