package org.frisson.models;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.List;

/**
 * Traditional audio descriptors of a 3 s patch of 16 kHz audio: the baseline the seed's deep models are
 * compared with ("a traditional audio descriptor", 000) and Frisson's embedder when no exported model is
 * available. No model file, no native code.
 *
 * <p>The patch is cut into frames of 512 samples every 256 (MusiCNN's framing), each Hann-windowed and
 * transformed (magnitude spectrum |X_t(k)|, bin frequencies f_k = k·16000/512). Per frame:
 * <ul>
 *   <li><b>rms</b> = sqrt(mean x²) of the frame (unwindowed), the loudness envelope;</li>
 *   <li><b>flux</b> = Σ_k H(|X_t(k)| − |X_{t−1}(k)|) with H(x) = max(x, 0): half-wave rectified spectral
 *       difference (Dixon 2006, "Onset detection revisited", DAFx), 0 for the first frame;</li>
 *   <li><b>centroid</b> = Σ_k f_k |X_t(k)| / Σ_k |X_t(k)| in Hz (Peeters 2004, CUIDADO descriptors), 0 on
 *       silence;</li>
 *   <li><b>roughness</b> = Σ_{i<j} a_i a_j (e^{−b1 s Δf} − e^{−b2 s Δf}), s = d* / (s1 min(f_i, f_j) + s2),
 *       over the {@value #PEAKS} largest spectral peaks (local maxima of |X|), Δf = |f_i − f_j|, with
 *       d* = 0.24, s1 = 0.0207, s2 = 18.96, b1 = 3.51, b2 = 5.75 (Sethares 1993, "Local consonance and the
 *       relationship between timbre and scale", JASA 94; the model MIRtoolbox's mirroughness uses).</li>
 * </ul>
 * The output {@code descriptors} holds, for the patch, the mean of each over its frames then the standard
 * deviation of each: {@code [rms, flux, centroid, roughness, sd rms, sd flux, sd centroid, sd roughness]}.
 */
public final class AcousticEmbedder implements Embedder {

    public static final int SAMPLE_RATE = 16000;
    public static final int FRAME = 512;
    public static final int FRAME_HOP = 256;
    /** 3 s patches, as MusiCNN's. */
    public static final int WINDOW = 3 * SAMPLE_RATE;
    /** Native hop between patches: 0.5 s. */
    public static final int HOP = SAMPLE_RATE / 2;
    static final int PEAKS = 20;
    static final List<String> NAMES = List.of("rms", "flux", "centroid", "roughness");
    static final int DESCRIPTORS = NAMES.size();

    private static final double D_STAR = 0.24, S1 = 0.0207, S2 = 18.96, B1 = 3.51, B2 = 5.75;

    private final EmbedderSpec spec;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
    private final double[] window = new double[FRAME];
    private final double[] buf = new double[FRAME];
    private final double[] mag = new double[FRAME / 2 + 1];
    private final double[] prev = new double[FRAME / 2 + 1];
    private final int[] peakBins = new int[PEAKS];
    private final double[] sum = new double[DESCRIPTORS];
    private final double[] sumSq = new double[DESCRIPTORS];
    private final double[] frameValues = new double[DESCRIPTORS];

    public AcousticEmbedder() {
        int outs = 2 * DESCRIPTORS;
        spec = new EmbedderSpec("acoustic", "waveform", SAMPLE_RATE, SAMPLE_RATE, WINDOW, HOP, 1,
                List.of(new EmbedderSpec.Output("descriptors", new int[] {outs})), List.of("descriptors"), List.of(),
                "none");
        for (int i = 0; i < FRAME; i++) { // periodic Hann
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME);
        }
    }

    /** Channel names of the {@code descriptors} output. */
    public static List<String> labels() {
        List<String> out = new java.util.ArrayList<>();
        for (String n : NAMES) {
            out.add(n);
        }
        for (String n : NAMES) {
            out.add(n + "_sd");
        }
        return out;
    }

    @Override
    public EmbedderSpec spec() {
        return spec;
    }

    @Override
    public List<String> outputs() {
        return List.of("descriptors");
    }

    @Override
    public int outputSize(int i) {
        return 2 * DESCRIPTORS;
    }

    @Override
    public void embed(float[] patch, float[][] out) {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSq, 0);
        int frames = 0;
        for (int start = 0; start + FRAME <= WINDOW; start += FRAME_HOP) {
            frame(patch, start, frames == 0);
            for (int d = 0; d < DESCRIPTORS; d++) {
                sum[d] += frameValues[d];
                sumSq[d] += frameValues[d] * frameValues[d];
            }
            frames++;
        }
        for (int d = 0; d < DESCRIPTORS; d++) {
            double mean = sum[d] / frames;
            out[0][d] = (float) mean;
            out[0][DESCRIPTORS + d] = (float) Math.sqrt(Math.max(0, sumSq[d] / frames - mean * mean));
        }
    }

    private void frame(float[] x, int start, boolean first) {
        double energy = 0;
        for (int i = 0; i < FRAME; i++) {
            double v = x[start + i];
            energy += v * v;
            buf[i] = v * window[i];
        }
        fft.realForward(buf);
        int n = FRAME / 2;
        mag[0] = Math.abs(buf[0]);
        mag[n] = Math.abs(buf[1]);
        for (int k = 1; k < n; k++) {
            mag[k] = Math.hypot(buf[2 * k], buf[2 * k + 1]);
        }
        double flux = 0, weighted = 0, total = 0;
        double binHz = (double) SAMPLE_RATE / FRAME;
        for (int k = 0; k <= n; k++) {
            if (!first) {
                flux += Math.max(0, mag[k] - prev[k]);
            }
            weighted += k * binHz * mag[k];
            total += mag[k];
            prev[k] = mag[k];
        }
        frameValues[0] = Math.sqrt(energy / FRAME);
        frameValues[1] = flux;
        frameValues[2] = total > 0 ? weighted / total : 0;
        frameValues[3] = roughness(binHz);
    }

    /** Sethares' roughness over the largest spectral peaks of {@link #mag}. */
    private double roughness(double binHz) {
        int found = 0;
        for (int k = 1; k < mag.length - 1; k++) {
            if (mag[k] > mag[k - 1] && mag[k] >= mag[k + 1] && mag[k] > 0) {
                // keep the PEAKS largest, sorted by magnitude descending (insertion)
                int pos = Math.min(found, PEAKS - 1);
                if (found >= PEAKS && mag[k] <= mag[peakBins[PEAKS - 1]]) {
                    continue;
                }
                while (pos > 0 && mag[peakBins[pos - 1]] < mag[k]) {
                    peakBins[pos] = peakBins[pos - 1];
                    pos--;
                }
                peakBins[pos] = k;
                found = Math.min(found + 1, PEAKS);
            }
        }
        double r = 0;
        for (int i = 0; i < found; i++) {
            double fi = peakBins[i] * binHz, ai = mag[peakBins[i]];
            for (int j = i + 1; j < found; j++) {
                double fj = peakBins[j] * binHz, aj = mag[peakBins[j]];
                double s = D_STAR / (S1 * Math.min(fi, fj) + S2);
                double df = Math.abs(fi - fj);
                r += ai * aj * (Math.exp(-B1 * s * df) - Math.exp(-B2 * s * df));
            }
        }
        return r;
    }

    @Override
    public void close() {
        // nothing native
    }
}
