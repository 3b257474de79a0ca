"""The Encodec 24 kHz encoder in plain numpy, in the checkpoint's own conventions: channels-first [C, T],
conv weights [out, in, k] with weight norm, LSTM gates in the order i, f, g, o with two biases, reflection
padding computed per layer from the length as the encodec package describes it (see encodec_graph.py).

It shares nothing with the Keras model but the layer plan, so the two agreeing checks the weight transfer
(layouts, gate order, weight norm) and the padding arithmetic. Slow; meant for a second or two of audio.
"""
import numpy as np

import encodec_graph as eg


def _conv(x, w, b, stride):
    """x [Cin, L] already padded; w [Cout, Cin, K] -> [Cout, (L - K) // stride + 1]."""
    k = w.shape[2]
    n = (x.shape[1] - k) // stride + 1
    y = np.zeros((w.shape[0], n))
    for j in range(k):
        y += w[:, :, j] @ x[:, j: j + stride * (n - 1) + 1: stride]
    return y + b[:, None]


def _causal_conv(x, state, prefix, p):
    w, b = eg.conv_weight(state, prefix)
    pad = eg.padding(p["kernel"], p["stride"])
    extra = eg.extra_padding(x.shape[1], p["kernel"], p["stride"], pad)
    x = np.pad(x, ((0, 0), (pad, extra)), mode="reflect")
    return _conv(x, w.astype(np.float64), b.astype(np.float64), p["stride"])


def _elu(x):
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _lstm(x, state, prefix, layers):
    """x [C, T] -> [C, T]: stacked LSTMs over time, zero initial state."""
    seq = x.T
    for layer in range(layers):
        wi, wh = (state[f"{prefix}.lstm.{n}_l{layer}"].astype(np.float64) for n in ("weight_ih", "weight_hh"))
        b = (state[f"{prefix}.lstm.bias_ih_l{layer}"] + state[f"{prefix}.lstm.bias_hh_l{layer}"]).astype(np.float64)
        units = wh.shape[1]
        h, c = np.zeros(units), np.zeros(units)
        out = np.zeros((seq.shape[0], units))
        for t in range(seq.shape[0]):
            z = wi @ seq[t] + wh @ h + b
            i, f, g, o = (z[q * units:(q + 1) * units] for q in range(4))
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
            h = _sigmoid(o) * np.tanh(c)
            out[t] = h
        seq = out
    return seq.T


def encode(state, waveform):
    """waveform [T] -> {output name: [C, ceil(T / 320)]} in float64."""
    x = np.asarray(waveform, np.float64)[None, :]
    outputs = {}
    for kind, prefix, p in eg.plan():
        if kind == "conv":
            x = _causal_conv(x, state, prefix, p)
            if p.get("stage") == len(eg.STRIDES):
                outputs["stage4"] = x
        elif kind == "elu":
            x = _elu(x)
        elif kind == "resblock":
            y = x
            for cprefix, cp in p["convs"]:
                y = _causal_conv(_elu(y), state, cprefix, cp)
            x = _causal_conv(x, state, *p["shortcut"]) + y
        elif kind == "lstm":
            x = _lstm(x, state, prefix, p["layers"]) + x
            outputs["lstm"] = x
    outputs["latent"] = x
    return outputs
