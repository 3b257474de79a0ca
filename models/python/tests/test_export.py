"""ONNX files: ONNX Runtime equals Keras, the metadata carries the contract, the commands write what they
say, and the default models are the same bytes every time."""
import json
import os
import subprocess
import sys

import numpy as np
import onnxruntime as ort
import pytest

import make_default_models
import train_chills
import train_emotion
from training import experiments, onnx_export
from training.chills import ChillConfig
from training.cohort import read_chills, read_emotion
from training.emotion import EmotionConfig

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shapes(path):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return ({i.name: i.shape for i in s.get_inputs()}, [(o.name, o.shape) for o in s.get_outputs()])


def test_emotion_branches_in_onnx_runtime_equal_keras(planted, tmp_path):
    data = read_emotion(planted)
    cfg = EmotionConfig(lstm_units=(32, 16), latent=16, epochs=2, seed=5)
    model, wins = experiments.train_final_emotion(data, cfg, 16, 4, subject=1)
    experiments.export_emotion(model, wins, data, cfg, 16, "s02", str(tmp_path))
    rng = np.random.default_rng(9)
    eeg = [wins.eeg[:5] + 0.1 * rng.standard_normal(wins.eeg[:5].shape).astype(np.float32)]
    music = [wins.music[-7:] * rng.uniform(0.5, 1.5, size=(7, 1)).astype(np.float32)]
    worst = onnx_export.max_errors(str(tmp_path / "emotion_eeg.onnx"), model.eeg, "de_sequence",
                                   ["valence", "arousal", "latent"], eeg)
    worst.update({"music_" + k: v for k, v in onnx_export.max_errors(
        str(tmp_path / "emotion_music.onnx"), model.music, "embedding", ["valence", "arousal", "latent"],
        music).items()})
    assert max(worst.values()) <= 1e-5, worst

    inputs, outputs = shapes(str(tmp_path / "emotion_eeg.onnx"))
    assert inputs == {"de_sequence": ["batch", 16, 160]}
    assert outputs == [("valence", ["batch", 1]), ("arousal", ["batch", 1]), ("latent", ["batch", 16])]
    meta = onnx_export.read_metadata(str(tmp_path / "emotion_eeg.onnx"))
    assert meta["frisson.kind"] == "classifier" and meta["frisson.input"] == "de"
    assert meta["frisson.frame_rate"] == "4.0" and meta["frisson.window"] == "16"
    assert meta["frisson.feature_labels"].split(",") == data.de_labels
    assert meta["frisson.outputs"] == "valence,arousal,latent"
    assert meta["frisson.trained_on"] == "simulated-cohort" and meta["frisson.subject"] == "s02"
    inputs, outputs = shapes(str(tmp_path / "emotion_music.onnx"))
    assert inputs == {"embedding": ["batch", 200]}
    meta = onnx_export.read_metadata(str(tmp_path / "emotion_music.onnx"))
    assert meta["frisson.input"] == "embedding" and meta["frisson.embedding_size"] == "200"
    assert meta["frisson.embedding_model"] == "MTT_musicnn" and meta["frisson.embedding_layer"] == "penultimate"
    assert meta["frisson.embedding_pooling"].startswith("mean of the embeddings")


def test_chill_predictor_in_onnx_runtime_equals_keras(planted, tmp_path):
    data = read_chills(planted)
    cfg = ChillConfig(epochs=2, seed=1)
    model, cw = experiments.train_final_chills(data, cfg, 4.0)
    path = str(tmp_path / "chills.onnx")
    experiments.export_chills(model, cw, data, cfg, 12, path)
    x = cw.inputs[1, :4] + np.random.default_rng(2).standard_normal(cw.inputs[1, :4].shape).astype(np.float32)
    worst = onnx_export.max_errors(path, model.model, "embedding_sequence", ["phasic", "chill"], [x])
    assert max(worst.values()) <= 1e-5, worst
    inputs, outputs = shapes(path)
    assert inputs == {"embedding_sequence": ["batch", 32, 200]}
    assert outputs == [("phasic", ["batch", 8]), ("chill", ["batch", 1])]
    meta = onnx_export.read_metadata(path)
    assert meta["frisson.kind"] == "predictor" and meta["frisson.input"] == "embedding_sequence"
    assert meta["frisson.frame_rate"] == "2.5" and meta["frisson.window"] == "32"
    assert meta["frisson.horizon_seconds"] == "3.2" and meta["frisson.horizon_frames"] == "8"
    assert "detrend" in meta["frisson.phasic_normalisation"]


