"""What the commands run: subject-specific cross-validation of the emotion model with its ablations, the
participant split of the chill predictor, the final trainings and their ONNX exports."""
import os
import sys
from dataclasses import replace

import numpy as np

from . import metrics, onnx_export
from .chills import ChillModel
from .emotion import EmotionModel
from .report import mean_of
from .windows import (EmotionWindows, chill_windows, emotion_windows, horizon_frames, observation_frames,
                      HORIZON_SECONDS, OBSERVATION_SECONDS)

# Reference numbers of the seeds, copied into reports next to ours (never compared as if the data were one).
SEED_001 = {"data": "DEAP, 32 subject-specific models, 5-fold CV (poster tables 1-3)",
            "aggregated_accuracy_eeg": {"valence": 0.704, "arousal": 0.689},
            "aggregated_accuracy_music": {"valence": 0.787, "arousal": 0.919},
            "retrieval_p_at_10_track": {"valence": 0.194, "arousal": 0.184},
            "retrieval_p_at_10_emotion": {"valence": 0.638, "arousal": 0.650}}
SEED_002 = {"data": "46 listeners, 30 train / 10 test participants (poster)", "median_r": 0.397,
            "fisher_p": "< .001"}


def log(msg):
    print(f"training: {msg}", file=sys.stderr, flush=True)


def data_description(source, **sizes):
    d = dict(source)
    d.update(sizes)
    return d


# ------------------------------------------------------------------------------------------------------
# Emotion
# ------------------------------------------------------------------------------------------------------

def trial_folds(trials, k, seed):
    """k disjoint, near-equal sets of trial indices (a random partition fixed by seed)."""
    if not 2 <= k <= trials:
        raise ValueError(f"{k} folds for {trials} trials")
    order = np.random.default_rng(seed).permutation(trials)
    return [np.sort(order[i::k]) for i in range(k)]


def _accuracies(prob, windows):
    out = {}
    for j, dim in enumerate(("valence", "arousal")):
        p, y = prob[dim][:, 0], windows.labels[:, j]
        out[dim] = {"window_accuracy": metrics.accuracy(p, y),
                    "trial_accuracy": metrics.aggregated_accuracy(p, y, windows.trial)}
    return out


def retrieval_scores(z_eeg, z_music, test):
    """EEG windows as queries over the music windows of the same held-out trials, ranked by cosine
    similarity of latents; relevant = the same track, or the same binarized valence / arousal."""
    sim = metrics.cosine_similarity(z_eeg, z_music)
    rel = {"track": test.trial[:, None] == test.trial[None, :],
           "valence": test.labels[:, None, 0] == test.labels[None, :, 0],
           "arousal": test.labels[:, None, 1] == test.labels[None, :, 1]}
    out = {}
    for name, r in rel.items():
        s = metrics.retrieval(sim, r)
        s["chance"] = float(r.mean())
        out[name] = s
    return out


def _fold(data, cfg, ablation, wins, test_trials, window):
    test_mask = np.isin(wins.trial, test_trials)
    train, test = wins.take(~test_mask), wins.take(test_mask)
    model = EmotionModel(cfg, ablation, window, data.de.shape[3], data.music.shape[2], train).fit(train)
    pred = model.predict(test)
    sub = np.random.default_rng(cfg.seed).permutation(len(train.labels))[:2000]
    pred_train = model.predict(train.take(sub))
    fold = {"retrieval": retrieval_scores(pred["eeg"]["latent"], pred["music"]["latent"], test),
            "modality": {
                "discriminator_accuracy": float(np.mean(np.concatenate(
                    [pred["disc_eeg"][:, 0] > 0.5, pred["disc_music"][:, 0] <= 0.5]))),
                "probe_accuracy": metrics.modality_probe(pred_train["eeg"]["latent"],
                                                         pred_train["music"]["latent"],
                                                         pred["eeg"]["latent"], pred["music"]["latent"])},
            "final_loss": model.history[-1] if model.history else {}}
    return test_mask, pred, fold


