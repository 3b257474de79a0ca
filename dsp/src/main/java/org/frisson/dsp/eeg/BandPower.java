package org.frisson.dsp.eeg;

import org.frisson.dsp.RealFft;
import org.frisson.dsp.Windows;

import java.util.List;

/**
 * Variance of the band-limited signal, per band, from one window of samples: the integral over the band
 * of the Hann-windowed periodogram (a one-frame STFT), scaled as a power spectral density.
 *
 * <p>Exactly: with window length N, FFT length M (N zero-padded to M), periodic Hann window w,
 * {@code X[k] = sum_n w[n] (x[n] - mean(x)) exp(-2 pi i k n / M)} and one-sided density
 * {@code P[k] = s_k |X[k]|^2 / (fs * sum_n w[n]^2)} with {@code s_k = 1} at DC and (M even) Nyquist and 2
 * elsewhere, the band's variance is {@code sigma^2 = sum of P[k] * fs / M over the bins with
 * lowHz <= k fs / M < highHz}. This is what {@code scipy.signal.periodogram(x, fs, window='hann',
 * nfft=M, detrend='constant', scaling='density')} gives, summed over the band times its bin width; the
 * reference check does exactly that. For white noise of variance v the bands add up to v (Parseval with
 * the window's power normalisation).
 */
public final class BandPower {

    private final int windowLength;
    private final RealFft fft;
    private final double[] window;
    private final double[] frame;
    private final double[] power;
    private final int[] firstBin;
    private final int[] endBin;
    private final double scale;

    /**
     * @param fftLength at least {@code windowLength}; a power of two keeps every call allocation-free
     */
    public BandPower(double sampleRate, int windowLength, int fftLength, List<FrequencyBand> bands) {
        if (fftLength < windowLength) {
            throw new IllegalArgumentException("FFT length " + fftLength + " is shorter than the window "
                    + windowLength);
        }
        this.windowLength = windowLength;
        this.fft = new RealFft(fftLength);
        this.window = Windows.periodicHann(windowLength);
        this.frame = new double[fftLength];
        this.power = new double[fft.bins()];
        this.firstBin = new int[bands.size()];
        this.endBin = new int[bands.size()];
        double df = sampleRate / fftLength;
        for (int b = 0; b < bands.size(); b++) {
            FrequencyBand band = bands.get(b);
            if (band.highHz() > sampleRate / 2 + 1e-9) {
                throw new IllegalArgumentException("band " + band.name() + " reaches " + band.highHz()
                        + " Hz, above the Nyquist frequency " + sampleRate / 2 + " Hz of a " + sampleRate
                        + " Hz signal");
            }
            int lo = 0;
            while (lo < power.length && lo * df < band.lowHz()) {
                lo++;
            }
            int hi = lo;
            while (hi < power.length && hi * df < band.highHz()) {
                hi++;
            }
            if (hi == lo) {
                throw new IllegalArgumentException("band " + band.name() + " holds no FFT bin at " + df
                        + " Hz resolution");
            }
            firstBin[b] = lo;
            endBin[b] = hi;
        }
        double wss = 0;
        for (double w : window) {
            wss += w * w;
        }
        this.scale = 1.0 / (sampleRate * wss) * df;
    }

    public int windowLength() {
        return windowLength;
    }

    /** Band variances of {@code x[off..off+N)} into {@code out[outOff..outOff+bands)}. */
    public void estimate(double[] x, int off, double[] out, int outOff) {
        double mean = 0;
        for (int i = 0; i < windowLength; i++) {
            mean += x[off + i];
        }
        mean /= windowLength;
        for (int i = 0; i < windowLength; i++) {
            frame[i] = (x[off + i] - mean) * window[i];
        }
        java.util.Arrays.fill(frame, windowLength, frame.length, 0.0);
        fft.power(frame, power);
        int m = fft.length();
        for (int b = 0; b < firstBin.length; b++) {
            double sum = 0;
            for (int k = firstBin[b]; k < endBin[b]; k++) {
                boolean single = k == 0 || ((m & 1) == 0 && k == m / 2);
                sum += single ? power[k] : 2 * power[k];
            }
            out[outOff + b] = sum * scale;
        }
    }
}