def test_export_refuses_a_model_onnx_does_not_reproduce(planted, tmp_path):
    data = read_chills(planted)
    cfg = ChillConfig(epochs=1, seed=1)
    model, cw = experiments.train_final_chills(data, cfg, 4.0)
    path = str(tmp_path / "bad.onnx")
    with pytest.raises(onnx_export.ExportError, match="differ from Keras"):
        onnx_export.export(model.model, path, "embedding_sequence", (32, 200), ["phasic", "chill"],
                           {"frisson.kind": "predictor"}, [cw.inputs[0, :2]], tolerance=-1.0)
    assert not os.path.exists(path)


def test_commands_write_reports_that_name_their_data(planted, tmp_path):
    report = str(tmp_path / "emotion.json")
    train_emotion.main(["--cohort", planted, "--subjects", "2", "--folds", "2", "--epochs", "1",
                        "--ablations", "joint,affect_only", "--report", report, "--export", str(tmp_path / "m"),
                        "--pooled"])
    r = json.load(open(report))
    assert r["data"]["kind"] == "simulated-cohort" and r["data"]["subjects"] == ["s02"]
    assert "held-out trials" in r["protocol"]
    assert set(r["results"]) == {"joint", "affect_only"}
    mean = r["results"]["joint"]["mean_over_subjects"]
    assert {"eeg", "music", "retrieval", "modality"} <= set(mean)
    assert set(mean["retrieval"]) == {"track", "valence", "arousal"}
    assert sorted(os.path.basename(p) for p in r["exports"]) == ["emotion_eeg.onnx", "emotion_music.onnx"]
    assert onnx_export.read_metadata(str(tmp_path / "m" / "emotion_eeg.onnx"))["frisson.subject"] == "pooled"

    report = str(tmp_path / "chills.json")
    train_chills.main(["--cohort", planted, "--epochs", "1", "--report", report, "--export", str(tmp_path / "m")])
    r = json.load(open(report))
    assert r["data"]["kind"] == "simulated-cohort" and r["data"]["participants"] == 12
    assert len(r["results"]["test_participants"]) == 3
    assert {"median_r", "fisher_p", "fisher_p_adjusted"} <= set(r["results"]["test"]["phasic_per_listening"])
    assert os.path.isfile(tmp_path / "m" / "chills.onnx")


def test_default_models_are_the_same_bytes_every_time(planted, tmp_path):
    args = ["--cohort", planted, "--emotion-epochs", "2", "--chill-epochs", "2"]
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    subprocess.run([sys.executable, os.path.join(PYTHON_DIR, "make_default_models.py"), *args, "--out", a],
                   check=True, capture_output=True, timeout=600)
    make_default_models.main(args + ["--out", b])
    names = ["emotion_eeg.onnx", "emotion_music.onnx", "chills.onnx", "models.json"]
    assert sorted(os.listdir(a)) == sorted(names)
    for n in names:
        assert open(os.path.join(a, n), "rb").read() == open(os.path.join(b, n), "rb").read(), n
    manifest = json.load(open(os.path.join(a, "models.json")))
    assert manifest["trained_on"] == {"kind": "simulated-cohort", "seed": 3}
    for n in names[:3]:
        meta = onnx_export.read_metadata(os.path.join(a, n))
        assert meta["frisson.trained_on"] == "simulated-cohort" and meta["frisson.subject"] == "pooled"
        assert meta["frisson.weights"] == "trained"
