package org.frisson.lsl;

/**
 * Maps a foreign clock (an audio device's frame count, a board's timestamps) onto the LSL clock: an
 * exponentially forgetting weighted least-squares line through the observations (x, t), where x is the
 * foreign clock's reading, in ticks, and t the LSL time at which that reading was observed.
 *
 * <p>With r the nominal rate (ticks per second), the first observation (x0, t0) as origin,
 * u = x - x0 and v = t - t0 - u / r (seconds beyond the nominal line), the fit keeps
 * <pre>
 *   t(x) = t0 + u / r + alpha + beta * (u - u_n)
 * </pre>
 * where u_n is the newest observation used and (alpha, beta) minimise sum_i w_i (v_i - alpha - beta (u_i - u_n))^2.
 * Every weight decays by lambda = exp(-(u_n - u_{n-1}) / r / m) when observation n comes in, with the
 * memory m = min(T, max(u_{n-1} / r / 2, 1 ms)): the memory grows from nothing to the time constant T
 * (half the foreign time seen so far, until it reaches T), so the irregular first observations of a
 * starting clock weigh (s1/s)^2 after s seconds, not e^(-s/T). Observation times carry
 * scheduling jitter; the fit averages it over T seconds, so the slope follows slow drift (temperature,
 * NTP slewing) while one late observation moves the line by a negligible amount.
 *
 * <p>The slope is fitted only once {@link #MIN_POINTS} observations spanning {@code minSpan} seconds of
 * foreign time are in (before, the foreign clock is taken to run at its nominal rate): the fitted period
 * is 1 / r + beta seconds per tick and the drift (r_eff / r - 1) 10^6 ppm with r_eff = 1 / period. The
 * jitter is the RMS residual, its square smoothed with the same lambda. An observation further than
 * {@link #OUTLIER_SIGMAS} RMS residuals (and at least {@code outlierFloor} seconds) from the line is left
 * out; {@link #STEP_RUN} of them in a row on the same side are a step of the foreign clock (frames lost, a
 * device restart, a wall clock set): the whole history moves by the run's mean residual, so the offset
 * jumps and the slope (the drift) is kept.
 *
 * <p>Everything is computed relative to the first observation and to the nominal rate, and the sums are
 * re-centred on the newest observation at every step, so neither days of data nor unix-second magnitudes
 * cost precision. Allocation-free; not thread-safe (one thread owns it).
 */
public final class LslClockFit {

    /** Residuals beyond this many RMS residuals are outliers. */
    public static final double OUTLIER_SIGMAS = 6;
    /** This many outliers in a row (same side) are a clock step, not jitter. */
    public static final int STEP_RUN = 16;
    /** Observations needed before the slope is trusted; before that the nominal rate is used. */
    public static final int MIN_POINTS = 8;

    private final double nominalRate;
    private final double timeConstant;
    private final double outlierFloor;
    private final double minSpanTicks;

    // origin: first observation (foreign ticks, LSL seconds)
    private boolean anchored;
    private double x0;
    private double t0;

    // exponentially weighted sums of u (ticks relative to ref) and v (seconds beyond the nominal line)
    private double ref;
    private double first;
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
     * @param nominalRate  r: the foreign clock's nominal ticks per LSL second (a sample rate; 1 for a clock in seconds)
     * @param timeConstant T: seconds of foreign time over which old observations fade (1/e)
     * @param outlierFloor residuals below this (seconds) are never outliers, however quiet the clock
     * @param minSpan      seconds of foreign time the observations must span before the slope is fitted (0: no minimum)
     */
    public LslClockFit(double nominalRate, double timeConstant, double outlierFloor, double minSpan) {
        if (!(nominalRate > 0) || !(timeConstant > 0) || !(outlierFloor >= 0) || !(minSpan >= 0)) {
            throw new IllegalArgumentException("clock fit: rate " + nominalRate + " and time constant " + timeConstant
                    + " s must be positive, outlier floor " + outlierFloor + " s and minimum span " + minSpan
                    + " s not negative");
        }
        this.nominalRate = nominalRate;
        this.timeConstant = timeConstant;
        this.outlierFloor = outlierFloor;
        this.minSpanTicks = minSpan * nominalRate;
    }

    /**
     * Adds one observation: at LSL time {@code time}, the foreign clock read {@code ticks}.
     *
     * @return whether it was used (false for an outlier)
     */
    public boolean observe(double ticks, double time) {
        if (!anchored) {
            anchored = true;
            x0 = ticks;
            t0 = time;
            ref = 0;
        }
        double u = ticks - x0;
        double v = time - t0 - u / nominalRate;
        double residual = v - (alpha + beta * (u - ref));
        lastResidual = residual;
        if (points >= MIN_POINTS) {
            windowSumSq += residual * residual;
            windowCount++;
            windowMax = Math.max(windowMax, Math.abs(residual));
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

    private double decay(double ticksSinceLast) {
        double age = ref / nominalRate;
        double memory = Math.min(timeConstant, Math.max(age / 2, 1e-3));
        return Math.exp(-Math.max(0, ticksSinceLast) / nominalRate / memory);
    }

    private void addPoint(double u, double v) {
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
        if (points == 0) {
            first = u;
        }
        points++;
        refit();
    }

    private void refit() {
        double mu = su / w;
        double mv = sv / w;
        double varU = suu / w - mu * mu;
        double covUv = suv / w - mu * mv;
        beta = settled() && varU > 0 ? covUv / varU : 0;
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

    /** Fitted LSL time of the foreign clock reading {@code ticks}. */
    public double timeOf(double ticks) {
        if (!anchored) {
            throw new IllegalStateException("clock fit: no observation yet");
        }
        double u = ticks - x0;
        return t0 + u / nominalRate + alpha + beta * (u - ref);
    }

    /** Fitted LSL seconds per tick. */
    public double period() {
        return 1 / nominalRate + beta;
    }

    /** The foreign clock's ticks per LSL second. */
    public double effectiveRate() {
        return 1 / period();
    }

    /** Drift of the foreign clock against the LSL clock: (effective rate / nominal rate - 1) in ppm. */
    public double driftPpm() {
        return (effectiveRate() / nominalRate - 1) * 1e6;
    }

    /** RMS residual of the observation times around the line (seconds): the offset jitter. */
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

    /** Size of the newest step (seconds; positive: the observations came later than the foreign clock said). */
    public double lastStepSeconds() {
        return lastStepSeconds;
    }

    /** Whether the slope is fitted (enough observations, over enough foreign time, since the start). */
    public boolean settled() {
        return points >= MIN_POINTS && (minSpanTicks == 0 || ref - first >= minSpanTicks);
    }

    /** r: the foreign clock's nominal ticks per second. */
    public double nominalRate() {
        return nominalRate;
    }
}
