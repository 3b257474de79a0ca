"""Trains the demo's default models on a simulated cohort and writes them as ONNX, deterministically:
the same cohort and seed give the same bytes.

    ./frisson simulate cohort .frisson/cohort
    python models/python/make_default_models.py --cohort .frisson/cohort --out models/default/

Writes emotion_eeg.onnx and emotion_music.onnx (seed 001's joint model, all subjects pooled), chills.onnx
(seed 002's predictor, all participants) and models.json (what each file was trained on, with its SHA-256).
Each file's metadata says frisson.trained_on=simulated-cohort: these are demonstration models, trained on
synthetic data, not on people. Their held-out scores come from train_emotion.py / train_chills.py.
"""
import argparse
import hashlib
import os

from training import runtime  # noqa: F401  (sets up TensorFlow before anything imports it)
from training import cli, experiments, report
from training.chills import ChillConfig
from training.cohort import DataError, read_chills, read_emotion
from training.emotion import EmotionConfig
from training.windows import EEG_STRIDE_FRAMES, EEG_WINDOW_FRAMES, HOP_SECONDS

CHILL_TRAIN_HOP = 0.8  # seconds between the default predictor's training windows (more windows than 4 s)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cohort", required=True, metavar="DIR")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--emotion-epochs", type=int, default=EmotionConfig.epochs)
    p.add_argument("--chill-epochs", type=int, default=ChillConfig.epochs)
    p.add_argument("--lambda", dest="lambda_", type=float, default=0.1)
    a = p.parse_args(argv)
    try:
        emotion, chills = read_emotion(a.cohort), read_chills(a.cohort)
    except (DataError, OSError) as e:
        cli.fail("make_default_models", e)
    if emotion.source.get("kind") != "simulated-cohort":
        cli.fail("make_default_models", "default models are trained on a simulated cohort only")
    os.makedirs(a.out, exist_ok=True)

    ecfg = EmotionConfig(epochs=a.emotion_epochs, lambda_=a.lambda_, seed=a.seed)
    model, wins = experiments.train_final_emotion(emotion, ecfg, EEG_WINDOW_FRAMES, EEG_STRIDE_FRAMES)
    errors = experiments.export_emotion(model, wins, emotion, ecfg, EEG_WINDOW_FRAMES, "pooled", a.out)

    ccfg = ChillConfig(epochs=a.chill_epochs, seed=a.seed)
    cmodel, cw = experiments.train_final_chills(chills, ccfg, CHILL_TRAIN_HOP)
    participants = chills.phasic.shape[0]
    errors.update(experiments.export_chills(cmodel, experiments.chill_windows(chills, hop=HOP_SECONDS), chills,
                                            ccfg, participants, os.path.join(a.out, "chills.onnx")))

    cohort = {"kind": "simulated-cohort", "seed": emotion.source.get("seed")}
    manifest = {
        "trained_on": cohort,
        "note": "demonstration models trained on the simulator's synthetic cohort, not on people",
        "files": {os.path.basename(path): {"sha256": sha256(path),
                                           "max_abs_onnx_minus_keras": worst} for path, worst in errors.items()},
        "emotion": {**ecfg.to_dict(), "subjects": len(emotion.subjects), "trials": emotion.de.shape[1],
                    "window": EEG_WINDOW_FRAMES, "stride": EEG_STRIDE_FRAMES, "subject": "pooled"},
        "chills": {**ccfg.to_dict(), "participants": participants, "songs": chills.embedding.shape[0],
                   "train_hop": CHILL_TRAIN_HOP},
        "regenerate": "python models/python/make_default_models.py --cohort DIR --out DIR",
    }
    report.write(os.path.join(a.out, "models.json"), manifest)
    experiments.log(f"wrote {a.out}")


if __name__ == "__main__":
    main()
