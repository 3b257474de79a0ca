import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))   # models/python: the training package and the commands
sys.path.insert(0, HERE)

from training import runtime  # noqa: E402,F401  (TensorFlow set up before any test imports it)

import fake_cohort  # noqa: E402

# Small sizes so the whole suite runs in a few minutes on two cores.
EMOTION = dict(subjects=2, trials=16, trial_seconds=24.0)
CHILLS = dict(participants=12, songs=6, song_seconds=60.0)


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("planted"))
    fake_cohort.write(d, seed=3, planted=True, **EMOTION, **CHILLS)
    return d


@pytest.fixture(scope="session")
def unplanted(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("unplanted"))
    fake_cohort.write(d, seed=4, planted=False, **EMOTION, **CHILLS)
    return d
