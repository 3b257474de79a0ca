package org.frisson.devices;

/**
 * Maps a board's timestamps (BrainFlow's timestamp row, unix seconds) onto the LSL clock: an exponentially
 * weighted least-squares line through (newest board timestamp of a pull, LSL time of that pull).
 *
 * <p>The two clocks tick at slightly different rates (the board's, or the wall clock BrainFlow stamps with,
 * is slewed by NTP; the LSL clock is monotonic): the slope of the line is that drift, in ppm. Pull times
 * carry scheduling jitter and the delay since the newest sample arrived; the fit averages them over
 * {@code timeConstant} seconds, so a sample's stamp is where the line puts it, and one late pull moves
 * nothing. The memory grows from nothing to {@code timeConstant} (half the board time seen so far), and the
 * slope is fitted only once {@link #MIN_POINTS} pulls spanning {@link #MIN_SPAN} seconds are in. A pull
 * further than {@link #OUTLIER_SIGMAS} RMS residuals (and {@code outlierFloor}) from the line is left out;
 * {@link #STEP_RUN} of them in a row on the same side are a step (the wall clock was set): the history
 * moves by their mean and the slope is kept.
 *
 * <p>Computed relative to the first observation and re-centred on the newest one, so unix-second
 * magnitudes cost no precision. Allocation-free; not thread-safe (one publisher thread owns it).
 */
public final class DeviceClockFit {

    public static final double OUTLIER_SIGMAS = 6;
    public static final int STEP_RUN = 16;
    static final int MIN_POINTS = 8;
    static final double MIN_SPAN = 2.0;

    private final double timeConstant;
    private final double outlierFloor;

    private boolean anchored;
    private double board0;
    private double lsl0;

    // weighted sums of u (board seconds since board0, relative to ref) and v (LSL seconds beyond the slope-1 line)
    private double ref;
    private double first;
    private double w;
    private double su;
    private double sv;
    private double suu;
    private double suv;
    private int points;
    private double alpha;
    private double beta;

    private double residualVar;
    private int outlierRun;
    private int outlierSide;
    private double outlierRunSum;
    private long outliers;
    private long steps;

    /**
     * @param timeConstant seconds of board time over which old pulls fade (1/e)
     * @param outlierFloor residuals below this (seconds) are never outliers
     */
    public DeviceClockFit(double timeConstant, double outlierFloor) {
        if (!(timeConstant > 0) || !(outlierFloor >= 0)) {
            throw new IllegalArgumentException("device clock fit: time constant " + timeConstant
                    + " s must be positive and outlier floor " + outlierFloor + " s not negative");
        }
        this.timeConstant = timeConstant;
        this.outlierFloor = outlierFloor;
    }

    /** Adds one pull: at LSL time {@code lsl}, the newest sample pulled had board timestamp {@code board}. Returns false for an outlier. */
    public boolean observe(double board, double lsl) {
        if (!anchored) {
            anchored = true;
            board0 = board;
            lsl0 = lsl;
        }
        double u = board - board0;
        double v = lsl - lsl0 - u;
        double residual = v - (alpha + beta * (u - ref));
        if (points >= MIN_POINTS) {
            double limit = Math.max(outlierFloor, OUTLIER_SIGMAS * Math.sqrt(residualVar));
            if (Math.abs(residual) > limit) {
                int side = residual > 0 ? 1 : -1;
                if (side == outlierSide) {
                    outlierRun++;
                    outlierRunSum += residual;
                } else {
                    outlierSide = side;
                    outlierRun = 1;
                    outlierRunSum = residual;
                }
                outliers++;
                if (outlierRun >= STEP_RUN) {
                    steps++;
                    double step = outlierRunSum / outlierRun;
                    sv += step * w;
                    suv += step * su;
                    outlierRun = 0;
                    outlierSide = 0;
                    outlierRunSum = 0;
                    refit();
                    add(u, v);
                }
                return false;
            }
        }
        outlierRun = 0;
        outlierSide = 0;
        outlierRunSum = 0;
        double lambda = points == 0 ? 1 : decay(u);
        residualVar = points < 2 ? residual * residual : lambda * residualVar + (1 - lambda) * residual * residual;
        add(u, v);
        return true;
    }

    private double decay(double u) {
        double memory = Math.min(timeConstant, Math.max(ref / 2, 1e-3));
        return Math.exp(-Math.max(0, u - ref) / memory);
    }

    private void add(double u, double v) {
        double lambda = points == 0 ? 1 : decay(u);
        w *= lambda;
        su *= lambda;
        sv *= lambda;
        suu *= lambda;
        suv *= lambda;
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
        beta = points >= MIN_POINTS && ref - first >= MIN_SPAN && varU > 0 ? covUv / varU : 0;
        alpha = mv - beta * mu;
    }

    /** The LSL time of board timestamp {@code board}. */
    public double lslTime(double board) {
        if (!anchored) {
            throw new IllegalStateException("device clock fit: no observation yet");
        }
        double u = board - board0;
        return lsl0 + u + alpha + beta * (u - ref);
    }

    /** How fast the board's clock runs against the LSL clock: (board seconds per LSL second - 1) in ppm. */
    public double driftPpm() {
        return (1 / (1 + beta) - 1) * 1e6;
    }

    /** RMS residual of the pulls around the line (seconds). */
    public double jitterRms() {
        return Math.sqrt(residualVar);
    }

    public long outliers() {
        return outliers;
    }

    public long steps() {
        return steps;
    }

    /** Whether the slope is fitted yet (before, the board clock is taken to run at the LSL clock's rate). */
    public boolean settled() {
        return points >= MIN_POINTS && ref - first >= MIN_SPAN;
    }
}
