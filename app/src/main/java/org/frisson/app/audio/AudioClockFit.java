package org.frisson.app.audio;

/**
 * Maps an audio device's frame count onto the LSL clock: an exponentially weighted least-squares line
 * through (frames delivered so far, LSL time of the callback that delivered them).
 *
 * <p>A device counts frames on its own crystal; the LSL clock runs on the machine's. Their ratio (the
 * drift, in ppm of the nominal rate) and offset are what the line estimates. Callback times carry
 * scheduling jitter; the fit averages it out over {@code timeConstant} seconds of audio, so the slope
 * follows slow drift (temperature) while one late callback moves a stamp by a negligible amount. The
 * memory grows from nothing to {@code timeConstant} (half the audio seen so far, until it reaches it):
 * the irregular first callbacks of a starting device weigh (t0/t)^2 after t seconds, not e^(-t/T).
 * Observations further than {@link #OUTLIER_SIGMAS} standard deviations (and at least
 * {@code outlierFloor} seconds) from the line are left out; a run of {@link #STEP_RUN} of them in a row
 * on the same side is a step of the audio clock (frames lost in an overrun, a device restart): the whole
 * history is moved by the run's mean residual, so the offset jumps and the slope (the drift) is kept.
 *
 * <p>Everything is computed relative to the first observation and to the nominal rate, and the sums are
 * re-centred on the newest frame at every step, so precision does not degrade over days of audio.
 * Allocation-free; not thread-safe (one publisher thread owns it).
 */
public final class AudioClockFit {

    /** Residuals beyond this many RMS residuals are outliers. */
    public static final double OUTLIER_SIGMAS = 6;
    /** This many outliers in a row (same side) are a clock step, not jitter. */
    public static final int STEP_RUN = 16;
    /** Observations needed before the slope is trusted; before that the nominal rate is used. */
    static final int MIN_POINTS = 8;

    private final double nominalRate;
    private final double timeConstant;
    private final double outlierFloor;

    // origin: first observation (frames, LSL seconds)
    private boolean anchored;
    private long frame0;
    private double time0;

    // exponentially weighted sums of u (frames relative to ref) and v (seconds beyond the nominal line)
    private long ref;
    private double w;
    private double su;
    private double sv;
    private double suu;
    private double suv;
    private int points;

    // fitted line at ref: v = alpha + beta * (u - ref)
    private double alpha;
    private double beta;

    private double residualVar;
    private double lastResidual;
    private double windowSumSq;
    private long windowCount;
    private double windowMax;
    private int outlierRun;
    private int outlierSide;
    private double outlierRunSum;
    private long outliers;
    private long steps;
    private double lastStepSeconds;

    /**
     * @param nominalRate  the device's nominal frame rate (Hz)
     * @param timeConstant seconds of audio over which old observations fade (1/e)
     * @param outlierFloor residuals below this (seconds) are never outliers, however quiet the clock
     */
    public AudioClockFit(double nominalRate, double timeConstant, double outlierFloor) {
        if (!(nominalRate > 0) || !(timeConstant > 0) || !(outlierFloor >= 0)) {
            throw new IllegalArgumentException("audio clock fit: rate " + nominalRate + ", time constant "
                    + timeConstant + " and outlier floor " + outlierFloor + " must be positive");
        }
        this.nominalRate = nominalRate;
        this.timeConstant = timeConstant;
        this.outlierFloor = outlierFloor;
    }

    /**
     * Adds one observation: at LSL time {@code time}, the device had delivered {@code frames} frames
     * (the end of the block the callback carried).
     *
     * @return whether it was used (false for an outlier)
     */
    public boolean observe(long frames, double time) {
        if (!anchored) {
            anchored = true;
            frame0 = frames;
            time0 = time;
            ref = 0;
        }
        long u = frames - frame0;
        double v = time - time0 - u / nominalRate;
        double predicted = alpha + beta * (u - ref);
        double residual = v - predicted;
        lastResidual = residual;
        if (points >= MIN_POINTS) {
            windowSumSq += residual * residual;
            windowCount++;
            windowMax = Math.max(windowMax, Math.abs(residual));
        }
        if (points >= MIN_POINTS) {
            double limit = Math.max(outlierFloor, OUTLIER_SIGMAS * Math.sqrt(residualVar));
            if (Math.abs(residual) > limit) {
                int side = residual > 0 ? 1 : -1;
                if (side == outlierSide) {
                    outlierRun++;
                    outlierRunSum += residual;
                } else {
                    outlierRun = 1;
                    outlierRunSum = residual;
                }
                outlierSide = side;
                outliers++;
                if (outlierRun >= STEP_RUN) {
                    shiftHistory(outlierRunSum / outlierRun);
                    addPoint(u, v);
                }
                return false;
            }
        }
        outlierRun = 0;
        outlierSide = 0;
        outlierRunSum = 0;
        double lambda = points == 0 ? 1 : decay(u - ref);
        residualVar = points < 2 ? residual * residual : lambda * residualVar + (1 - lambda) * residual * residual;
        addPoint(u, v);
        return true;
    }

