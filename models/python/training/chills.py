"""Seed 002's chill predictor: a 2-layer 1-D CNN from the embedding time series (12.8 s) to the phasic skin
conductance over the next 3.2 s, with a second head for the probability of a chill in that interval.

  embedding_sequence [B, W, D] -> per-dimension standardisation (training statistics, inside the model)
    -> conv1d (kernel 5, relu) -> max-pool 2 -> dropout -> conv1d (kernel 5, relu) -> max-pool 2 -> flatten
    -> dropout -> phasic [B, K] (linear: the normalized phasic signal at K future times)
               -> chill  [B, 1] (sigmoid)
Loss: mean squared error of the phasic targets + chill_weight * BCE of the chill labels.
"""
from dataclasses import dataclass, asdict

import numpy as np

from . import runtime
from .layers import standardise
from .loop import batches, feature_stats


@dataclass
class ChillConfig:
    filters: tuple = (32, 32)
    kernel: int = 5
    dropout: float = 0.3
    chill_weight: float = 0.5
    epochs: int = 40
    batch: int = 64
    learning_rate: float = 1e-3
    seed: int = 0

    def to_dict(self):
        d = asdict(self)
        d["filters"] = list(self.filters)
        return d


def build(cfg, window, embedding_size, horizon, mean, std):
    import keras
    from keras import layers

    x = keras.Input((window, embedding_size), name="embedding_sequence")
    h = standardise(mean, std, "embedding_standardise")(x)
    h = layers.Conv1D(cfg.filters[0], cfg.kernel, activation="relu", name="conv1")(h)
    h = layers.MaxPooling1D(2, name="pool1")(h)
    h = layers.Dropout(cfg.dropout, seed=cfg.seed + 1, name="dropout1")(h)
    h = layers.Conv1D(cfg.filters[1], cfg.kernel, activation="relu", name="conv2")(h)
    h = layers.MaxPooling1D(2, name="pool2")(h)
    h = layers.Flatten(name="flatten")(h)
    h = layers.Dropout(cfg.dropout, seed=cfg.seed + 2, name="dropout2")(h)
    phasic = layers.Dense(horizon, name="phasic")(h)
    chill = layers.Dense(1, activation="sigmoid", name="chill")(h)
    return keras.Model(x, {"phasic": phasic, "chill": chill}, name="chill_predictor")


class ChillModel:
    def __init__(self, cfg, window, embedding_size, horizon, train_inputs):
        runtime.fresh_start(cfg.seed)
        self.cfg = cfg
        mean, std = feature_stats(train_inputs, axis=(0, 1))
        self.model = build(cfg, window, embedding_size, horizon, mean, std)
        self._step = self._make_step(window, embedding_size, horizon)
        tf = runtime.tensorflow()

        @tf.function(input_signature=[tf.TensorSpec((None, window, embedding_size), tf.float32)])
        def run(x):
            return self.model(x, training=False)
        self._run = lambda a: {k: v.numpy() for k, v in run(tf.constant(a, tf.float32)).items()}
        self.history = []

    def _make_step(self, window, embedding_size, horizon):
        import keras
        tf = runtime.tensorflow()
        model = self.model
        w_chill = tf.constant(self.cfg.chill_weight, tf.float32)
        self.optimizer = keras.optimizers.Adam(self.cfg.learning_rate)
        self.optimizer.build(model.trainable_variables)

        @tf.function(input_signature=[tf.TensorSpec((None, window, embedding_size), tf.float32),
                                      tf.TensorSpec((None, horizon), tf.float32),
                                      tf.TensorSpec((None, 1), tf.float32)])
        def step(x, y_phasic, y_chill):
            with tf.GradientTape() as tape:
                out = model(x, training=True)
                mse = tf.reduce_mean(tf.square(out["phasic"] - y_phasic))
                p = tf.clip_by_value(out["chill"], 1e-7, 1 - 1e-7)
                bce = -tf.reduce_mean(y_chill * tf.math.log(p) + (1 - y_chill) * tf.math.log(1 - p))
                loss = mse + w_chill * bce
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))
            return {"loss": loss, "mse": mse, "bce": bce}
        return step

    def fit(self, inputs, phasic, chill):
        """inputs [n, W, D], phasic [n, K], chill [n]."""
        tf = runtime.tensorflow()
        rng = np.random.default_rng(self.cfg.seed)
        for _ in range(self.cfg.epochs):
            sums, n = {}, 0
            for idx in batches(len(inputs), self.cfg.batch, rng):
                out = self._step(tf.constant(inputs[idx]), tf.constant(phasic[idx]),
                                 tf.constant(chill[idx, None]))
                for k, v in out.items():
                    sums[k] = sums.get(k, 0.0) + float(v) * len(idx)
                n += len(idx)
            self.history.append({k: v / n for k, v in sums.items()})
        return self

    def predict(self, inputs, size=1024):
        from .loop import predict
        return predict(self._run, inputs, size)
