"""The Encodec 24 kHz encoder (causal SEANet) as a Keras model, and its weights in the checkpoint's layout.

Architecture facts (encodec 0.1.1: EncodecModel.encodec_model_24khz builds SEANetEncoder with its defaults,
causal=True, norm='weight_norm'; modules seanet.py, conv.py, lstm.py):

  conv0        causal conv, kernel 7, 1 -> 32 channels                                      24 kHz
  4 stages     ratios (8, 5, 4, 2) taken in reverse, so strides 2, 4, 5, 8; each stage is
               a residual block (ELU, conv k3 C -> C/2, ELU, conv k1 C/2 -> C; compress 2;
               the shortcut is a 1x1 conv C -> C, not an identity) then ELU and a
               downsampling conv with kernel 2*stride, C -> 2C                              32 -> 512 channels
  lstm         2-layer LSTM, 512 units, its input added to its output (skip)               75 Hz
  latent       ELU, causal conv, kernel 7, 512 -> 128                                      75 Hz

Every conv pads causally: (kernel - 1) * dilation - (stride - 1) samples on the left and, for strided
convs, the extra samples on the right that make the last window full, so a signal of T samples gives
ceil(T / 320) latent frames; both paddings are reflections of the signal (pad_mode 'reflect'), which needs
more samples than the padding at every level: at least MIN_FRAMES latent frames of input. ELU has alpha 1.
Weight norm: the effective weight is g * v / ||v||, the norm over every axis but the first (output channel).

The model is channels-last inside: the graph takes `waveform` [B,1,T] and gives `stage4` and `lstm`
[B,512,F] and `latent` [B,128,F], F = ceil(T / 320), time last as in the checkpoint's convention.
"""
import numpy as np

SAMPLE_RATE = 24000
RATIOS = (8, 5, 4, 2)           # as the decoder upsamples; the encoder uses them reversed
STRIDES = tuple(reversed(RATIOS))
HOP = int(np.prod(STRIDES))     # 320 samples per latent frame
FRAME_RATE = SAMPLE_RATE / HOP  # 75 Hz
FILTERS = 32
DIMENSION = 128
KERNEL = 7
LAST_KERNEL = 7
RESIDUAL_KERNEL = 3
COMPRESS = 2
LSTM_LAYERS = 2
LSTM_UNITS = FILTERS * 2 ** len(STRIDES)  # 512
# the final conv's left reflection (6 frames) needs more than 6 frames at 75 Hz
MIN_FRAMES = LAST_KERNEL

OUTPUTS = ["stage4", "lstm", "latent"]
SHAPES = {"stage4": LSTM_UNITS, "lstm": LSTM_UNITS, "latent": DIMENSION}


def plan():
    """The encoder's layers in order: (kind, checkpoint prefix, parameters). Prefixes are the state_dict keys
    of `EncodecModel.encoder` (an nn.Sequential called `model`)."""
    layers = [("conv", "model.0", dict(cin=1, cout=FILTERS, kernel=KERNEL, stride=1))]
    index, channels = 1, FILTERS
    for stage, stride in enumerate(STRIDES, 1):
        hidden = channels // COMPRESS
        layers.append(("resblock", f"model.{index}", dict(
            channels=channels,
            convs=[(f"model.{index}.block.1", dict(cin=channels, cout=hidden, kernel=RESIDUAL_KERNEL, stride=1)),
                   (f"model.{index}.block.3", dict(cin=hidden, cout=channels, kernel=1, stride=1))],
            shortcut=(f"model.{index}.shortcut", dict(cin=channels, cout=channels, kernel=1, stride=1)))))
        layers.append(("elu", f"model.{index + 1}", {}))
        layers.append(("conv", f"model.{index + 2}",
                       dict(cin=channels, cout=2 * channels, kernel=2 * stride, stride=stride, stage=stage)))
        index, channels = index + 3, 2 * channels
    layers.append(("lstm", f"model.{index}", dict(units=channels, layers=LSTM_LAYERS)))
    layers.append(("elu", f"model.{index + 1}", {}))
    layers.append(("conv", f"model.{index + 2}", dict(cin=channels, cout=DIMENSION, kernel=LAST_KERNEL, stride=1)))
    return layers


