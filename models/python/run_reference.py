"""TensorFlow running the pretrained MusiCNN checkpoint graph on log-mel patches given as raw float32.

    python models/python/run_reference.py --model MTT_musicnn --logmel IN.f32 --out OUT.f32 [--output taggram]

IN.f32 holds N patches of 187 x 96 little-endian float32 values, row-major [N,187,96]; OUT.f32 receives the
chosen output for every patch, row-major, as little-endian float32. The tests compare Frisson's ONNX
Runtime results against this.
"""
import argparse

import numpy as np

import musicnn_graph as mg


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="MTT_musicnn", choices=sorted(mg.MODELS))
    p.add_argument("--logmel", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--output", default="taggram", choices=mg.OUTPUTS)
    a = p.parse_args()
    x = np.fromfile(a.logmel, dtype="<f4")
    per_patch = mg.PATCH_FRAMES * mg.N_MELS
    if x.size == 0 or x.size % per_patch:
        raise SystemExit(f"{a.logmel}: {x.size} values is not a whole number of {mg.PATCH_FRAMES}x{mg.N_MELS} patches")
    y = mg.Reference(a.model).run(x.reshape(-1, mg.PATCH_FRAMES, mg.N_MELS))[a.output]
    y.astype("<f4").tofile(a.out)


if __name__ == "__main__":
    main()
