"""Writes a tiny ONNX embedder for the model-loading tests: input [B,W,F] -> `taggram` [B,T] (mean over
frames of a fixed projection, sigmoid) and `layer` [B,W,F] (the input times two). With --waveform HOP, a
waveform model of free length instead: `waveform` [B,1,T] -> `latent` [B,2,T/HOP], per frame of HOP samples
its mean and twice its mean (a time axis like Encodec's latent, without memory).

    python models/python/make_test_model.py OUT.onnx [--input-name logmel] [--frames 4] [--bands 3]
        [--waveform HOP] [--no-metadata] [--drop KEY] [--set KEY=VALUE]
"""
import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--input-name", default="logmel")
    p.add_argument("--frames", type=int, default=4)
    p.add_argument("--bands", type=int, default=3)
    p.add_argument("--waveform", type=int, metavar="HOP")
    p.add_argument("--no-metadata", action="store_true")
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--set", action="append", default=[])
    a = p.parse_args()
    model, meta = waveform_model(a.waveform) if a.waveform else logmel_model(a)
    for k in a.drop:
        meta.pop(k)
    for kv in a.set:
        k, v = kv.split("=", 1)
        meta[k] = v
    if not a.no_metadata:
        for k, v in meta.items():
            e = model.metadata_props.add()
            e.key, e.value = k, v
    onnx.checker.check_model(model)
    onnx.save(model, a.out)


def waveform_model(hop):
    shape = numpy_helper.from_array(np.array([0, -1, hop], dtype=np.int64), "frame_shape")
    axis = numpy_helper.from_array(np.array([1], dtype=np.int64), "axis")
    two = numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")
    nodes = [
        helper.make_node("Reshape", ["waveform", "frame_shape"], ["frames"]),
        helper.make_node("ReduceMean", ["frames"], ["mean"], axes=[2], keepdims=0),
        helper.make_node("Unsqueeze", ["mean", "axis"], ["row"]),
        helper.make_node("Mul", ["row", "two"], ["double"]),
        helper.make_node("Concat", ["row", "double"], ["latent"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "tinywave",
        [helper.make_tensor_value_info("waveform", TensorProto.FLOAT, ["batch", 1, "samples"])],
        [helper.make_tensor_value_info("latent", TensorProto.FLOAT, ["batch", 2, "frames"])],
        initializer=[shape, axis, two])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    meta = {
        "frisson.kind": "embedder", "frisson.model": "tinywave", "frisson.input": "waveform",
        "frisson.sample_rate": "8000", "frisson.frame_rate": str(8000 / hop), "frisson.hop_length": str(hop),
        "frisson.window_frames": "6", "frisson.hop_frames": "4", "frisson.min_window_frames": "2",
        "frisson.layers": "latent", "frisson.weights": "random-init",
    }
    return model, meta


def logmel_model(a):
    w, f, tags = a.frames, a.bands, ["low", "high"]
    proj = numpy_helper.from_array(np.arange(f * len(tags), dtype=np.float32).reshape(f, len(tags)) / 10, "proj")
    two = numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")
    nodes = [
        helper.make_node("ReduceMean", [a.input_name], ["mean"], axes=[1], keepdims=0),
        helper.make_node("MatMul", ["mean", "proj"], ["logits"]),
        helper.make_node("Sigmoid", ["logits"], ["taggram"]),
        helper.make_node("Mul", [a.input_name, "two"], ["layer"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info(a.input_name, TensorProto.FLOAT, ["batch", w, f])],
        [helper.make_tensor_value_info("taggram", TensorProto.FLOAT, ["batch", len(tags)]),
         helper.make_tensor_value_info("layer", TensorProto.FLOAT, ["batch", w, f])],
        initializer=[proj, two])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    meta = {
        "frisson.kind": "embedder", "frisson.model": "tiny", "frisson.input": "logmel",
        "frisson.sample_rate": "16000", "frisson.frame_rate": "62.5", "frisson.mel_bands": str(f),
        "frisson.window_frames": str(w), "frisson.hop_frames": str(w), "frisson.layers": "layer",
        "frisson.tags": ",".join(tags), "frisson.weights": "random-init",
    }
    return model, meta


if __name__ == "__main__":
    main()
