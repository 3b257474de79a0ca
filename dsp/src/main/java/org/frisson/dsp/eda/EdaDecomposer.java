package org.frisson.dsp.eda;

import org.frisson.dsp.filter.Butterworth;
import org.frisson.dsp.filter.Sos;
import org.frisson.dsp.filter.SosFilter;
import org.frisson.dsp.filter.ZeroPhaseFilter;

/**
 * Skin conductance cleaning and tonic/phasic decomposition by the high-pass method, as NeuroKit2 does it
 * by default: {@code eda_clean} (4th-order Butterworth low-pass at 3 Hz, skipped at 6 Hz sampling or
 * below) followed by {@code eda_phasic(method="highpass")} (phasic = 2nd-order Butterworth high-pass at
 * 0.05 Hz of the cleaned signal, tonic = 2nd-order Butterworth low-pass at 0.05 Hz of it). Filters are
 * designed for the sampling rate given at construction.
 *
 * <p>Two forms of the same filters:
 * <ul>
 *   <li>{@link #process live}: causal, sample by sample ({@code sosfilt}), started in steady state on the
 *       first finite sample. Every output depends only on the past, at the price of phase distortion: the
 *       tonic lags the signal by seconds (the 0.05 Hz low-pass's group delay is about 4.5 s near DC), and
 *       the phasic response to an SCR peaks somewhat later than the SCR itself (the 3 Hz cleaning) and
 *       undershoots after it (the high-pass's phase lead).</li>
 *   <li>{@link #decomposeZeroPhase offline}: forward-backward ({@code sosfiltfilt}, NeuroKit2's own
 *       computation). No phase shift, magnitude response squared (-6 dB at the cutoffs); each output
 *       depends on the future too, so an SCR's phasic rise starts slightly before the SCR does.</li>
 * </ul>
 * Measured against NeuroKit2 (EdaReferenceTest): the zero-phase form equals it to 1e-11 µS; the live phasic
 * correlates with NeuroKit2's at r = 0.69-0.86 depending on the signal, and every NeuroKit2 SCR is found in
 * it by the live {@link ScrDetector}, its peak within 0.2 s (0.6 s on the realistic traces) of NeuroKit2's.
 *
 * <p>Note that NeuroKit2's tonic and phasic do not sum to the cleaned signal (Butterworth low- and high-pass
 * at the same cutoff are not complementary); Frisson keeps its definition.
 *
 * <p>Live mode and non-finite samples: a NaN or infinity gives NaN outputs for that sample, and the filters
 * are fed the last finite value instead, so the gap does not poison their state.
 */
public final class EdaDecomposer {

    /** eda_clean's low-pass cutoff (NeuroKit2 default). */
    public static final double CLEAN_CUTOFF_HZ = 3.0;
    /** eda_clean's low-pass order (NeuroKit2 default). */
    public static final int CLEAN_ORDER = 4;
    /** At or below this sampling rate NeuroKit2's eda_clean skips the low-pass (NeuroKit2 default). */
    public static final double CLEAN_MIN_SAMPLE_RATE_HZ = 6.0;
    /** Tonic/phasic split: 0.05 Hz (NeuroKit2 eda_phasic "highpass", after Biopac AcqKnowledge). */
    public static final double PHASIC_CUTOFF_HZ = 0.05;
    /** Order of the tonic/phasic filters (NeuroKit2 signal_filter default order). */
    public static final int PHASIC_ORDER = 2;

    private final double sampleRate;
    private final boolean cleaning;
    private final SosFilter cleanLive, tonicLive, phasicLive;
    private final ZeroPhaseFilter cleanOffline, tonicOffline, phasicOffline;
    private final double[] cleaned;
    private boolean started;
    private double lastFinite;

    /** Live form only. */
    public EdaDecomposer(double sampleRate) {
        this(sampleRate, 0);
    }

