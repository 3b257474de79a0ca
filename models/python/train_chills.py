"""Trains and evaluates seed 002's chill predictor (2-layer 1-D CNN: 12.8 s of embeddings -> the normalized
phasic skin conductance over the next 3.2 s, and the probability of a chill in that interval).

    python models/python/train_chills.py --cohort DIR --report OUT.json [--export DIR]

Split by participant (seed 002: 30 train / 10 test; default a quarter held out); --test-songs N also
holds N songs out, so the scores are on songs the model never heard. The report gives Pearson r per
listening (test participant x song) and per song (against the test participants' mean response), the
median r and Fisher's combined p of each (plain, and with each series' autocorrelation taken into account),
and the chill head's ROC AUC; it names the data every number came from. --export writes the evaluated
model (trained on the training participants) as ONNX, checked against Keras.
"""
import argparse
import os
import sys

from training import runtime  # noqa: F401  (sets up TensorFlow before anything imports it)
from training import cli, experiments, report
from training.chills import ChillConfig
from training.cohort import DataError, read_chills
from training.windows import HOP_SECONDS


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cohort", required=True, metavar="DIR", help="a simulated cohort (frisson simulate cohort)")
    p.add_argument("--test-participants", type=int, help="participants held out (default: a quarter)")
    p.add_argument("--test-songs", type=int, default=0, help="songs held out as well (default 0, as seed 002)")
    p.add_argument("--hop", type=float, default=HOP_SECONDS, help="seconds between evaluated windows (default 4)")
    p.add_argument("--train-hop", type=float, help="seconds between training windows (default: --hop)")
    p.add_argument("--epochs", type=int, default=ChillConfig.epochs)
    p.add_argument("--seed", type=int, default=0, help="initialisation and batch order")
    p.add_argument("--split-seed", type=int, default=0, help="which participants (and songs) are held out")
    p.add_argument("--report", required=True, metavar="OUT.json")
    p.add_argument("--export", metavar="DIR", help="write chills.onnx there")
    return p.parse_args(argv)


def main(argv=None):
    a = parse(argv)
    try:
        data = read_chills(a.cohort)
    except (DataError, OSError) as e:
        cli.fail("train_chills", e)
    participants = data.phasic.shape[0]
    n_test = a.test_participants or experiments.default_test_count(participants)
    cfg = ChillConfig(epochs=a.epochs, seed=a.seed)
    try:
        model, cw, result = experiments.chill_experiment(data, cfg, n_test, a.hop, a.train_hop, a.split_seed,
                                                         a.test_songs)
    except ValueError as e:
        cli.fail("train_chills", e)
    held = "held-out participants" + (" and held-out songs" if a.test_songs else " (songs also heard in training)")
    out = {"command": "train_chills.py " + " ".join(sys.argv[1:] if argv is None else argv),
           "data": experiments.data_description(data.source, participants=participants,
                                                songs=data.embedding.shape[0],
                                                embedding_model=data.embedding_model,
                                                embedding_layer=data.embedding_layer),
           "protocol": f"trained on {participants - n_test} participants, scored on {n_test} {held}; windows "
                       f"every {a.hop} s; targets are the per-trial normalized phasic signal",
           "settings": {**cfg.to_dict(), "hop": a.hop, "train_hop": a.train_hop or a.hop,
                        "split_seed": a.split_seed},
           "results": result,
           "seed_002_reference": experiments.SEED_002}
    if a.export:
        out["exports"] = experiments.export_chills(model, cw, data, cfg, len(result["train_participants"]),
                                                   os.path.join(a.export, "chills.onnx"))
    report.write(a.report, out)
    experiments.log(f"wrote {a.report}")


if __name__ == "__main__":
    main()
