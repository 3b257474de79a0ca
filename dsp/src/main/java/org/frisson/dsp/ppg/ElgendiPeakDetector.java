package org.frisson.dsp.ppg;

import org.frisson.dsp.filter.Butterworth;
import org.frisson.dsp.filter.Sos;
import org.frisson.dsp.filter.SosFilter;
import org.frisson.dsp.filter.ZeroPhaseFilter;

/**
 * Systolic peaks of a PPG signal by Elgendi et al.'s method (2013), with NeuroKit2's defaults and
 * definitions ({@code ppg_clean} method "elgendi" + {@code ppg_findpeaks} method "elgendi"), in streaming
 * form.
 *
 * <p>The method: band-pass 0.5–8 Hz (Butterworth, order 2); clip negative values to 0 and square; two
 * centred moving averages of the squared signal, over the peak window (0.111 s) and the beat window
 * (0.667 s); a sample is inside a wave where the first exceeds the second plus an offset of 0.02 times the
 * mean squared signal; in every wave at least a peak window long the most prominent local maximum of the
 * band-passed signal is the systolic peak, kept if it is more than 0.3 s after the previous one.
 *
 * <p>Where the streaming form differs from NeuroKit2's offline computation:
 * <ul>
 *   <li>Band-pass: NeuroKit2 filters forward and backward ({@code sosfiltfilt}, zero phase). The live form
 *       ({@link #live}) filters causally ({@code sosfilt}), which delays the systolic peak by the filter's
 *       group delay at the pulse's dominant frequencies (measured against NeuroKit2: +15 ms on average, at
 *       most 20 ms, on HeartPy's example recording at 100 Hz; -16 to +23 ms on simulated pulses at 64-128 Hz;
 *       the shift is nearly constant from beat to beat, so inter-beat intervals move by at most 2 samples). The
 *       offline form ({@link #detectOffline}) filters as NeuroKit2 does.</li>
 *   <li>Centred moving averages need samples from the future: every decision is made half a beat window
 *       (0.333 s) late. This is a fixed latency, not a difference in the result; the record's edges are
 *       extended with their first and last samples as NeuroKit2 (scipy's {@code uniform_filter1d}, mode
 *       "nearest") does, the end at {@link #flush}.</li>
 *   <li>The offset uses the mean squared signal of the whole record in NeuroKit2. Live, it is the mean so
 *       far, exponentially forgetting with a {@value #ENERGY_MEMORY_SECONDS} s time constant once that much
 *       signal has been seen (identical to NeuroKit2's on records up to that length, given the same
 *       band-passed signal, except for the first samples where the mean has little history). The offline
 *       form uses the whole record's mean.</li>
 *   <li>A wave longer than {@value #MAX_WAVE_SECONDS} s is not a pulse wave and is skipped (NeuroKit2 would
 *       search it); this bounds memory.</li>
 * </ul>
 * As in NeuroKit2, the start of the record counts as a previous peak for the 0.3 s minimum delay.
 *
 * <p>Non-finite samples are replaced by the last finite one before filtering (no beat is found in a
 * gap; the heart rate tracker then reports the heart rate as missing). Fixed memory; nothing is allocated
 * per sample.
 */
public final class ElgendiPeakDetector {

    /** Band-pass edges, Hz (Elgendi 2013; NeuroKit2 ppg_clean "elgendi"). */
    public static final double BAND_LOW_HZ = 0.5;
    public static final double BAND_HIGH_HZ = 8.0;
    /** Band-pass Butterworth order (NeuroKit2 ppg_clean "elgendi"). */
    public static final int BAND_ORDER = 2;
    /** Peak window, s (Elgendi 2013; NeuroKit2 default peakwindow). */
    public static final double PEAK_WINDOW_S = 0.111;
    /** Beat window, s (Elgendi 2013; NeuroKit2 default beatwindow). */
    public static final double BEAT_WINDOW_S = 0.667;
    /** Offset as a fraction of the mean squared signal (Elgendi 2013; NeuroKit2 default beatoffset). */
    public static final double BEAT_OFFSET = 0.02;
    /** Minimum delay between peaks, s (NeuroKit2 default mindelay). */
    public static final double MIN_DELAY_S = 0.3;
    /** Time constant of the live mean squared signal, s (engineering choice). */
    public static final double ENERGY_MEMORY_SECONDS = 60;
    /** Longest wave searched for a peak, s (a pulse wave lasts well under a second). */
    public static final double MAX_WAVE_SECONDS = 3;
    /** Decisions between exact recomputations of the moving sums. */
    private static final int EXACT_EVERY = 1024;

    private final double sampleRate;
    private final SosFilter bandPass;    // null: input is already band-passed
    private final int peakWindow;        // P
    private final int beatWindow;        // B
    private final int delay;             // right extent of the beat window: decisions lag by this
    private final int minLength;
    private final int minDelay;
    private final double energyMemory;   // samples
    private final boolean fixedEnergy;
    private final double fixedMeanSquare;

