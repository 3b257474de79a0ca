"""The pretrained MusiCNN checkpoints of the musicnn package as one frozen TensorFlow graph.

The package ships TF1 training checkpoints with their .meta graphs (musicnn/<MODEL>/.meta, .index,
.data-00000-of-00001). We import that graph without musicnn's own model code: the training-only parts
(gradients, optimizer, savers) are cut away, every variable becomes a constant holding its checkpoint value,
the is_training placeholder becomes the constant False (batch normalisation on moving statistics, no
dropout), and the log-mel placeholder is renamed `logmel`. The named layers musicnn's extractor returns are
rebuilt from the training graph's tensors (musicnn/models.py, build_musicnn):

  timbral      concat of the two timbral front-end blocks (7x38 and 7x67 kernels, 204 maps each)  [B,187,408]
  temporal     concat of the three temporal blocks (128, 64, 32 frame kernels, 51 maps each)      [B,187,153]
  cnn1         first mid-end convolution (after its batch norm)                                   [B,187,64]
  cnn2, cnn3   second and third mid-end convolutions with their residual connections              [B,187,64]
  mean_pool    mean over time of the front- and mid-end features (561 + 3 x 64 = 753)            [B,753]
  max_pool     max over time of the same                                                          [B,753]
  penultimate  the 200-unit dense layer after its batch norm                                      [B,200]
  taggram      sigmoid of the 50 tag logits                                                       [B,50]
"""
import importlib.util
import os

import numpy as np

# musicnn/configuration.py: SR, FFT_SIZE, FFT_HOP, N_MELS; 3 s patches are 187 frames.
SAMPLE_RATE = 16000
FFT_SIZE = 512
FFT_HOP = 256
N_MELS = 96
PATCH_FRAMES = 187

MODELS = {"MTT_musicnn": "MTT_LABELS", "MSD_musicnn": "MSD_LABELS"}
LAYERS = ["timbral", "temporal", "cnn1", "cnn2", "cnn3", "mean_pool", "max_pool", "penultimate"]
OUTPUTS = ["taggram"] + LAYERS

# tensors of the training graph (names as saved in the .meta file)
_INPUT = "model/Placeholder"
_IS_TRAINING = "model/Placeholder_2"
_SOURCES = {
    "timbral": ["model/Squeeze", "model/Squeeze_1"],
    "temporal": ["model/Squeeze_2", "model/Squeeze_3", "model/Squeeze_4"],
    "cnn1": ["model/transpose"],
    "cnn2": ["model/Add"],
    "cnn3": ["model/Add_1"],
    "mean_pool": ["model/moments/Squeeze"],
    "max_pool": ["model/Max"],
    "penultimate": ["model/batch_normalization_10/batchnorm/add_1"],
    "taggram": ["model/Sigmoid"],
}


def package_dir():
    """The installed musicnn package's folder (found without importing it: its modules need TF1 layers)."""
    spec = importlib.util.find_spec("musicnn")
    if spec is None or spec.origin is None:
        raise SystemExit("musicnn is not installed: pip install --no-deps musicnn==0.1.0 "
                         "(or run scripts/setup --test)")
    return os.path.dirname(spec.origin)


def checkpoint_dir(model):
    if model not in MODELS:
        raise SystemExit(f"unknown model '{model}': one of {', '.join(MODELS)}")
    d = os.path.join(package_dir(), model)
    for f in (".meta", ".index", ".data-00000-of-00001"):
        if not os.path.isfile(os.path.join(d, f)):
            raise SystemExit(f"{os.path.join(d, f)}: missing checkpoint file")
    return d


def tags(model):
    """The model's 50 tag names, read from musicnn/configuration.py without importing the package."""
    namespace = {}
    with open(os.path.join(package_dir(), "configuration.py")) as f:
        exec(compile(f.read(), "musicnn/configuration.py", "exec"), namespace)
    return list(namespace[MODELS[model]])


