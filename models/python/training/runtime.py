"""Deterministic TensorFlow: same seed, same data, same weights, same ONNX bytes.

Import this module before TensorFlow is imported anywhere: oneDNN's fused kernels are switched off (their
results may depend on the thread layout), TensorFlow's logging is quietened, and `tensorflow()` returns the
module with op determinism on and one thread per op, so results do not depend on the machine's core count.
"""
import os
import random

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
os.environ["TF_DETERMINISTIC_OPS"] = "1"
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402

_configured = False


def tensorflow():
    """TensorFlow, configured once for deterministic single-threaded runs."""
    global _configured
    import tensorflow as tf
    if not _configured:
        tf.config.threading.set_inter_op_parallelism_threads(1)
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")
        _configured = True
    return tf


def fresh_start(seed):
    """Clears Keras' global state (layer-name counters, seed generators) and seeds every generator."""
    tensorflow()
    import keras
    keras.backend.clear_session()
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)
