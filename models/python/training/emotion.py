"""Seed 001's emotion model: EEG and music streams mapped into one latent space, supervised by valence and
arousal from both, with a modality discriminator behind a gradient reversal layer (Ganin & Lempitsky 2015).

  EEG branch    de_sequence [B, L, F] -> per-feature standardisation (training statistics, inside the model)
                -> LSTM -> dropout -> LSTM -> dropout -> attention over time (one score per step, softmax,
                weighted sum) -> dense tanh -> latent [B, Z]
  music branch  embedding [B, D] -> standardisation -> dense relu -> dropout -> dense tanh -> latent [B, Z]
  affect head   latent -> valence, arousal (sigmoid: probability of a rating above 5), shared by both
                branches, so the two map into one space
  discriminator latent -> gradient reversal -> dense relu -> P(EEG)

Objective J = w_eeg * l_a + w_music * l_b + l_dd, with l_a and l_b the BCE of valence and arousal from EEG
and from music, l_dd the discriminator's BCE. The reversal layer multiplies the gradient reaching the
encoders by -lambda, so the encoders learn to make the latents indistinguishable while the discriminator
always learns to tell them apart; with lambda = 0 it is only a passive probe of how separable they are.
"""
from dataclasses import dataclass, asdict

import numpy as np

from . import runtime
from .layers import standardise
from .loop import batches, feature_stats

# The seed's ablations (Table 3): the joint objective, the EEG affect loss only, and no discriminator.
ABLATIONS = {
    "joint": {"w_eeg": 1.0, "w_music": 1.0, "adversarial": True},
    "affect_only": {"w_eeg": 1.0, "w_music": 0.0, "adversarial": False},
    "no_discriminator": {"w_eeg": 1.0, "w_music": 1.0, "adversarial": False},
}


@dataclass
class EmotionConfig:
    lstm_units: tuple = (64, 32)
    attention_units: int = 16
    music_units: int = 64
    latent: int = 32
    discriminator_units: int = 32
    dropout: float = 0.3
    epochs: int = 30
    batch: int = 64
    learning_rate: float = 1e-3
    lambda_: float = 0.1     # weight of the reversed discriminator gradient (lambda_2 in the seed)
    seed: int = 0

    def to_dict(self):
        d = asdict(self)
        d["lstm_units"] = list(self.lstm_units)
        d["lambda"] = d.pop("lambda_")
        return d


def build(cfg, window, features, embedding_size, de_mean, de_std, music_mean, music_std):
    """The four parts: EEG encoder, music encoder, affect head, discriminator; and the two exportable
    branches (input -> valence, arousal, latent). Every layer is named, so the exported graph is the same
    from run to run."""
    import keras
    from keras import layers

    x = keras.Input((window, features), name="de_sequence")
    h = standardise(de_mean, de_std, "de_standardise")(x)
    h = layers.LSTM(cfg.lstm_units[0], return_sequences=True, name="lstm1")(h)
    h = layers.Dropout(cfg.dropout, seed=cfg.seed + 1, name="dropout1")(h)
    h = layers.LSTM(cfg.lstm_units[1], return_sequences=True, name="lstm2")(h)
    h = layers.Dropout(cfg.dropout, seed=cfg.seed + 2, name="dropout2")(h)
    score = layers.Dense(cfg.attention_units, activation="tanh", name="attention_hidden")(h)
    score = layers.Dense(1, name="attention_score")(score)
    weights = layers.Softmax(axis=1, name="attention_weights")(score)
    pooled = layers.Dot(axes=1, name="attention_pool")([weights, h])
    pooled = layers.Flatten(name="attention_flat")(pooled)
    z = layers.Dense(cfg.latent, activation="tanh", name="eeg_latent")(pooled)
    eeg_encoder = keras.Model(x, z, name="eeg_encoder")

    m = keras.Input((embedding_size,), name="embedding")
    g = standardise(music_mean, music_std, "embedding_standardise")(m)
    g = layers.Dense(cfg.music_units, activation="relu", name="music_hidden")(g)
    g = layers.Dropout(cfg.dropout, seed=cfg.seed + 3, name="dropout_music")(g)
    zm = layers.Dense(cfg.latent, activation="tanh", name="music_latent")(g)
    music_encoder = keras.Model(m, zm, name="music_encoder")

    zi = keras.Input((cfg.latent,), name="latent")
    head = keras.Model(zi, {"valence": layers.Dense(1, activation="sigmoid", name="valence")(zi),
                            "arousal": layers.Dense(1, activation="sigmoid", name="arousal")(zi)},
                       name="affect_head")

    di = keras.Input((cfg.latent,), name="latent_d")
    dh = layers.Dense(cfg.discriminator_units, activation="relu", name="discriminator_hidden")(di)
    discriminator = keras.Model(di, layers.Dense(1, activation="sigmoid", name="is_eeg")(dh),
                                name="discriminator")

    def branch(inp, encoder, name):
        lat = encoder(inp)
        out = head(lat)
        return keras.Model(inp, {"valence": out["valence"], "arousal": out["arousal"], "latent": lat}, name=name)

    return {"eeg_encoder": eeg_encoder, "music_encoder": music_encoder, "head": head,
            "discriminator": discriminator,
            "eeg": branch(x, eeg_encoder, "eeg_branch"), "music": branch(m, music_encoder, "music_branch")}