def frozen_graph_def(model):
    """A GraphDef with input `logmel:0` [B,187,96] and outputs `<name>:0` for every name in OUTPUTS."""
    import tensorflow as tf
    from tensorflow.core.framework import attr_value_pb2, node_def_pb2
    from tensorflow.core.protobuf import meta_graph_pb2

    # the TensorFlow 1 graph tools this needs are deprecated, and TensorFlow says so at every export: a user's
    # first run should show the export's own progress, not those notices
    tf.get_logger().setLevel("ERROR")

    d = checkpoint_dir(model)
    meta = meta_graph_pb2.MetaGraphDef()
    with open(os.path.join(d, ".meta"), "rb") as f:
        meta.ParseFromString(f.read())
    wanted = sorted({n for names in _SOURCES.values() for n in names})
    pruned = tf.compat.v1.graph_util.extract_sub_graph(meta.graph_def, wanted)

    # the prefix is the folder itself (files ".index", ".data-..."); its "checkpoint" file names the authors' machine
    reader = tf.compat.v1.train.NewCheckpointReader(d + os.sep)
    frozen = tf.compat.v1.GraphDef()
    for node in pruned.node:
        out = node_def_pb2.NodeDef()
        if node.op in ("VariableV2", "Variable"):
            value = reader.get_tensor(node.name)
            out.name, out.op = node.name, "Const"
            out.attr["dtype"].CopyFrom(attr_value_pb2.AttrValue(type=tf.as_dtype(value.dtype).as_datatype_enum))
            out.attr["value"].CopyFrom(attr_value_pb2.AttrValue(tensor=tf.make_tensor_proto(value)))
        elif node.name == _IS_TRAINING:
            out.name, out.op = node.name, "Const"
            out.attr["dtype"].CopyFrom(attr_value_pb2.AttrValue(type=tf.bool.as_datatype_enum))
            out.attr["value"].CopyFrom(attr_value_pb2.AttrValue(tensor=tf.make_tensor_proto(False)))
        else:
            out.CopyFrom(node)
            out.device = ""
            for stale in ("_output_shapes", "_class"):
                if stale in out.attr:
                    del out.attr[stale]
        frozen.node.append(out)

    graph = tf.Graph()
    with graph.as_default():
        logmel = tf.compat.v1.placeholder(tf.float32, [None, PATCH_FRAMES, N_MELS], name="logmel")
        tf.compat.v1.import_graph_def(frozen, input_map={_INPUT + ":0": logmel}, name="musicnn")

        def t(name):
            return graph.get_tensor_by_name("musicnn/" + name + ":0")

        tf.concat([t(n) for n in _SOURCES["timbral"]], 2, name="timbral")
        tf.concat([t(n) for n in _SOURCES["temporal"]], 2, name="temporal")
        for name in ("cnn1", "cnn2", "cnn3"):  # [B,187,64,1] in the graph
            tf.squeeze(t(_SOURCES[name][0]), [3], name=name)
        for name in ("mean_pool", "max_pool"):  # [B,753,1] in the graph
            tf.squeeze(t(_SOURCES[name][0]), [2], name=name)
        tf.identity(t(_SOURCES["penultimate"][0]), name="penultimate")
        tf.identity(t(_SOURCES["taggram"][0]), name="taggram")
    return graph.as_graph_def()


class Reference:
    """TensorFlow running the frozen checkpoint graph: the reference the ONNX export is checked against."""

    def __init__(self, model):
        import tensorflow as tf
        self._graph = tf.Graph()
        with self._graph.as_default():
            tf.compat.v1.import_graph_def(frozen_graph_def(model), name="")
        self._session = tf.compat.v1.Session(graph=self._graph)
        self._fetch = {n: self._graph.get_tensor_by_name(n + ":0") for n in OUTPUTS}
        self._input = self._graph.get_tensor_by_name("logmel:0")

    def run(self, logmel):
        logmel = np.asarray(logmel, dtype=np.float32)
        return self._session.run(self._fetch, feed_dict={self._input: logmel})
