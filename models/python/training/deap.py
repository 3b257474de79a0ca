"""DEAP's preprocessed Python data (users bring the licensed files) as EmotionData.

Each `sNN.dat` in `data_preprocessed_python` is a pickle of {'data': [40 trials, 40 channels, 8064 samples],
'labels': [40, 4]}: 128 Hz after a 3 s pre-trial baseline, channels 0-31 EEG in the order of EEG_CHANNELS,
labels valence, arousal, dominance, liking on 1-9, trials in video order (Koelstra et al. 2012).

DE frames are computed exactly as Frisson's Java `DifferentialEntropy` does online (1 s Hann-windowed
periodogram every 0.25 s, band variance integrated over [lo, hi), DE = 1/2 ln(2 pi e var)), through the
reference function the dsp tests check the Java code against (dsp/python/frisson_reference.py).

The music is the user's too: one .npz file (default DIR/musicnn_penultimate.npz) with
  embedding  float32 [40, N_emb, D]  the embedding of each trial's clip (trial k = video k + 1, as in
                                     the data files), e.g. MusiCNN penultimate (D=200) every 0.4 s
  times      float   [N_emb]         seconds from the clip's start (= trial start after the baseline) of the
                                     newest audio sample each embedding depends on
  model, layer (optional strings)    e.g. "MTT_musicnn", "penultimate"
"""
import os
import pickle
import sys

import numpy as np

from .cohort import DataError, EmotionData

SAMPLE_RATE = 128.0      # DEAP preprocessed data: downsampled to 128 Hz
BASELINE_SECONDS = 3.0   # DEAP preprocessed data: 3 s pre-trial baseline removed here
EEG_COUNT = 32           # DEAP: channels 0-31 are EEG
# DEAP's 32-channel order in the preprocessed files (Geneva order), as the simulator's montage.
EEG_CHANNELS = ["Fp1", "AF3", "F3", "F7", "FC5", "FC1", "C3", "T7", "CP5", "CP1", "P3", "P7", "PO3", "O1",
                "Oz", "Pz", "Fp2", "AF4", "Fz", "F4", "F8", "FC6", "FC2", "Cz", "C4", "T8", "CP6", "CP2",
                "P4", "P8", "PO4", "O2"]
DE_WINDOW_SECONDS = 1.0  # seed 001 / DESIGN 5: 1 s DE window
DE_HOP_SECONDS = 0.25    # DESIGN 5: online hop 250 ms
RATING_COLUMNS = (0, 1)  # DEAP labels: valence, arousal (then dominance, liking)


def _reference():
    """dsp/python/frisson_reference.py, the DE the Java implementation is tested against."""
    here = os.path.dirname(os.path.abspath(__file__))
    ref_dir = os.path.normpath(os.path.join(here, "..", "..", "..", "dsp", "python"))
    if ref_dir not in sys.path:
        sys.path.insert(0, ref_dir)
    import frisson_reference
    return frisson_reference


def de_labels():
    bands = [b for b, _, _ in _reference().SEED_BANDS]
    return [f"{c}/{b}" for c in EEG_CHANNELS for b in bands]


def de_frames(eeg, fs=SAMPLE_RATE):
    """DE of one trial's EEG [samples, channels]: frames [N, channels * bands] (channel-major, as the Java
    stage's value index channel * bands + band) and the time (s) of each frame's newest sample."""
    ref = _reference()
    window = int(round(DE_WINDOW_SECONDS * fs))
    hop = int(round(DE_HOP_SECONDS * fs))
    nfft = 1 << (window - 1).bit_length()  # the Java default: the window rounded up to a power of two
    de = ref.periodogram_de(np.asarray(eeg, dtype=np.float64), fs, window, hop, nfft, ref.SEED_BANDS)
    times = (window + hop * np.arange(de.shape[0])) / fs
    return de.reshape(de.shape[0], -1).astype(np.float32), times


