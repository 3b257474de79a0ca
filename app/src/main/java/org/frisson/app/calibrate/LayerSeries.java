package org.frisson.app.calibrate;

import org.frisson.pipeline.RecordingFeed;
import org.frisson.models.Embedder;
import org.frisson.models.EmbedderSpec;
import org.frisson.models.PatchStream;
import org.frisson.xdf.XdfStream;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of an audio network over a recording's music: a vector per patch (outputs that run over the
 * patch's frames are averaged over them), stamped with the LSL time of the patch's newest audio sample.
 */
record LayerSeries(String name, int depth, double[] stamps, double[][] values) {

    /**
     * Every output of {@code embedder} over the recorded audio, a patch every {@code hopSeconds}; depths count
     * from {@code firstDepth} in the order the model lists its layers, any other output (the taggram) last.
     *
     * @param warn told when the audio has gaps (patch times then assume it continuous)
     */
    static List<LayerSeries> compute(XdfStream audio, Embedder embedder, double hopSeconds, int firstDepth,
                                     java.util.function.Consumer<String> warn) {
        EmbedderSpec spec = embedder.spec();
        double[] t = RecordingFeed.localStamps(audio);
        float[] mono = mono(audio);
        int rate = (int) Math.round(audio.nominalRate());
        if (rate <= 0 || t.length < 2) {
            throw new IllegalArgumentException("audio stream '" + audio.name() + "': needs a regular rate and samples,"
                    + " has rate " + audio.nominalRate() + " and " + t.length + " samples");
        }
        for (int i = 1; i < t.length; i++) {
            if (t[i] - t[i - 1] > 2.0 / rate) {
                warn.accept("audio stream '" + audio.name() + "': a gap of " + (t[i] - t[i - 1]) + " s at " + t[i - 1]
                        + "; layer times assume continuous audio");
                break;
            }
        }
        List<String> names = embedder.outputs();
        List<Integer> order = new ArrayList<>();
        for (String layer : spec.layers()) {
            if (names.contains(layer)) {
                order.add(names.indexOf(layer));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        List<double[]> stamps = new ArrayList<>();
        List<List<double[]>> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            values.add(new ArrayList<>());
        }
        float[][] out = new float[names.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[embedder.outputSize(i)];
        }
        PatchStream patches = new PatchStream(spec, rate, Math.max(1, (int) Math.round(hopSeconds * spec.frameRate())));
        PatchStream.Sink sink = (patch, endFrame) -> {
            embedder.embed(patch, out);
            stamps.add(new double[] {t[0] + endFrame / spec.frameRate()});
            for (int i = 0; i < out.length; i++) {
                values.get(i).add(pooled(spec.output(names.get(i)), spec.windowFrames(), out[i]));
            }
        };
        patches.feed(mono, 0, mono.length, sink);
        double[] s = stamps.stream().mapToDouble(a -> a[0]).toArray();
        List<LayerSeries> layers = new ArrayList<>();
        int depth = firstDepth;
        for (int i : order) {
            layers.add(new LayerSeries(names.get(i), depth++, s, values.get(i).toArray(new double[0][])));
        }
        return layers;
    }

    /**
     * The output as a vector: averaged over its time axis when it has one (a free one, or of a fixed-window model
     * an axis as long as the window, e.g. MusiCNN's front end {@code [187, 408]}).
     */
    static double[] pooled(EmbedderSpec.Output o, int windowFrames, float[] v) {
        int axis = o == null ? -1 : o.timeAxis();
        if (o != null && axis < 0 && o.shape().length >= 2) {
            for (int a = 0; a < o.shape().length; a++) {
                if (o.shape()[a] == windowFrames) {
                    axis = a;
                    break;
                }
            }
        }
        if (axis < 0) {
            double[] d = new double[v.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
        int[] shape = o.shape();
        int frames = shape[axis];
        int inner = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            inner *= shape[a];
        }
        int outer = v.length / (frames * inner);
        double[] d = new double[outer * inner];
        for (int a = 0; a < outer; a++) {
            for (int f = 0; f < frames; f++) {
                for (int b = 0; b < inner; b++) {
                    d[a * inner + b] += v[(a * frames + f) * inner + b] / frames;
                }
            }
        }
        return d;
    }

    private static float[] mono(XdfStream audio) {
        int n = audio.sampleCount();
        int ch = audio.channelCount();
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < ch; c++) {
                sum += audio.value(i, c);
            }
            m[i] = (float) (sum / ch);
        }
        return m;
    }

    /** The newest patch at or before each grid time, as rows; NaN rows before the first patch. */
    double[][] onGrid(double[] grid) {
        double[][] rows = new double[grid.length][];
        int k = -1;
        int dim = values.length == 0 ? 0 : values[0].length;
        for (int g = 0; g < grid.length; g++) {
            while (k + 1 < stamps.length && stamps[k + 1] <= grid[g] + 1e-9) {
                k++;
            }
            if (k < 0) {
                rows[g] = new double[dim];
                java.util.Arrays.fill(rows[g], Double.NaN);
            } else {
                rows[g] = values[k];
            }
        }
        return rows;
    }
}