def cross_validate_subject(data, s, cfg, ablation, folds, window, stride, shuffle_labels=False):
    """Subject-specific k-fold CV over trials. Window and trial accuracies are computed on the pooled
    out-of-fold predictions (each trial is held out exactly once); retrieval and modality measures are
    the mean over folds (each fold's gallery is its own held-out trials)."""
    ratings = data.ratings[s]
    if shuffle_labels:
        ratings = ratings[np.random.default_rng(cfg.seed + 17 + s).permutation(len(ratings))]
    wins = emotion_windows(data, s, window, stride, ratings)
    n = len(wins.labels)
    oof = {m: {d: np.zeros((n, 1), np.float32) for d in ("valence", "arousal")} for m in ("eeg", "music")}
    per_fold = []
    for f, test_trials in enumerate(trial_folds(data.de.shape[1], folds, cfg.seed)):
        mask, pred, fold = _fold(data, replace(cfg, seed=cfg.seed + f), ablation, wins, test_trials, window)
        for m in oof:
            for d in oof[m]:
                oof[m][d][mask] = pred[m][d]
        per_fold.append(fold)
    summary = {"eeg": _accuracies(oof["eeg"], wins), "music": _accuracies(oof["music"], wins),
               "retrieval": mean_of([f["retrieval"] for f in per_fold]),
               "modality": mean_of([f["modality"] for f in per_fold]),
               "share_high": {"valence": float(wins.labels[:, 0].mean()),
                              "arousal": float(wins.labels[:, 1].mean())},
               "windows": n}
    return summary, per_fold


def cross_validate(data, cfg, ablations, folds, window, stride, shuffle_labels=False):
    """Every ablation on every subject; the mean over subjects as the seed reports it."""
    results = {}
    for ablation in ablations:
        subjects = {}
        for s, sid in enumerate(data.subjects):
            log(f"{ablation}: subject {sid} ({s + 1}/{len(data.subjects)}), {folds}-fold CV")
            summary, per_fold = cross_validate_subject(data, s, cfg, ablation, folds, window, stride,
                                                       shuffle_labels)
            subjects[sid] = {"summary": summary, "folds": per_fold}
        results[ablation] = {"mean_over_subjects": mean_of([v["summary"] for v in subjects.values()]),
                             "subjects": subjects}
    return results


def pooled_windows(data, window, stride):
    parts = [emotion_windows(data, s, window, stride) for s in range(len(data.subjects))]
    t = data.de.shape[1]
    return EmotionWindows(np.concatenate([p.eeg for p in parts]), np.concatenate([p.music for p in parts]),
                          np.concatenate([p.labels for p in parts]),
                          np.concatenate([p.trial + i * t for i, p in enumerate(parts)]),
                          np.concatenate([p.time for p in parts]))


def train_final_emotion(data, cfg, window, stride, subject=None):
    """The joint model on every trial of one subject (index), or of all subjects pooled (None)."""
    wins = pooled_windows(data, window, stride) if subject is None else emotion_windows(data, subject, window,
                                                                                        stride)
    model = EmotionModel(cfg, "joint", window, data.de.shape[3], data.music.shape[2], wins).fit(wins)
    return model, wins


def trained_on(source):
    return source.get("kind", "unknown")


def training_data_text(data_source, **sizes):
    seed = f" seed {data_source['seed']}" if data_source.get("seed") is not None else ""
    return f"{data_source.get('kind')}{seed}: " + ", ".join(f"{v} {k}" for k, v in sizes.items())