def subject_files(directory):
    """The sNN.dat files in DIR (or DIR/data_preprocessed_python), by subject number."""
    for d in (directory, os.path.join(directory, "data_preprocessed_python")):
        files = sorted(f for f in os.listdir(d) if f.startswith("s") and f.endswith(".dat")) \
            if os.path.isdir(d) else []
        if files:
            return {f[:-4]: os.path.join(d, f) for f in files}
    raise DataError(f"{directory}: no sNN.dat files (DEAP data_preprocessed_python)")


def read_subject(path):
    """EEG [trials, samples after the baseline, 32] and ratings [trials, 2] of one subject's file."""
    with open(path, "rb") as f:
        try:
            d = pickle.load(f, encoding="latin1")  # the files were written by Python 2
        except Exception as e:  # noqa: BLE001 -- any unpickling failure means the file is not DEAP's
            raise DataError(f"{path}: not a DEAP pickle ({e})") from e
    if not isinstance(d, dict) or "data" not in d or "labels" not in d:
        raise DataError(f"{path}: expected a dict with 'data' and 'labels'")
    data, labels = np.asarray(d["data"]), np.asarray(d["labels"])
    base = int(round(BASELINE_SECONDS * SAMPLE_RATE))
    if data.ndim != 3 or data.shape[1] < EEG_COUNT or data.shape[2] <= base:
        raise DataError(f"{path}: data shape {list(data.shape)}, expected [trials, 40, samples > {base}]")
    if labels.shape != (data.shape[0], 4):
        raise DataError(f"{path}: labels shape {list(labels.shape)}, expected [{data.shape[0]}, 4]")
    eeg = np.transpose(data[:, :EEG_COUNT, base:], (0, 2, 1))
    return eeg, labels[:, RATING_COLUMNS].astype(np.float32)


def read_music(path, trials):
    if not os.path.isfile(path):
        raise DataError(f"{path}: missing; DEAP training needs the clips' embeddings (see deap.py / README)")
    with np.load(path, allow_pickle=False) as z:
        for key in ("embedding", "times"):
            if key not in z:
                raise DataError(f"{path}: array '{key}' is missing")
        emb, times = z["embedding"].astype(np.float32), z["times"].astype(np.float64)
        model = str(z["model"]) if "model" in z else "MTT_musicnn"
        layer = str(z["layer"]) if "layer" in z else "penultimate"
        labels = [str(s) for s in z["labels"]] if "labels" in z else [f"{layer}{i}" for i in range(emb.shape[-1])]
    if emb.ndim != 3 or emb.shape[0] != trials or times.shape != (emb.shape[1],):
        raise DataError(f"{path}: embedding {list(emb.shape)} and times {list(times.shape)}, "
                        f"expected [{trials}, N_emb, D] and [N_emb]")
    if len(labels) != emb.shape[2]:
        raise DataError(f"{path}: {len(labels)} labels for {emb.shape[2]} embedding dimensions")
    return emb, times, model, layer, labels


def read_deap(directory, subjects=None, music_file=None):
    """EmotionData for the chosen subjects (ids like "s01"; default all) of a DEAP preprocessed folder."""
    files = subject_files(directory)
    chosen = subjects or sorted(files)
    missing = [s for s in chosen if s not in files]
    if missing:
        raise DataError(f"{directory}: no file for subject(s) {', '.join(missing)}")
    de, ratings, times = [], [], None
    for s in chosen:
        eeg, r = read_subject(files[s])
        frames = [de_frames(trial) for trial in eeg]
        de.append(np.stack([f for f, _ in frames]))
        times = frames[0][1]
        ratings.append(r)
    de = np.stack(de)
    music_path = music_file or os.path.join(directory, "musicnn_penultimate.npz")
    emb, emb_times, model, layer, labels = read_music(music_path, de.shape[1])
    return EmotionData(de=de, de_times=times, music=emb, music_times=emb_times, ratings=np.stack(ratings),
                       de_labels=de_labels(), embedding_labels=labels, subjects=list(chosen),
                       de_rate=1.0 / DE_HOP_SECONDS,
                       embedding_rate=float(1.0 / np.median(np.diff(emb_times))) if len(emb_times) > 1 else 0.0,
                       embedding_model=model, embedding_layer=layer,
                       source={"kind": "deap", "path": os.path.abspath(directory),
                               "music": os.path.abspath(music_path)})