    private final int capacity;          // ring size for the filtered signal and its square
    private final double[] y;
    private final double[] sq;
    private final double[] segment;
    private final int[] localMax;

    private long n;                      // samples received
    private long evaluated;              // next index whose wave state is decided
    private double sumPeak;              // running sums of the squared signal over both windows
    private double sumBeat;
    private int sinceExact;              // decisions since the sums were last recomputed exactly
    private double meanSquare;
    private boolean prevWave;
    private long waveBegin;              // -1: no wave open
    private long lastPeak;
    private boolean started;
    private double lastFinite;

    private ElgendiPeakDetector(double sampleRate, boolean filter, double fixedMeanSquare) {
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        Sos sos = Butterworth.bandPass(BAND_ORDER, BAND_LOW_HZ, BAND_HIGH_HZ, sampleRate);
        this.bandPass = filter ? new SosFilter(sos, 1) : null;
        this.peakWindow = (int) Math.rint(PEAK_WINDOW_S * sampleRate);
        this.beatWindow = (int) Math.rint(BEAT_WINDOW_S * sampleRate);
        if (peakWindow < 1) {
            throw new IllegalArgumentException("a " + sampleRate + " Hz PPG has no sample in the "
                    + PEAK_WINDOW_S + " s peak window");
        }
        this.delay = beatWindow - 1 - beatWindow / 2;
        this.minLength = peakWindow;
        this.minDelay = (int) Math.rint(MIN_DELAY_S * sampleRate);
        this.energyMemory = ENERGY_MEMORY_SECONDS * sampleRate;
        this.fixedEnergy = !Double.isNaN(fixedMeanSquare);
        this.fixedMeanSquare = fixedMeanSquare;
        int maxWave = (int) Math.ceil(MAX_WAVE_SECONDS * sampleRate);
        this.capacity = maxWave + beatWindow + 4;
        this.y = new double[capacity];
        this.sq = new double[capacity];
        this.segment = new double[maxWave + 2];
        this.localMax = new int[maxWave + 2];
        reset();
    }

    /** Live detector: raw PPG in, band-passed causally. */
    public static ElgendiPeakDetector live(double sampleRate) {
        return new ElgendiPeakDetector(sampleRate, true, Double.NaN);
    }

    /**
     * Detector for a signal that is already band-passed 0.5–8 Hz (for instance zero-phase, as NeuroKit2's
     * {@code ppg_clean}); {@code meanSquare} is the offset's mean squared signal, or NaN for the live
     * running mean.
     */
    public static ElgendiPeakDetector forBandPassed(double sampleRate, double meanSquare) {
        return new ElgendiPeakDetector(sampleRate, false, meanSquare);
    }

    public double sampleRate() {
        return sampleRate;
    }

    /** Samples between a sample's arrival and the decision about it (half a beat window). */
    public int latencySamples() {
        return delay;
    }

    /** Most peaks {@code samples} new samples can produce (for sizing the output array). */
    public int maxPeaks(int samples) {
        return samples / Math.max(1, minDelay) + 2;
    }

    public void reset() {
        n = 0;
        evaluated = 0;
        sumPeak = 0;
        sumBeat = 0;
        sinceExact = 0;
        meanSquare = 0;
        prevWave = false;
        waveBegin = -1;
        lastPeak = 0;
        started = false;
        if (bandPass != null) {
            bandPass.reset();
        }
    }

    /**
     * Feeds {@code count} PPG samples; the sample indices (since {@link #reset()}) of systolic peaks
     * decided during this call are written to {@code peaks[outOff..]}. Returns how many.
     */
    public int process(double[] x, int off, int count, long[] peaks, int outOff) {
        int found = 0;
        for (int k = 0; k < count; k++) {
            found += push(x[off + k], peaks, outOff + found);
        }
        return found;
    }

    /** Float input. */
    public int process(float[] x, int off, int count, long[] peaks, int outOff) {
        int found = 0;
        for (int k = 0; k < count; k++) {
            found += push(x[off + k], peaks, outOff + found);
        }
        return found;
    }

    private int push(double raw, long[] peaks, int at) {
        double v = raw;
        if (!Double.isFinite(v)) {
            v = started ? lastFinite : 0.0;
        } else {
            lastFinite = v;
            if (!started && bandPass != null) {
                bandPass.settle(0, v);
            }
            started = true;
        }
        double f = bandPass != null ? bandPass.filter(0, v) : v;
        long j = n++;
        int slot = (int) (j % capacity);
        y[slot] = f;
        double s = f > 0 ? f * f : 0.0;
        sq[slot] = s;
        if (!fixedEnergy) {
            double w = Math.max(1.0 / n, 1.0 / energyMemory);
            meanSquare += w * (s - meanSquare);
        }
        int found = 0;
        while (evaluated + delay < n) {
            found += decide(evaluated++, n - 1, peaks, at + found);
        }
        return found;
    }