    /**
     * @param offlineCapacity longest record (in samples) that {@link #decomposeZeroPhase} will take;
     *                        0 for the live form only
     */
    public EdaDecomposer(double sampleRate, int offlineCapacity) {
        this.sampleRate = sampleRate;
        this.cleaning = sampleRate > CLEAN_MIN_SAMPLE_RATE_HZ;
        Sos clean = cleaning ? Butterworth.lowPass(CLEAN_ORDER, CLEAN_CUTOFF_HZ, sampleRate) : null;
        Sos tonic = Butterworth.lowPass(PHASIC_ORDER, PHASIC_CUTOFF_HZ, sampleRate);
        Sos phasic = Butterworth.highPass(PHASIC_ORDER, PHASIC_CUTOFF_HZ, sampleRate);
        this.cleanLive = cleaning ? new SosFilter(clean, 1) : null;
        this.tonicLive = new SosFilter(tonic, 1);
        this.phasicLive = new SosFilter(phasic, 1);
        if (offlineCapacity > 0) {
            this.cleanOffline = cleaning ? new ZeroPhaseFilter(clean, offlineCapacity) : null;
            this.tonicOffline = new ZeroPhaseFilter(tonic, offlineCapacity);
            this.phasicOffline = new ZeroPhaseFilter(phasic, offlineCapacity);
            this.cleaned = new double[offlineCapacity];
        } else {
            this.cleanOffline = null;
            this.tonicOffline = null;
            this.phasicOffline = null;
            this.cleaned = null;
        }
    }

    public double sampleRate() {
        return sampleRate;
    }

    /** Whether the 3 Hz cleaning low-pass is applied (the sampling rate is above 6 Hz). */
    public boolean cleaning() {
        return cleaning;
    }

    /** Forgets the live filters' state; the next finite sample starts them again in steady state. */
    public void reset() {
        started = false;
        if (cleanLive != null) {
            cleanLive.reset();
        }
        tonicLive.reset();
        phasicLive.reset();
    }

    /**
     * Live form: {@code n} skin conductance samples (µS) in, tonic and phasic (µS) out, causally.
     * Output arrays may not alias the input.
     */
    public void process(double[] in, int off, int n, double[] tonic, double[] phasic, int outOff) {
        for (int i = 0; i < n; i++) {
            processOne(in[off + i], tonic, phasic, outOff + i);
        }
    }

    /** Live form for float input. */
    public void process(float[] in, int off, int n, double[] tonic, double[] phasic, int outOff) {
        for (int i = 0; i < n; i++) {
            processOne(in[off + i], tonic, phasic, outOff + i);
        }
    }

    private void processOne(double x, double[] tonic, double[] phasic, int at) {
        boolean finite = Double.isFinite(x);
        if (!finite) {
            if (!started) {
                tonic[at] = Double.NaN;
                phasic[at] = Double.NaN;
                return;
            }
            x = lastFinite;
        } else {
            lastFinite = x;
            if (!started) {
                start(x);
            }
        }
        double c = cleaning ? cleanLive.filter(0, x) : x;
        double t = tonicLive.filter(0, c);
        double p = phasicLive.filter(0, c);
        tonic[at] = finite ? t : Double.NaN;
        phasic[at] = finite ? p : Double.NaN;
    }

    private void start(double x0) {
        started = true;
        if (cleanLive != null) {
            cleanLive.settle(0, x0);
        }
        tonicLive.settle(0, x0);
        phasicLive.settle(0, x0);
    }

    /**
     * Offline form: NeuroKit2's zero-phase computation over a whole record of finite samples. Needs the
     * constructor's {@code offlineCapacity}; output arrays may alias the input.
     */
    public void decomposeZeroPhase(double[] in, int off, int n, double[] tonic, double[] phasic, int outOff) {
        if (cleaned == null) {
            throw new IllegalStateException("this EdaDecomposer was built for the live form only (offline capacity 0)");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(in[off + i])) {
                throw new IllegalArgumentException("zero-phase decomposition needs finite samples; sample " + i
                        + " is " + in[off + i]);
            }
        }
        if (cleaning) {
            cleanOffline.apply(in, off, n, cleaned, 0);
        } else {
            System.arraycopy(in, off, cleaned, 0, n);
        }
        tonicOffline.apply(cleaned, 0, n, tonic, outOff);
        phasicOffline.apply(cleaned, 0, n, phasic, outOff);
    }
}