def emotion_metadata(data, cfg, window, subject_label, branch):
    z = str(cfg.latent)
    common = {
        "frisson.kind": "classifier",
        "frisson.outputs": "valence,arousal,latent",
        "frisson.latent_size": z,
        "frisson.label_meaning": "valence, arousal: probability that the self-reported rating is above 5 on "
                                 "the 1-9 scale (seed 001: binarized at the median); latent: the common "
                                 "EEG-music space",
        "frisson.trained_on": trained_on(data.source),
        "frisson.training_data": training_data_text(data.source, subjects=len(data.subjects),
                                                    trials=data.de.shape[1]),
        "frisson.subject": subject_label,
        "frisson.objective": f"joint: BCE(EEG) + BCE(music) + modality discriminator behind gradient "
                             f"reversal, lambda={cfg.lambda_}",
        "frisson.training_seed": str(cfg.seed),
        "frisson.weights": "trained",
        "frisson.source": "models/python/train_emotion.py (seed 001)",
    }
    if branch == "eeg":
        return {**common,
                "frisson.model": "frisson-emotion-eeg",
                "frisson.input": "de",
                "frisson.frame_rate": repr(float(data.de_rate)),
                "frisson.window": str(window),
                "frisson.window_frames": str(window),   # the key the embedders' metadata uses
                "frisson.window_seconds": repr(window / data.de_rate),
                "frisson.feature_count": str(len(data.de_labels)),
                "frisson.feature_labels": ",".join(data.de_labels),
                "frisson.de_window_seconds": "1.0",
                "frisson.de_bands": "delta:1:4,theta:4:8,alpha:8:14,beta:14:31,gamma:31:50",
                "frisson.de_definition": "0.5*ln(2*pi*e*var) in nats, var the band variance from the "
                                         "Hann-windowed periodogram (Frisson's differential_entropy stage)",
                "frisson.normalisation": "per-feature z-score with the training set's statistics, inside the "
                                         "model: feed raw DE frames, oldest first"}
    return {**common,
            "frisson.model": "frisson-emotion-music",
            "frisson.input": "embedding",
            "frisson.frame_rate": repr(float(data.embedding_rate)),
            "frisson.window_seconds": repr(window / data.de_rate),
            "frisson.embedding_model": data.embedding_model,
            "frisson.embedding_layer": data.embedding_layer,
            "frisson.embedding_size": str(data.music.shape[2]),
            "frisson.embedding_pooling": f"mean of the embeddings whose newest sample lies in "
                                         f"(t - {window / data.de_rate!r} s, t], t the EEG window's end; the "
                                         f"newest at or before t when none does",
            "frisson.normalisation": "per-dimension z-score with the training set's statistics, inside the "
                                     "model: feed the raw mean embedding"}


def perturbed(x, pick, rng):
    """Inputs near the data but not in it, for the ONNX check: each value moved by up to its feature's
    standard deviation."""
    std = x.reshape(-1, x.shape[-1]).std(axis=0)
    return (x[pick] + std * rng.standard_normal(x[pick].shape)).astype(np.float32)


def export_emotion(model, wins, data, cfg, window, subject_label, out_dir, prefix="emotion"):
    """Writes <prefix>_eeg.onnx and <prefix>_music.onnx; returns {file: max errors}."""
    rng = np.random.default_rng(cfg.seed)
    pick = rng.permutation(len(wins.labels))[:64]
    eeg_checks = [wins.eeg[pick[:1]], wins.eeg[pick], perturbed(wins.eeg, pick[:8], rng)]
    music_checks = [wins.music[pick[:1]], wins.music[pick], perturbed(wins.music, pick[:8], rng)]
    out = {}
    files = [("eeg", model.eeg, "de_sequence", (window, data.de.shape[3]), eeg_checks),
             ("music", model.music, "embedding", (data.music.shape[2],), music_checks)]
    for branch, keras_model, input_name, shape, checks in files:
        path = os.path.join(out_dir, f"{prefix}_{branch}.onnx")
        out[path] = onnx_export.export(keras_model, path, input_name, shape, ["valence", "arousal", "latent"],
                                       emotion_metadata(data, cfg, window, subject_label, branch), checks)
        log(f"wrote {path}; max |ONNX - Keras| " + ", ".join(f"{k} {v:.1e}" for k, v in out[path].items()))
    return out