    private double decay(long framesSinceLast) {
        double age = ref / nominalRate;
        double memory = Math.min(timeConstant, Math.max(age / 2, 1e-3));
        return Math.exp(-Math.max(0, framesSinceLast) / nominalRate / memory);
    }

    private void addPoint(long u, double v) {
        double lambda = points == 0 ? 1 : decay(u - ref);
        w *= lambda;
        su *= lambda;
        sv *= lambda;
        suu *= lambda;
        suv *= lambda;
        // re-centre on u: sums of (x - d) from sums of x
        double d = u - ref;
        suu = suu - 2 * d * su + d * d * w;
        suv = suv - d * sv;
        su = su - d * w;
        ref = u;
        w += 1;
        sv += v;
        points++;
        refit();
    }

    private void refit() {
        double mu = su / w;
        double mv = sv / w;
        double varU = suu / w - mu * mu;
        double covUv = suv / w - mu * mv;
        if (points >= MIN_POINTS && varU > 0) {
            beta = covUv / varU;
        } else {
            beta = 0;
        }
        alpha = mv - beta * mu;
    }

    /** A step of {@code step} seconds: every past observation moves with it, the slope stays. */
    private void shiftHistory(double step) {
        steps++;
        lastStepSeconds = step;
        sv += step * w;
        suv += step * su;
        outlierRun = 0;
        outlierSide = 0;
        outlierRunSum = 0;
        refit();
    }

    /** Fitted LSL time of frame {@code frame} (frames counted as in {@link #observe}). */
    public double timeOf(long frame) {
        if (!anchored) {
            throw new IllegalStateException("audio clock fit: no observation yet");
        }
        long u = frame - frame0;
        return time0 + u / nominalRate + alpha + beta * (u - ref);
    }

    /** Fitted seconds per frame. */
    public double period() {
        return 1 / nominalRate + beta;
    }

    /** The device's frame rate on the LSL clock (Hz). */
    public double effectiveRate() {
        return 1 / period();
    }

    /** Drift of the audio clock against the LSL clock: (effective rate / nominal rate - 1) in ppm. */
    public double driftPpm() {
        return (effectiveRate() / nominalRate - 1) * 1e6;
    }

    /** RMS residual of the callback times around the line (seconds): the offset jitter. */
    public double jitterRms() {
        return Math.sqrt(residualVar);
    }

    /** RMS of the residuals (outliers included) since the last {@link #resetWindow()} (seconds); NaN if none. */
    public double windowRms() {
        return windowCount == 0 ? Double.NaN : Math.sqrt(windowSumSq / windowCount);
    }

    /** Largest |residual| since the last {@link #resetWindow()} (seconds). */
    public double windowMax() {
        return windowMax;
    }

    /** Starts a new window for {@link #windowRms()} and {@link #windowMax()}. */
    public void resetWindow() {
        windowSumSq = 0;
        windowCount = 0;
        windowMax = 0;
    }

    /** The newest observation's distance from the line before it was added (seconds). */
    public double lastResidual() {
        return lastResidual;
    }

    /** Observations left out as outliers so far. */
    public long outliers() {
        return outliers;
    }

    /** Clock steps detected so far. */
    public long steps() {
        return steps;
    }

    /** Size of the newest step (seconds; positive: the callbacks came later than the frames said). */
    public double lastStepSeconds() {
        return lastStepSeconds;
    }

    /** Whether the slope is fitted (enough observations since the start). */
    public boolean settled() {
        return points >= MIN_POINTS;
    }

    public double nominalRate() {
        return nominalRate;
    }
}