def _reversal(tf):
    @tf.custom_gradient
    def reverse(x, scale):
        def grad(dy):
            return -scale * dy, tf.zeros_like(scale)
        return tf.identity(x), grad
    return reverse


def _bce(tf, y, p):
    p = tf.clip_by_value(p, 1e-7, 1 - 1e-7)
    return -tf.reduce_mean(y * tf.math.log(p) + (1 - y) * tf.math.log(1 - p))


class EmotionModel:
    """Trains the parts jointly on paired windows (EEG window, the music over the same span, labels)."""

    def __init__(self, cfg, ablation, window, features, embedding_size, train):
        runtime.fresh_start(cfg.seed)
        self.cfg, self.ablation = cfg, ABLATIONS[ablation]
        self.ablation_name = ablation
        de_mean, de_std = feature_stats(train.eeg, axis=(0, 1))
        mu_mean, mu_std = feature_stats(train.music, axis=(0,))
        self.parts = build(cfg, window, features, embedding_size, de_mean, de_std, mu_mean, mu_std)
        self.eeg, self.music = self.parts["eeg"], self.parts["music"]
        self.discriminator = self.parts["discriminator"]
        self._step = self._make_step(window, features, embedding_size)
        self._predict_eeg = self._make_predict(self.eeg, (window, features))
        self._predict_music = self._make_predict(self.music, (embedding_size,))
        self._predict_disc = self._make_predict(self.discriminator, (cfg.latent,), key=None)
        self.history = []

    def _make_predict(self, model, shape, key="dict"):
        tf = runtime.tensorflow()

        @tf.function(input_signature=[tf.TensorSpec((None,) + shape, tf.float32)], reduce_retracing=True)
        def run(x):
            out = model(x, training=False)
            return out if key else {"p": out}
        return lambda a: {k: v.numpy() for k, v in run(tf.constant(a, tf.float32)).items()}

    def _make_step(self, window, features, embedding_size):
        import keras
        tf = runtime.tensorflow()
        p = self.parts
        reverse = _reversal(tf)
        w_eeg = tf.constant(self.ablation["w_eeg"], tf.float32)
        w_music = tf.constant(self.ablation["w_music"], tf.float32)
        lam = tf.constant(self.cfg.lambda_ if self.ablation["adversarial"] else 0.0, tf.float32)
        self.variables = (p["eeg_encoder"].trainable_variables + p["music_encoder"].trainable_variables
                          + p["head"].trainable_variables + p["discriminator"].trainable_variables)
        self.optimizer = keras.optimizers.Adam(self.cfg.learning_rate)
        self.optimizer.build(self.variables)

        @tf.function(input_signature=[tf.TensorSpec((None, window, features), tf.float32),
                                      tf.TensorSpec((None, embedding_size), tf.float32),
                                      tf.TensorSpec((None, 2), tf.float32)])
        def step(x_eeg, x_music, y):
            with tf.GradientTape() as tape:
                z_e = p["eeg_encoder"](x_eeg, training=True)
                z_m = p["music_encoder"](x_music, training=True)
                o_e, o_m = p["head"](z_e), p["head"](z_m)
                l_a = _bce(tf, y[:, :1], o_e["valence"]) + _bce(tf, y[:, 1:], o_e["arousal"])
                l_b = _bce(tf, y[:, :1], o_m["valence"]) + _bce(tf, y[:, 1:], o_m["arousal"])
                d_e = p["discriminator"](reverse(z_e, lam), training=True)
                d_m = p["discriminator"](reverse(z_m, lam), training=True)
                l_dd = _bce(tf, tf.ones_like(d_e), d_e) + _bce(tf, tf.zeros_like(d_m), d_m)
                loss = w_eeg * l_a + w_music * l_b + l_dd
            grads = tape.gradient(loss, self.variables)
            self.optimizer.apply_gradients(zip(grads, self.variables))
            return {"loss": loss, "l_a": l_a, "l_b": l_b, "l_dd": l_dd}
        return step

    def fit(self, train):
        tf = runtime.tensorflow()
        rng = np.random.default_rng(self.cfg.seed)
        for epoch in range(self.cfg.epochs):
            sums, n = {}, 0
            for idx in batches(len(train.labels), self.cfg.batch, rng):
                out = self._step(tf.constant(train.eeg[idx]), tf.constant(train.music[idx]),
                                 tf.constant(train.labels[idx]))
                for k, v in out.items():
                    sums[k] = sums.get(k, 0.0) + float(v) * len(idx)
                n += len(idx)
            self.history.append({k: v / n for k, v in sums.items()})
        return self

    def predict(self, windows, size=1024):
        """Both branches' outputs and the discriminator's P(EEG) on both latents."""
        from .loop import predict
        e = predict(self._predict_eeg, windows.eeg, size)
        m = predict(self._predict_music, windows.music, size)
        return {"eeg": e, "music": m,
                "disc_eeg": predict(self._predict_disc, e["latent"], size)["p"],
                "disc_music": predict(self._predict_disc, m["latent"], size)["p"]}