def convs():
    """Every conv as (checkpoint prefix, parameters), in graph order."""
    out = []
    for kind, prefix, p in plan():
        if kind == "conv":
            out.append((prefix, p))
        elif kind == "resblock":
            out.extend(p["convs"])
            out.append(p["shortcut"])
    return out


def padding(kernel, stride, dilation=1):
    """Left padding of a causal conv (the right one depends on the length: see extra_padding)."""
    return (kernel - 1) * dilation - (stride - 1)


def extra_padding(length, kernel, stride, pad):
    """Samples added on the right so the last window is full: ceil of the frame count, back to samples."""
    frames = (length - kernel + pad) / stride + 1
    return int((np.ceil(frames) - 1) * stride + (kernel - pad) - length)


# ---- weights in the checkpoint's layout (torch: conv [out, in, k] with weight_g/weight_v; LSTM i,f,g,o) ----

def random_state(seed):
    """A state_dict of the same shapes, drawn the way the modules initialise themselves: conv weights and
    biases uniform in +-1/sqrt(fan_in) with g = ||v|| (so the effective weight is v), LSTM weights and biases
    uniform in +-1/sqrt(units). Deterministic for a seed."""
    rng = np.random.default_rng(seed)
    state = {}
    for prefix, p in convs():
        bound = 1 / np.sqrt(p["cin"] * p["kernel"])
        v = rng.uniform(-bound, bound, size=(p["cout"], p["cin"], p["kernel"])).astype(np.float32)
        state[prefix + ".conv.conv.weight_v"] = v
        state[prefix + ".conv.conv.weight_g"] = np.sqrt((v.astype(np.float64) ** 2).sum(axis=(1, 2),
                                                        keepdims=True)).astype(np.float32)
        state[prefix + ".conv.conv.bias"] = rng.uniform(-bound, bound, size=p["cout"]).astype(np.float32)
    for kind, prefix, p in plan():
        if kind != "lstm":
            continue
        h = p["units"]
        bound = 1 / np.sqrt(h)
        for layer in range(p["layers"]):
            for name, shape in (("weight_ih", (4 * h, h)), ("weight_hh", (4 * h, h)), ("bias_ih", (4 * h,)),
                                ("bias_hh", (4 * h,))):
                state[f"{prefix}.lstm.{name}_l{layer}"] = rng.uniform(-bound, bound, size=shape).astype(np.float32)
    return state


def conv_weight(state, prefix):
    """The effective conv weight [out, in, k] and bias: weight norm resolved (either checkpoint spelling)."""
    base = prefix + ".conv.conv."
    if base + "weight_g" in state:
        g, v = state[base + "weight_g"], state[base + "weight_v"]
    elif base + "parametrizations.weight.original0" in state:
        g, v = state[base + "parametrizations.weight.original0"], state[base + "parametrizations.weight.original1"]
    elif base + "weight" in state:
        return np.asarray(state[base + "weight"], np.float32), np.asarray(state[base + "bias"], np.float32)
    else:
        raise KeyError(f"{base}weight_g: missing from the checkpoint")
    v = np.asarray(v, np.float64)
    norm = np.sqrt((v ** 2).sum(axis=tuple(range(1, v.ndim)), keepdims=True))
    w = np.asarray(g, np.float64).reshape(norm.shape) * v / norm
    return w.astype(np.float32), np.asarray(state[base + "bias"], np.float32)


# ---- the Keras model ----

