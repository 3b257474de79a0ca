"""Exports a pretrained MusiCNN model (musicnn package checkpoints) to ONNX with Frisson's metadata.

    python models/python/export_musicnn.py --model MTT_musicnn --out .frisson/models/MTT_musicnn.onnx

The ONNX file has input `logmel` [B,187,96] (librosa log-mel at 16 kHz: n_fft 512, hop 256, 96 Slaney
bands, log10(10000 x + 1)) and outputs `taggram` [B,50] plus every named layer (see musicnn_graph.py).
Before it is written, the exported model runs in ONNX Runtime on the same inputs as TensorFlow running the
checkpoint graph; the export fails when any output differs by more than --tolerance of its scale. `--verify-only FILE`
repeats that check on an existing file and prints the largest differences as JSON.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

import musicnn_graph as mg

OPSET = 17
# ONNX Runtime 1.22 (the Java runtime) reads IR versions up to 10.
IR_VERSION = 8


def log(msg):
    print(f"export_musicnn: {msg}", file=sys.stderr, flush=True)


def metadata(model):
    tags = mg.tags(model)
    for t in tags:
        if "," in t:
            raise SystemExit(f"tag '{t}' contains a comma; frisson.tags is a comma list")
    return {
        "frisson.kind": "embedder",
        "frisson.model": model,
        "frisson.input": "logmel",
        "frisson.sample_rate": str(mg.SAMPLE_RATE),
        "frisson.frame_rate": repr(mg.SAMPLE_RATE / mg.FFT_HOP),
        "frisson.fft_size": str(mg.FFT_SIZE),
        "frisson.hop_length": str(mg.FFT_HOP),
        "frisson.mel_bands": str(mg.N_MELS),
        "frisson.log": "log10(10000x+1)",
        "frisson.window_frames": str(mg.PATCH_FRAMES),
        "frisson.hop_frames": str(mg.PATCH_FRAMES),
        "frisson.layers": ",".join(mg.LAYERS),
        "frisson.outputs": ",".join(mg.OUTPUTS),
        "frisson.tags": ",".join(tags),
        "frisson.weights": "pretrained",
        "frisson.source": f"musicnn 0.1.0 package, {model} checkpoint",
    }


def check_inputs(rng):
    """Log-mel-like inputs: non-negative, the range log10(10000 x + 1) takes on music (0 .. ~5)."""
    return [rng.uniform(0.0, 4.0, size=(1, mg.PATCH_FRAMES, mg.N_MELS)).astype(np.float32),
            (rng.gamma(1.5, 0.8, size=(3, mg.PATCH_FRAMES, mg.N_MELS))).astype(np.float32)]


def max_errors(onnx_path_or_bytes, reference, inputs):
    """Per output, the largest |ONNX - TF| over the inputs, relative to the output's scale (its largest |TF|
    value, at least 1): float32 rounding grows with the values a layer carries (MusiCNN's pooled layers reach
    100 and more), so an absolute bound would test the CPU's kernels rather than the conversion."""
    import onnxruntime as ort
    session = ort.InferenceSession(onnx_path_or_bytes, providers=["CPUExecutionProvider"])
    worst = {n: 0.0 for n in mg.OUTPUTS}
    scale = {n: 1.0 for n in mg.OUTPUTS}
    for x in inputs:
        want = reference.run(x)
        got = dict(zip(mg.OUTPUTS, session.run(mg.OUTPUTS, {"logmel": x})))
        for n in mg.OUTPUTS:
            if got[n].shape != want[n].shape:
                raise SystemExit(f"output {n}: ONNX shape {got[n].shape} != TensorFlow {want[n].shape}")
            worst[n] = max(worst[n], float(np.max(np.abs(got[n] - want[n]))))
            scale[n] = max(scale[n], float(np.max(np.abs(want[n]))))
    return {n: worst[n] / scale[n] for n in mg.OUTPUTS}


def export(model, out, tolerance):
    import onnx
    import tf2onnx

    t0 = time.time()
    log(f"reading the {model} checkpoint from {mg.checkpoint_dir(model)}")
    graph_def = mg.frozen_graph_def(model)
    log(f"converting to ONNX (opset {OPSET}) with tf2onnx {tf2onnx.__version__}")
    proto, _ = tf2onnx.convert.from_graph_def(
        graph_def, input_names=["logmel:0"], output_names=[n + ":0" for n in mg.OUTPUTS], opset=OPSET,
        tensors_to_rename={**{"logmel:0": "logmel"}, **{n + ":0": n for n in mg.OUTPUTS}})
    proto.ir_version = IR_VERSION
    for value in list(proto.graph.input) + list(proto.graph.output):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    proto.producer_name = "frisson export_musicnn"
    del proto.metadata_props[:]
    for k, v in metadata(model).items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(proto)

    log("checking ONNX Runtime against TensorFlow on the same inputs")
    reference = mg.Reference(model)
    worst = max_errors(proto.SerializeToString(), reference, check_inputs(np.random.default_rng(7)))
    log("max |ONNX - TF| / scale per output: " + ", ".join(f"{k} {v:.2e}" for k, v in worst.items()))
    bad = {k: v for k, v in worst.items() if not v <= tolerance}
    if bad:
        raise SystemExit(f"{out}: outputs {sorted(bad)} differ from TensorFlow by more than {tolerance} of their "
                         f"scale")

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".part"
    with open(tmp, "wb") as f:
        f.write(proto.SerializeToString())
    os.replace(tmp, out)
    log(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB) in {time.time() - t0:.0f} s")
    return worst


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="MTT_musicnn", choices=sorted(mg.MODELS))
    p.add_argument("--out", help="ONNX file to write")
    # A correct conversion differs by float32 rounding: at most 3e-6 of the scale measured on AMD EPYC (AVX2);
    # a wrong one (a transposed kernel, another padding) by a sizeable part of it.
    p.add_argument("--tolerance", type=float, default=1e-4,
                   help="largest accepted |ONNX - TF| relative to the output's largest |TF| value, at least 1 "
                        "(default 1e-4)")
    p.add_argument("--verify-only", metavar="FILE", help="check an existing export, print the errors as JSON")
    a = p.parse_args(argv)
    if a.verify_only:
        worst = max_errors(a.verify_only, mg.Reference(a.model), check_inputs(np.random.default_rng(11)))
        print(json.dumps(worst))
        return
    if not a.out:
        p.error("--out is required")
    export(a.model, a.out, a.tolerance)


if __name__ == "__main__":
    main()