# ------------------------------------------------------------------------------------------------------
# Chills
# ------------------------------------------------------------------------------------------------------

def split_participants(participants, n_test, seed):
    """(train, test) indices (of participants, or songs): a random split fixed by seed."""
    if not 1 <= n_test < participants:
        raise ValueError(f"{n_test} held out of {participants}")
    order = np.random.default_rng(seed).permutation(participants)
    return np.sort(order[n_test:]), np.sort(order[:n_test])


def default_test_count(participants):
    """Seed 002's 30 train / 10 test: a quarter of the participants (rounded up) held out."""
    return max(1, min(participants - 1, -(-participants // 4)))


def training_set(cw, participants, songs=None):
    """Inputs, phasic targets and chill labels of every (participant, song, window)."""
    n_songs, n_win = cw.inputs.shape[:2]
    songs = np.arange(n_songs) if songs is None else songs
    a, s, j = np.meshgrid(participants, songs, np.arange(n_win), indexing="ij")
    a, s, j = a.ravel(), s.ravel(), j.ravel()
    return cw.inputs[s, j], cw.phasic[a, s, j], cw.chill[a, s, j]


def reconstruct(values, times, rate):
    """Predictions [n, K] at target times [n, K] as one series on the frame grid (overlaps averaged)."""
    keys = np.round(np.asarray(times).ravel() * rate).astype(np.int64)
    uniq, inv = np.unique(keys, return_inverse=True)
    sums = np.bincount(inv, weights=np.asarray(values, np.float64).ravel(), minlength=len(uniq))
    return uniq / rate, sums / np.bincount(inv, minlength=len(uniq))


def chill_scores(pred, cw, test, rate, songs=None):
    """Pearson r per listening (test participant x song) and per song (against the test participants'
    mean response), median r and Fisher's combined p of each; chill-head ROC AUC."""
    songs = np.arange(cw.inputs.shape[0]) if songs is None else np.asarray(songs)
    per_trial, per_song, recs, truth_grid = [], [], [], []
    for s in songs:
        _, rec = reconstruct(pred["phasic"][s], cw.target_times, rate)
        truths = [reconstruct(cw.phasic[a, s], cw.target_times, rate)[1] for a in test]
        per_trial += [(rec, t) for t in truths]
        per_song.append((rec, np.mean(truths, axis=0)))
        recs.append(rec)
        truth_grid.append(truths)
    listening = metrics.correlation_summary(per_trial)
    _, listening["song_permutation_p"], listening["song_permutations"] = metrics.song_permutation_test(
        np.array(recs), np.transpose(np.array(truth_grid), (1, 0, 2)))
    held = cw.chill[test][:, songs]
    labels = held.ravel()
    scores = np.broadcast_to(pred["chill"][songs][None, :, :, 0], held.shape).ravel()
    mse = float(np.mean((cw.phasic[test][:, songs] - pred["phasic"][songs][None]) ** 2))
    return {"phasic_per_listening": listening,
            "phasic_per_song_mean_response": metrics.correlation_summary(per_song),
            "phasic_mse": mse,
            "chill_auc": metrics.roc_auc(scores, labels), "chill_rate": float(labels.mean())}


def chill_experiment(data, cfg, n_test, hop, train_hop=None, split_seed=0, n_test_songs=0):
    """Trains on the training participants, scores the held-out ones (seed 002's protocol: the same songs
    in both sets, so a model may partly memorise the songs); with n_test_songs > 0 those songs are held out
    too and the scores are on unheard songs only. Returns (model, windows, report)."""
    cw = chill_windows(data, hop=hop)
    cw_train = cw if train_hop in (None, hop) else chill_windows(data, hop=train_hop)
    train_p, test_p = split_participants(data.phasic.shape[0], n_test, split_seed)
    n_songs = data.embedding.shape[0]
    if n_test_songs:
        train_s, test_s = split_participants(n_songs, n_test_songs, split_seed + 1)
    else:
        train_s = test_s = np.arange(n_songs)
    x, y, c = training_set(cw_train, train_p, train_s)
    w, d = cw.inputs.shape[2:]
    model = ChillModel(cfg, w, d, cw.phasic.shape[-1], cw_train.inputs.reshape(-1, w, d)).fit(x, y, c)
    n_songs, n_win = cw.inputs.shape[:2]
    flat = model.predict(cw.inputs.reshape(-1, w, d))
    pred = {k: v.reshape((n_songs, n_win) + v.shape[1:]) for k, v in flat.items()}
    scores = chill_scores(pred, cw, test_p, data.embedding_rate, test_s)
    return model, cw, {"train_participants": train_p.tolist(), "test_participants": test_p.tolist(),
                       "train_songs": train_s.tolist(), "test_songs": test_s.tolist(),
                       "windows_per_song": int(n_win), "training_windows": int(len(x)),
                       "final_loss": model.history[-1] if model.history else {}, "test": scores}


def train_final_chills(data, cfg, hop):
    cw = chill_windows(data, hop=hop)
    x, y, c = training_set(cw, np.arange(data.phasic.shape[0]))
    w, d = cw.inputs.shape[2:]
    model = ChillModel(cfg, w, d, cw.phasic.shape[-1], cw.inputs.reshape(-1, w, d)).fit(x, y, c)
    return model, cw


def chill_metadata(data, cfg, participants):
    rate = data.embedding_rate
    w, k = observation_frames(rate), horizon_frames(rate)
    return {
        "frisson.kind": "predictor",
        "frisson.model": "frisson-chills",
        "frisson.input": "embedding_sequence",
        "frisson.frame_rate": repr(float(rate)),
        "frisson.window": str(w),
        "frisson.window_frames": str(w),   # the key the embedders' metadata uses
        "frisson.window_seconds": repr(OBSERVATION_SECONDS),
        "frisson.horizon_seconds": repr(HORIZON_SECONDS),
        "frisson.horizon_frames": str(k),
        "frisson.output_rate": repr(float(rate)),
        "frisson.outputs": "phasic,chill",
        "frisson.phasic_times": f"t + k/{rate!r} s for k = 1..{k}, t the time of the newest input embedding",
        "frisson.phasic_normalisation": "per trial z-score (population std), then linear detrend (seed 002; "
                                        "Frisson's TrialNormalizer): the model predicts this normalized, "
                                        "unitless signal, not microsiemens",
        "frisson.chill_meaning": f"probability that the chill button is held within the next "
                                 f"{HORIZON_SECONDS!r} s",
        "frisson.embedding_model": data.embedding_model,
        "frisson.embedding_layer": data.embedding_layer,
        "frisson.embedding_size": str(data.embedding.shape[2]),
        "frisson.normalisation": "per-dimension z-score of the embeddings with the training set's statistics, "
                                 "inside the model: feed raw embeddings, oldest first",
        "frisson.trained_on": trained_on(data.source),
        "frisson.training_data": training_data_text(data.source, participants=participants,
                                                    songs=data.embedding.shape[0]),
        "frisson.subject": "pooled",
        "frisson.training_seed": str(cfg.seed),
        "frisson.weights": "trained",
        "frisson.source": "models/python/train_chills.py (seed 002)",
    }


def export_chills(model, cw, data, cfg, participants, path):
    rng = np.random.default_rng(cfg.seed)
    flat = cw.inputs.reshape((-1,) + cw.inputs.shape[2:])
    pick = rng.permutation(len(flat))[:64]
    checks = [flat[pick[:1]], flat[pick], perturbed(flat, pick[:8], rng)]
    worst = onnx_export.export(model.model, path, "embedding_sequence", flat.shape[1:], ["phasic", "chill"],
                               chill_metadata(data, cfg, participants), checks)
    log(f"wrote {path}; max |ONNX - Keras| " + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
    return {path: worst}