def build(state):
    """The encoder as a Keras model with the given checkpoint-layout weights; outputs as in OUTPUTS."""
    import keras
    import tensorflow as tf

    class CausalPad(keras.layers.Layer):
        """Reflection padding: `left` samples before the signal, and after it as many as make a stride-`stride`
        conv's last window full (none for stride 1)."""

        def __init__(self, left, stride, **kwargs):
            super().__init__(**kwargs)
            self.left, self.stride = left, stride

        def call(self, x):
            right = 0
            if self.stride > 1:
                # extra_padding() with kernel - pad == stride: up to the next multiple of the stride (kept
                # to non-negative operands: the converted graph's modulo of a negative number differs)
                n = tf.shape(x)[1]
                right = (n + self.stride - 1) // self.stride * self.stride - n
            return tf.pad(x, [[0, 0], [self.left, right], [0, 0]], mode="REFLECT")

    def conv(x, prefix, p, name):
        w, b = conv_weight(state, prefix)
        if w.shape != (p["cout"], p["cin"], p["kernel"]):
            raise ValueError(f"{prefix}: weight shape {w.shape}, expected {(p['cout'], p['cin'], p['kernel'])}")
        if p["kernel"] > 1 or p["stride"] > 1:
            x = CausalPad(padding(p["kernel"], p["stride"]), p["stride"], name=name + "_pad")(x)
        layer = keras.layers.Conv1D(p["cout"], p["kernel"], strides=p["stride"], name=name)
        y = layer(x)
        layer.set_weights([w.transpose(2, 1, 0), b])  # [out, in, k] -> [k, in, out]
        return y

    class Elu(keras.layers.Layer):
        """ELU with alpha 1 written as max(x, exp(min(x, 0)) - 1), equal to it since e^x - 1 >= x: ONNX
        Runtime runs these four vectorised element-wise ops several times faster than its Elu kernel."""

        def call(self, x):
            return tf.maximum(x, tf.exp(tf.minimum(x, 0.0)) - 1.0)

    def elu(x, name):
        return Elu(name=name)(x)

    waveform = keras.Input((1, None), name="waveform")
    x = keras.layers.Permute((2, 1), name="to_time_major")(waveform)  # [B, T, 1]
    outputs = {}
    for kind, prefix, p in plan():
        name = prefix.replace(".", "_")
        if kind == "conv":
            x = conv(x, prefix, p, name)
            if p.get("stage") == len(STRIDES):
                outputs["stage4"] = x
        elif kind == "elu":
            x = elu(x, name)
        elif kind == "resblock":
            y = x
            for i, (cprefix, cp) in enumerate(p["convs"]):
                y = conv(elu(y, f"{name}_elu{i}"), cprefix, cp, cprefix.replace(".", "_"))
            s = conv(x, p["shortcut"][0], p["shortcut"][1], p["shortcut"][0].replace(".", "_"))
            x = keras.layers.Add(name=name + "_add")([s, y])
        elif kind == "lstm":
            y = x
            for layer in range(p["layers"]):
                lstm = keras.layers.LSTM(p["units"], return_sequences=True, name=f"{name}_l{layer}")
                y = lstm(y)
                k = f"{prefix}.lstm."
                # torch gates i, f, g, o = Keras i, f, c, o; torch adds two biases, Keras has one
                lstm.set_weights([state[f"{k}weight_ih_l{layer}"].T, state[f"{k}weight_hh_l{layer}"].T,
                                  state[f"{k}bias_ih_l{layer}"] + state[f"{k}bias_hh_l{layer}"]])
            x = keras.layers.Add(name=name + "_skip")([y, x])
            outputs["lstm"] = x
    outputs["latent"] = x
    channels_first = {n: keras.layers.Permute((2, 1), name=n)(outputs[n]) for n in OUTPUTS}
    return keras.Model(waveform, [channels_first[n] for n in OUTPUTS], name="encodec_24khz_encoder")


def run(model, waveform):
    """The Keras model on [B,1,T] float32: {output name: array}."""
    got = model(np.asarray(waveform, np.float32), training=False)
    return {n: np.asarray(v) for n, v in zip(OUTPUTS, got)}


def pretrained_state():
    """The encoder's weights from the encodec package: on first use it downloads the 24 kHz checkpoint from
    its authors' server into torch's hub cache. Needs PyTorch and encodec, which the test venv leaves out."""
    try:
        import torch  # noqa: F401
        from encodec import EncodecModel
    except ImportError as e:
        raise SystemExit(f"export_encodec: the pretrained weights need PyTorch and the encodec package "
                         f"(pip install torch encodec==0.1.1), which the project's venv does not install ({e}); "
                         f"use --random-init for the same architecture with random weights")
    try:
        model = EncodecModel.encodec_model_24khz(pretrained=True)
    except Exception as e:  # network or checksum: the message says which
        raise SystemExit(f"export_encodec: could not load the pretrained encodec_24khz checkpoint "
                         f"(its authors' server must be reachable on first use): {e}")
    model.eval()
    state = {k: v.detach().cpu().numpy() for k, v in model.encoder.state_dict().items()}
    return state, model.encoder
