package org.frisson.dsp.audio;

/**
 * A bank of triangular mel filters applied to a one-sided spectrum. Two definitions, each as its reference
 * computes it:
 * <ul>
 *   <li>{@link #slaney}: librosa's {@code filters.mel} defaults (as MusiCNN uses them): Slaney's mel scale
 *       (linear below 1 kHz, logarithmic above), band edges evenly spaced in mel between fmin and fmax,
 *       triangles drawn in Hz over the FFT bin frequencies, each scaled by {@code 2 / (upper - lower edge)}
 *       (Slaney normalisation: roughly constant energy per band).</li>
 *   <li>{@link #vggish}: VGGish's {@code spectrogram_to_mel_matrix}: HTK mel scale
 *       {@code 1127 ln(1 + f / 700)}, band edges evenly spaced in mel, triangles drawn in mel over bin
 *       frequencies spaced evenly from 0 to Nyquist, no normalisation, the DC bin's weight 0.</li>
 * </ul>
 * Stored sparsely (each band's non-zero bin range); {@link #apply} allocates nothing.
 */
public final class MelFilterBank {

    private final int bins;
    private final int bands;
    private final int[] first;
    private final double[][] weights; // weights[m][k - first[m]]

    private MelFilterBank(double[][] dense) {
        this.bands = dense.length;
        this.bins = dense[0].length;
        this.first = new int[bands];
        this.weights = new double[bands][];
        for (int m = 0; m < bands; m++) {
            int lo = 0;
            while (lo < bins && dense[m][lo] == 0) {
                lo++;
            }
            int hi = bins;
            while (hi > lo && dense[m][hi - 1] == 0) {
                hi--;
            }
            first[m] = lo;
            weights[m] = java.util.Arrays.copyOfRange(dense[m], lo, hi);
        }
    }

    /** librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax) with htk=False, norm='slaney'. */
    public static MelFilterBank slaney(double sampleRate, int nFft, int nMels, double fMin, double fMax) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        double val = 1.0 / (nFft * (1.0 / sampleRate)); // numpy rfftfreq's spacing, computed as numpy does
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * val;
        }
        double[] melF = linspace(slaneyHzToMel(fMin), slaneyHzToMel(fMax), nMels + 2);
        for (int i = 0; i < melF.length; i++) {
            melF[i] = slaneyMelToHz(melF[i]);
        }
        double[][] w = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lowerDiff = melF[m + 1] - melF[m];
            double upperDiff = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - melF[m]) / lowerDiff;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperDiff;
                w[m][k] = Math.max(0, Math.min(lower, upper)) * enorm;
            }
        }
        return new MelFilterBank(w);
    }

    /** VGGish's spectrogram_to_mel_matrix(num_mel_bins, num_spectrogram_bins, sample_rate, lower, upper). */
    public static MelFilterBank vggish(double sampleRate, int spectrogramBins, int nMels, double lowerHz, double upperHz) {
        if (!(lowerHz < upperHz)) {
            throw new IllegalArgumentException("lower edge " + lowerHz + " Hz must be below upper edge " + upperHz + " Hz");
        }
        double nyquist = sampleRate / 2;
        double[] binsHz = linspace(0, nyquist, spectrogramBins);
        double[] binsMel = new double[spectrogramBins];
        for (int k = 0; k < spectrogramBins; k++) {
            binsMel[k] = htkHzToMel(binsHz[k]);
        }
        double[] edges = linspace(htkHzToMel(lowerHz), htkHzToMel(upperHz), nMels + 2);
        double[][] w = new double[nMels][spectrogramBins];
        for (int m = 0; m < nMels; m++) {
            double lo = edges[m], center = edges[m + 1], hi = edges[m + 2];
            for (int k = 1; k < spectrogramBins; k++) { // the DC bin keeps weight 0
                double lowerSlope = (binsMel[k] - lo) / (center - lo);
                double upperSlope = (hi - binsMel[k]) / (hi - center);
                w[m][k] = Math.max(0, Math.min(lowerSlope, upperSlope));
            }
        }
        return new MelFilterBank(w);
    }

    /** HTK mel: 1127 ln(1 + f / 700) (VGGish's hertz_to_mel). */
    static double htkHzToMel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** Slaney's mel (librosa hz_to_mel, htk=False): linear below 1 kHz, 27 steps per factor 6.4 above. */
    static double slaneyHzToMel(double hz) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        if (hz < minLogHz) {
            return hz / fSp;
        }
        double logStep = Math.log(6.4) / 27.0;
        return minLogHz / fSp + Math.log(hz / minLogHz) / logStep;
    }

    static double slaneyMelToHz(double mel) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        double minLogMel = minLogHz / fSp;
        if (mel < minLogMel) {
            return fSp * mel;
        }
        double logStep = Math.log(6.4) / 27.0;
        return minLogHz * Math.exp(logStep * (mel - minLogMel));
    }

    /** numpy.linspace(start, stop, num) including its exact end point. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        if (num == 1) {
            y[0] = start;
            return y;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** Spectrum bins expected. */
    public int bins() {
        return bins;
    }

    /** Mel bands produced. */
    public int bands() {
        return bands;
    }

    /** Weight of spectrum bin {@code bin} in band {@code band}. */
    public double weight(int band, int bin) {
        int k = bin - first[band];
        return k >= 0 && k < weights[band].length ? weights[band][k] : 0.0;
    }

    /** {@code out[outOff + m] = sum_k W[m][k] spectrum[k]}. */
    public void apply(double[] spectrum, double[] out, int outOff) {
        for (int m = 0; m < bands; m++) {
            double[] w = weights[m];
            int f = first[m];
            double acc = 0;
            for (int k = 0; k < w.length; k++) {
                acc += w[k] * spectrum[f + k];
            }
            out[outOff + m] = acc;
        }
    }
}
