"""Keras model -> ONNX with Frisson's metadata_props, checked against Keras before the file is written."""
import hashlib
import os

import numpy as np
import onnx

from . import runtime

OPSET = 17
IR_VERSION = 8            # ONNX Runtime 1.22 (the Java runtime) reads IR versions up to 10
TOLERANCE = 1e-5          # largest accepted |ONNX Runtime - Keras| on the same input
PRODUCER = "frisson training"


class ExportError(RuntimeError):
    pass


def _initializer_key(init):
    from onnx import numpy_helper
    a = numpy_helper.to_array(init)
    h = hashlib.sha256(f"{init.data_type}:{list(init.dims)}:".encode() + np.ascontiguousarray(a).tobytes())
    return "const_" + h.hexdigest()[:16]


def canonicalize(graph):
    """Rewrites `graph` in place into a form that depends only on what it computes: identical initializers
    and identical nodes merged, nodes in a topological order chosen by content, every internal name derived
    from that order. tf2onnx names and orders nodes differently from run to run (its passes iterate over
    objects by identity); without this, the same weights would not give the same bytes."""
    if any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for n in graph.node
           for a in n.attribute):
        raise ExportError("graphs with subgraphs are not canonicalized")
    keep = {v.name for v in graph.input} | {v.name for v in graph.output}
    canon = {v.name: v.name for v in graph.input}
    inits = {}
    for init in graph.initializer:
        key = _initializer_key(init)
        canon[init.name] = key
        if key not in inits:
            inits[key] = init
    pending = list(graph.node)

    def key(n):
        return (n.op_type, n.domain, tuple(canon[i] if i else "" for i in n.input),
                tuple(a.SerializeToString() for a in sorted(n.attribute, key=lambda a: a.name)),
                tuple(o for o in n.output if o in keep))

    ordered, seen = [], {}
    while pending:
        ready = [n for n in pending if all(not i or i in canon for i in n.input)]
        if not ready:
            raise ExportError("the converted graph has a cycle or a dangling input")
        node = min(ready, key=key)
        pending.remove(node)
        k = key(node)
        if k in seen:  # the same operation on the same inputs: reuse the first one's outputs
            for o, first in zip(node.output, seen[k].output):
                canon[o] = canon[first]
            continue
        seen[k] = node
        index = len(ordered)
        for j, o in enumerate(node.output):
            if o:
                canon[o] = o if o in keep else f"t{index}_{j}"
        ordered.append(node)
    for index, node in enumerate(ordered):
        node.name = f"{node.op_type}_{index}"
        for j, i in enumerate(node.input):
            node.input[j] = canon[i] if i else ""
        for j, o in enumerate(node.output):
            node.output[j] = canon[o] if o else ""
    used = {i for n in ordered for i in n.input}
    kept_inits = [inits[k] for k in sorted(inits) if k in used]
    for init in kept_inits:
        init.name = _initializer_key(init)
    del graph.node[:]
    graph.node.extend(ordered)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits)
    del graph.value_info[:]
    graph.doc_string = ""


def convert(model, input_name, input_shape, outputs, metadata):
    """The ONNX proto of `model` (one input, a dict of outputs) with a dynamic batch dimension named
    'batch', outputs in the order given, and `metadata` (str -> str) as metadata_props."""
    import tf2onnx
    tf = runtime.tensorflow()
    spec = tf.TensorSpec((None,) + tuple(input_shape), tf.float32, name=input_name)

    @tf.function(input_signature=[spec])
    def serve(x):
        out = model(x, training=False)
        return {n: tf.identity(out[n], name=n) for n in outputs}

    proto, _ = tf2onnx.convert.from_function(serve, input_signature=[spec], opset=OPSET)
    proto.ir_version = IR_VERSION
    canonicalize(proto.graph)
    by_name = {o.name: o for o in proto.graph.output}
    if sorted(by_name) != sorted(outputs):
        raise ExportError(f"converted outputs {sorted(by_name)}, expected {sorted(outputs)}")
    ordered = [type(by_name[n])() for n in outputs]
    for copy, n in zip(ordered, outputs):
        copy.CopyFrom(by_name[n])
    del proto.graph.output[:]
    proto.graph.output.extend(ordered)
    if [i.name for i in proto.graph.input] != [input_name]:
        raise ExportError(f"converted inputs {[i.name for i in proto.graph.input]}, expected [{input_name}]")
    for value in list(proto.graph.input) + list(proto.graph.output):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    proto.producer_name = PRODUCER
    del proto.metadata_props[:]
    for k, v in metadata.items():
        if not isinstance(v, str):
            raise ExportError(f"metadata {k} must be a string, got {type(v).__name__}")
        entry = proto.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(proto)
    return proto


def max_errors(onnx_model, model, input_name, outputs, inputs):
    """Largest |ONNX Runtime - Keras| per output over the given input batches (onnx_model: bytes or path)."""
    import onnxruntime as ort
    tf = runtime.tensorflow()
    session = ort.InferenceSession(onnx_model, providers=["CPUExecutionProvider"])
    worst = {n: 0.0 for n in outputs}
    for x in inputs:
        x = np.asarray(x, dtype=np.float32)
        got = dict(zip(outputs, session.run(outputs, {input_name: x})))
        want = model(tf.constant(x), training=False)
        for n in outputs:
            w = np.asarray(want[n])
            if got[n].shape != w.shape:
                raise ExportError(f"output {n}: ONNX shape {got[n].shape} != Keras shape {w.shape}")
            worst[n] = max(worst[n], float(np.max(np.abs(got[n] - w))))
    return worst


def export(model, path, input_name, input_shape, outputs, metadata, check_inputs, tolerance=TOLERANCE):
    """Converts, checks ONNX Runtime against Keras on `check_inputs` (a list of batches), writes `path`
    atomically; returns the largest differences. Fails, writing nothing, above `tolerance`."""
    proto = convert(model, input_name, input_shape, outputs, metadata)
    data = proto.SerializeToString()
    worst = max_errors(data, model, input_name, outputs, check_inputs)
    bad = {k: v for k, v in worst.items() if not v <= tolerance}
    if bad:
        raise ExportError(f"{path}: outputs differ from Keras by more than {tolerance}: {bad}")
    os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return worst


def read_metadata(path):
    return {p.key: p.value for p in onnx.load(path).metadata_props}
