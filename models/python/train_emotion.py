"""Trains and evaluates seed 001's emotion model (EEG + music, gradient-reversal modality discriminator).

    python models/python/train_emotion.py --cohort DIR --report OUT.json [--export DIR]
    python models/python/train_emotion.py --deap DIR [--deap-music FILE] [--subjects 1-32] --report OUT.json

Subject-specific models in k-fold cross-validation over trials (default 5), for each of the seed's ablations
(joint objective, EEG affect loss only, no discriminator). The report gives, per ablation, per subject and
as the mean over subjects: window and aggregated trial accuracy of both branches, track and emotion
retrieval from EEG queries (precision@10, mAP), and how separable the two modalities' latents are; it names
the data every number came from. --export trains the joint model on all trials of each subject (or of all
subjects pooled, --pooled) and writes its EEG and music branches as ONNX, checked against Keras.
"""
import argparse
import sys

from training import runtime  # noqa: F401  (sets up TensorFlow before anything imports it)
from training import cli, experiments, report
from training.cohort import DataError, read_emotion
from training.emotion import ABLATIONS, EmotionConfig
from training.windows import EEG_STRIDE_FRAMES, EEG_WINDOW_FRAMES


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--cohort", metavar="DIR", help="a simulated cohort (frisson simulate cohort)")
    src.add_argument("--deap", metavar="DIR", help="DEAP's data_preprocessed_python folder (sNN.dat)")
    p.add_argument("--deap-music", metavar="FILE", help="the clips' embeddings (default DIR/musicnn_penultimate.npz)")
    p.add_argument("--subjects", help="e.g. 1,3,5-8 (default: all)")
    p.add_argument("--lambda", dest="lambda_", type=float, default=0.1,
                   help="weight of the reversed discriminator gradient (default 0.1)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--ablations", default=",".join(ABLATIONS),
                   help=f"comma list of {', '.join(ABLATIONS)} (default: all)")
    p.add_argument("--window", type=int, default=EEG_WINDOW_FRAMES, help="DE frames per window (default 16 = 4 s)")
    p.add_argument("--stride", type=int, default=EEG_STRIDE_FRAMES, help="frames between training windows")
    p.add_argument("--epochs", type=int, default=EmotionConfig.epochs)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--shuffle-labels", action="store_true",
                   help="control: permute each subject's ratings over trials before training")
    p.add_argument("--report", required=True, metavar="OUT.json")
    p.add_argument("--export", metavar="DIR", help="also train on all trials and write the ONNX branches")
    p.add_argument("--pooled", action="store_true", help="export one model of all subjects pooled")
    a = p.parse_args(argv)
    a.ablation_list = [s.strip() for s in a.ablations.split(",") if s.strip()]
    for s in a.ablation_list:
        if s not in ABLATIONS:
            p.error(f"--ablations: unknown '{s}'")
    return a


def load(a):
    if a.cohort:
        data = read_emotion(a.cohort)
        return data.subset([data.subjects.index(s) for s in cli.subject_ids(a.subjects, data.subjects)])
    from training.deap import read_deap, subject_files
    ids = cli.subject_ids(a.subjects, sorted(subject_files(a.deap)))
    return read_deap(a.deap, ids, a.deap_music)


def main(argv=None):
    a = parse(argv)
    try:
        data = load(a)
    except (DataError, OSError) as e:
        cli.fail("train_emotion", e)
    cfg = EmotionConfig(epochs=a.epochs, lambda_=a.lambda_, seed=a.seed)
    out = {"command": "train_emotion.py " + " ".join(sys.argv[1:] if argv is None else argv),
           "data": experiments.data_description(data.source, subjects=data.subjects, trials=data.de.shape[1],
                                                de_frames=data.de.shape[2], features=data.de.shape[3],
                                                embedding_model=data.embedding_model,
                                                embedding_layer=data.embedding_layer),
           "protocol": f"subject-specific {a.folds}-fold cross-validation over trials; every number below is "
                       f"on held-out trials of the data named in 'data'"
                       + ("; labels permuted over trials (control)" if a.shuffle_labels else ""),
           "settings": {**cfg.to_dict(), "folds": a.folds, "window": a.window, "stride": a.stride,
                        "ablations": a.ablation_list, "shuffle_labels": a.shuffle_labels},
           "results": experiments.cross_validate(data, cfg, a.ablation_list, a.folds, a.window, a.stride,
                                                 a.shuffle_labels),
           "seed_001_reference": experiments.SEED_001}
    if a.export:
        out["exports"] = {}
        targets = [(None, "pooled")] if a.pooled else list(enumerate(data.subjects))
        for s, label in targets:
            model, wins = experiments.train_final_emotion(data, cfg, a.window, a.stride, s)
            prefix = "emotion" if s is None else f"emotion_{label}"
            out["exports"].update(experiments.export_emotion(model, wins, data, cfg, a.window, label, a.export,
                                                             prefix))
    report.write(a.report, out)
    experiments.log(f"wrote {a.report}")


if __name__ == "__main__":
    main()