    /**
     * End of record: decides the last half beat window of samples, extending the record with its last
     * sample. Returns the number of peaks written. The detector can then be {@link #reset()}.
     */
    public int flush(long[] peaks, int outOff) {
        int found = 0;
        while (evaluated < n) {
            found += decide(evaluated++, n - 1, peaks, outOff + found);
        }
        return found;
    }

    private double sqAt(long k, long last) {
        long c = k < 0 ? 0 : Math.min(k, last);
        return sq[(int) (c % capacity)];
    }

    private int decide(long i, long last, long[] peaks, int at) {
        // Centred moving sums over [i - P/2, i - P/2 + P) and [i - B/2, i - B/2 + B), edges extended with
        // the first and last samples. Slid by one sample per decision; recomputed exactly now and then so
        // rounding cannot accumulate.
        long startP = i - peakWindow / 2;
        long startB = i - beatWindow / 2;
        if (i == 0 || ++sinceExact >= EXACT_EVERY) {
            sinceExact = 0;
            sumPeak = 0;
            for (int k = 0; k < peakWindow; k++) {
                sumPeak += sqAt(startP + k, last);
            }
            sumBeat = 0;
            for (int k = 0; k < beatWindow; k++) {
                sumBeat += sqAt(startB + k, last);
            }
        } else {
            sumPeak += sqAt(startP + peakWindow - 1, last) - sqAt(startP - 1, last);
            sumBeat += sqAt(startB + beatWindow - 1, last) - sqAt(startB - 1, last);
        }
        double ms = fixedEnergy ? fixedMeanSquare : meanSquare;
        boolean wave = sumPeak / peakWindow > sumBeat / beatWindow + BEAT_OFFSET * ms;
        int found = 0;
        if (i > 0) {
            if (wave && !prevWave) {
                waveBegin = i - 1;
            } else if (!wave && prevWave && waveBegin >= 0) {
                found = searchWave(waveBegin, i - 1, peaks, at);
                waveBegin = -1;
            }
        }
        prevWave = wave;
        return found;
    }

    /** The wave spans [begin, end) as in NeuroKit2 (its last inside sample is excluded). */
    private int searchWave(long begin, long end, long[] peaks, int at) {
        int len = (int) (end - begin);
        if (len < minLength || len > segment.length || n - begin > capacity) {
            return 0;
        }
        for (int k = 0; k < len; k++) {
            segment[k] = y[(int) ((begin + k) % capacity)];
        }
        int best = mostProminentPeak(segment, len, localMax);
        if (best < 0) {
            return 0;
        }
        long peak = begin + best;
        if (peak - lastPeak > minDelay) {
            lastPeak = peak;
            peaks[at] = peak;
            return 1;
        }
        return 0;
    }

    /**
     * Index of the local maximum of {@code x[0..len)} with the largest prominence (first on ties), as scipy's
     * {@code find_peaks(x, prominence=(None, None))} and argmax of the prominences; -1 if none.
     */
    static int mostProminentPeak(double[] x, int len, int[] scratch) {
        int peaks = 0;
        int i = 1;
        while (i < len - 1) {
            if (x[i - 1] < x[i]) {
                int ahead = i + 1;
                while (ahead < len - 1 && x[ahead] == x[i]) {
                    ahead++;
                }
                if (x[ahead] < x[i]) {
                    scratch[peaks++] = (i + ahead - 1) / 2;
                    i = ahead;
                }
            }
            i++;
        }
        int best = -1;
        double bestProm = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < peaks; p++) {
            int k = scratch[p];
            double h = x[k];
            double leftMin = h;
            for (int j = k; j >= 0 && x[j] <= h; j--) {
                leftMin = Math.min(leftMin, x[j]);
            }
            double rightMin = h;
            for (int j = k; j < len && x[j] <= h; j++) {
                rightMin = Math.min(rightMin, x[j]);
            }
            double prom = h - Math.max(leftMin, rightMin);
            if (prom > bestProm) {
                bestProm = prom;
                best = k;
            }
        }
        return best;
    }

    /**
     * Offline, as NeuroKit2: zero-phase band-pass of the whole record, the whole record's mean squared
     * signal, then the same detection. Writes peak sample indices into {@code peaks}; returns how many.
     */
    public static int detectOffline(double[] ppg, int off, int count, double sampleRate, long[] peaks) {
        Sos sos = Butterworth.bandPass(BAND_ORDER, BAND_LOW_HZ, BAND_HIGH_HZ, sampleRate);
        double[] filtered = new double[count];
        new ZeroPhaseFilter(sos, count).apply(ppg, off, count, filtered, 0);
        double sum = 0;
        for (double v : filtered) {
            sum += v > 0 ? v * v : 0.0;
        }
        ElgendiPeakDetector d = forBandPassed(sampleRate, sum / count);
        int found = d.process(filtered, 0, count, peaks, 0);
        return found + d.flush(peaks, found);
    }
}
