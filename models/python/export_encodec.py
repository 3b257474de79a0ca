"""Exports the Encodec 24 kHz encoder (waveform -> 75 Hz latent) to ONNX with Frisson's metadata.

    python models/python/export_encodec.py --out .frisson/models/encodec_24khz.onnx
    python models/python/export_encodec.py --random-init --out .frisson/models/encodec_24khz-random.onnx

The architecture is built in Keras from the published facts (see encodec_graph.py). Without --random-init
the weights are the pretrained encodec_24khz checkpoint, which the `encodec` package downloads from its
authors' server on first use; that needs PyTorch and encodec (`pip install torch encodec==0.1.1`), which the
project's venv does not install. The Keras model is checked against the package's own encoder before export.
With --random-init the same architecture gets seeded random weights (--seed; deterministic), for tests and
speed measurements; its latents carry no learned meaning. `frisson.weights` says which a file holds.

The ONNX file has input `waveform` [B,1,T] (24 kHz, T free, at least 1921 samples: 7 latent frames) and
outputs `latent` [B,128,ceil(T/320)] plus the layers `stage4` and `lstm` [B,512,ceil(T/320)]; its metadata
(frisson.*) gives the rates, the default streaming window (CONTEXT_FRAMES of left context + HOP_FRAMES new
latent frames) and which weights it holds. Before it is written, ONNX
Runtime runs it on the same inputs as Keras; the export fails when any output differs by more than
--tolerance. `--verify-only FILE` repeats that check on an existing random-init file and prints the largest
differences as JSON; `--check-transfer` prints how far the Keras model is from an independent numpy
implementation of the checkpoint's conventions (encodec_numpy.py) on the same random checkpoint.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

import encodec_graph as eg

OPSET = 17
# ONNX Runtime 1.22 (the Java runtime) reads IR versions up to 10.
IR_VERSION = 8
DEFAULT_SEED = 20240
# Streaming defaults: a patch is CONTEXT_FRAMES of left context followed by HOP_FRAMES new latent frames.
# The context makes chunked latents equal the whole signal's within the tolerance measured in
# models/src/test (EncodecStreamingTest) and docs/perf.md.
CONTEXT_FRAMES = 32
HOP_FRAMES = 75


def log(msg):
    print(f"export_encodec: {msg}", file=sys.stderr, flush=True)


def metadata(weights, seed, source):
    meta = {
        "frisson.kind": "embedder",
        "frisson.model": "encodec_24khz",
        "frisson.input": "waveform",
        "frisson.sample_rate": str(eg.SAMPLE_RATE),
        "frisson.frame_rate": repr(eg.FRAME_RATE),
        "frisson.hop_length": str(eg.HOP),
        "frisson.window_frames": str(CONTEXT_FRAMES + HOP_FRAMES),
        "frisson.hop_frames": str(HOP_FRAMES),
        "frisson.min_window_frames": str(eg.MIN_FRAMES),
        "frisson.layers": ",".join(eg.OUTPUTS),
        "frisson.outputs": ",".join(eg.OUTPUTS),
        "frisson.time_axis": "last",
        "frisson.weights": weights,
        "frisson.source": source,
    }
    if seed is not None:
        meta["frisson.seed"] = str(seed)
    return meta


def check_inputs(rng):
    """Music-like amplitudes (|x| < 1), several lengths (one not a multiple of the hop) and a batch of 2."""
    return [np.clip(rng.normal(0, 0.2, size=(1, 1, 24000)), -1, 1).astype(np.float32),
            (0.5 * np.sin(np.arange(2 * 9677) * 2 * np.pi * 440 / eg.SAMPLE_RATE)
             * rng.uniform(0.2, 1.0, size=(2, 1, 1))).reshape(2, 1, -1).astype(np.float32),
            rng.uniform(-0.9, 0.9, size=(1, 1, eg.MIN_FRAMES * eg.HOP)).astype(np.float32)]


def max_errors(onnx_path_or_bytes, model, inputs):
    """Per output, the largest |ONNX - Keras| over the inputs relative to the output's scale (its largest |Keras|
    value, at least 1), since float32 rounding grows with the values a layer carries."""
    import onnxruntime as ort
    session = ort.InferenceSession(onnx_path_or_bytes, providers=["CPUExecutionProvider"])
    worst = {n: 0.0 for n in eg.OUTPUTS}
    scale = {n: 1.0 for n in eg.OUTPUTS}
    for x in inputs:
        want = eg.run(model, x)
        got = dict(zip(eg.OUTPUTS, session.run(eg.OUTPUTS, {"waveform": x})))
        frames = -(-x.shape[2] // eg.HOP)
        for n in eg.OUTPUTS:
            expected = (x.shape[0], eg.SHAPES[n], frames)
            if got[n].shape != expected or want[n].shape != expected:
                raise SystemExit(f"output {n}: ONNX shape {got[n].shape}, Keras {want[n].shape}, expected {expected}")
            worst[n] = max(worst[n], float(np.max(np.abs(got[n] - want[n]))))
            scale[n] = max(scale[n], float(np.max(np.abs(want[n]))))
    return {n: worst[n] / scale[n] for n in eg.OUTPUTS}


def check_against_package(model, encoder):
    """The pretrained Keras model against the encodec package's own encoder on the same audio: the largest
    difference, and the largest latent value (the scale it is judged against)."""
    import torch
    x = check_inputs(np.random.default_rng(3))[0]
    with torch.no_grad():
        want = encoder(torch.from_numpy(x)).numpy()
    got = eg.run(model, x)["latent"]
    return float(np.max(np.abs(got - want))), float(np.max(np.abs(want)))


def convert(model):
    import tensorflow as tf
    import tf2onnx

    spec = [tf.TensorSpec([None, 1, None], tf.float32, name="waveform")]
    fn = tf.function(lambda w: dict(zip(eg.OUTPUTS, model(w, training=False))), input_signature=spec)
    proto, _ = tf2onnx.convert.from_function(fn, input_signature=spec, opset=OPSET)
    proto.ir_version = IR_VERSION
    names = [v.name for v in proto.graph.output]
    if sorted(names) != sorted(eg.OUTPUTS) or [v.name for v in proto.graph.input] != ["waveform"]:
        raise SystemExit(f"converted graph has inputs {[v.name for v in proto.graph.input]} and outputs {names}")
    for value in proto.graph.input:
        dims = value.type.tensor_type.shape.dim
        dims[0].dim_param, dims[2].dim_param = "batch", "samples"
    for value in proto.graph.output:
        dims = value.type.tensor_type.shape.dim
        dims[0].dim_param, dims[2].dim_param = "batch", "frames"
    return proto


def export(out, random_init, seed, tolerance):
    import onnx

    t0 = time.time()
    if random_init:
        log(f"building the encodec_24khz encoder architecture with random weights (seed {seed})")
        state, encoder = eg.random_state(seed), None
        source = f"encodec_24khz encoder architecture (encodec 0.1.1), seeded random weights, seed {seed}"
    else:
        log("loading the pretrained encodec_24khz checkpoint through the encodec package")
        state, encoder = eg.pretrained_state()
        source = "encodec 0.1.1 package, encodec_24khz-d7cc33bc.th checkpoint (encoder)"
        seed = None
    model = eg.build(state)
    if encoder is not None:
        error, scale = check_against_package(model, encoder)
        log(f"max |Keras - encodec package| on latent: {error:.2e} (latent max |x| {scale:.3g})")
        if not error <= tolerance * max(1.0, scale):
            raise SystemExit(f"{out}: the Keras encoder differs from the encodec package's by {error}")

    log(f"converting to ONNX (opset {OPSET})")
    proto = convert(model)
    proto.producer_name = "frisson export_encodec"
    del proto.metadata_props[:]
    for k, v in metadata("random-init" if random_init else "pretrained", seed, source).items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(proto)

    log("checking ONNX Runtime against Keras on the same inputs")
    worst = max_errors(proto.SerializeToString(), model, check_inputs(np.random.default_rng(7)))
    log("max |ONNX - Keras| / scale per output: " + ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    bad = {k: v for k, v in worst.items() if not v <= tolerance}
    if bad:
        raise SystemExit(f"{out}: outputs {sorted(bad)} differ from Keras by more than {tolerance} of their scale")

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".part"
    with open(tmp, "wb") as f:
        f.write(proto.SerializeToString())
    os.replace(tmp, out)
    log(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB, {'random-init' if random_init else 'pretrained'} "
        f"weights) in {time.time() - t0:.0f} s")
    return worst


def verify(file):
    """ONNX vs Keras on an existing random-init export, rebuilt from the seed its metadata names."""
    import onnx
    meta = {p.key: p.value for p in onnx.load(file, load_external_data=False).metadata_props}
    if meta.get("frisson.weights") != "random-init" or "frisson.seed" not in meta:
        raise SystemExit(f"{file}: frisson.weights: only random-init files can be rebuilt here "
                         f"(the file says {meta.get('frisson.weights')!r})")
    model = eg.build(eg.random_state(int(meta["frisson.seed"])))
    return max_errors(file, model, check_inputs(np.random.default_rng(11)))


def check_transfer(seed):
    """Keras (weights transferred from a checkpoint-layout state) against encodec_numpy on the same state."""
    import encodec_numpy as en
    state = eg.random_state(seed)
    model = eg.build(state)
    x = np.random.default_rng(5).uniform(-0.8, 0.8, size=(1, 1, eg.SAMPLE_RATE + 123)).astype(np.float32)
    got, want = eg.run(model, x), en.encode(state, x[0, 0])
    return {n: float(np.max(np.abs(got[n][0] - want[n]))) for n in eg.OUTPUTS}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", help="ONNX file to write")
    p.add_argument("--random-init", action="store_true",
                   help="the same architecture with seeded random weights instead of the pretrained checkpoint")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of --random-init (default {DEFAULT_SEED})")
    p.add_argument("--tolerance", type=float, default=1e-4,
                   help="largest accepted |ONNX - Keras| relative to the output's largest |Keras| value, at least 1 "
                        "(default 1e-4)")
    p.add_argument("--verify-only", metavar="FILE", help="check an existing random-init export, print errors as JSON")
    p.add_argument("--check-transfer", action="store_true",
                   help="print |Keras - numpy reference| per output as JSON for a random checkpoint")
    a = p.parse_args(argv)
    if a.verify_only:
        print(json.dumps(verify(a.verify_only)))
        return
    if a.check_transfer:
        print(json.dumps(check_transfer(a.seed)))
        return
    if not a.out:
        p.error("--out is required")
    export(a.out, a.random_init, a.seed, a.tolerance)


if __name__ == "__main__":
    main()
