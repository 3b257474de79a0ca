package org.frisson.dsp.eeg;

import org.frisson.dsp.RealFft;
import org.frisson.dsp.Windows;

import java.util.List;

/**
 * The band energy of the SEED dataset's reference feature extraction (the MATLAB code distributed with
 * SEED), reproduced operation for operation: the window is multiplied by MATLAB's {@code hanning(N)}
 * (no mean removal), transformed with {@code fft(x, NFFT)}, and for each band the mean of {@code |X|^2}
 * is taken over MATLAB indices {@code fix(f_start / fs * NFFT)} through {@code fix(f_end / fs * NFFT)}
 * inclusive. MATLAB indices are 1-based, so index i is DFT bin i - 1 (index 1 is DC). The SEED DE is then
 * {@code log2(100 * E)}.
 */
public final class SeedBandEnergy {

    private final int windowLength;
    private final RealFft fft;
    private final double[] window;
    private final double[] frame;
    private final double[] power;
    private final int[] firstBin;
    private final int[] lastBin;

    public SeedBandEnergy(double sampleRate, int windowLength, int nfft, List<FrequencyBand> bands) {
        if (nfft < windowLength) {
            // MATLAB's fft(x, n) would silently truncate the window; refuse instead.
            throw new IllegalArgumentException("NFFT " + nfft + " is shorter than the window " + windowLength);
        }
        this.windowLength = windowLength;
        this.fft = new RealFft(nfft);
        this.window = Windows.matlabHanning(windowLength);
        this.frame = new double[nfft];
        this.power = new double[fft.bins()];
        this.firstBin = new int[bands.size()];
        this.lastBin = new int[bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            FrequencyBand band = bands.get(b);
            int start = (int) (band.lowHz() / sampleRate * nfft);  // MATLAB fix() of a non-negative number
            int end = (int) (band.highHz() / sampleRate * nfft);
            if (start < 1) {
                throw new IllegalArgumentException("band " + band.name() + " starts at MATLAB index " + start
                        + " (fix(" + band.lowHz() + " / " + sampleRate + " * " + nfft + ")); MATLAB indices start at 1");
            }
            if (end > nfft / 2) {
                throw new IllegalArgumentException("band " + band.name() + " ends at MATLAB index " + end
                        + ", beyond the " + nfft / 2 + " bins the SEED code keeps");
            }
            firstBin[b] = start - 1;
            lastBin[b] = end - 1;
        }
    }

    public int windowLength() {
        return windowLength;
    }

    /** Band energies E of {@code x[off..off+N)} into {@code out[outOff..outOff+bands)}. */
    public void estimate(double[] x, int off, double[] out, int outOff) {
        for (int i = 0; i < windowLength; i++) {
            frame[i] = x[off + i] * window[i];
        }
        java.util.Arrays.fill(frame, windowLength, frame.length, 0.0);
        fft.power(frame, power);
        for (int b = 0; b < firstBin.length; b++) {
            double sum = 0;
            for (int k = firstBin[b]; k <= lastBin[b]; k++) {
                sum += power[k];
            }
            out[outOff + b] = sum / (lastBin[b] - firstBin[b] + 1);
        }
    }
}
