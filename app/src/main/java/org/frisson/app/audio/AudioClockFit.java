package org.frisson.app.audio;

import org.frisson.lsl.LslClockFit;

/**
 * Maps an audio device's frame count onto the LSL clock: an {@link LslClockFit} through (frames delivered
 * so far, LSL time of the callback that delivered them), whose ticks are frames at the nominal rate.
 *
 * <p>A device counts frames on its own crystal; the LSL clock runs on the machine's. Their ratio (the
 * drift, in ppm of the nominal rate) and offset are what the line estimates; callback scheduling jitter is
 * averaged out over {@code timeConstant} seconds of audio, and a run of outliers on the same side is a
 * step of the audio clock (frames lost in an overrun, a device restart): the offset jumps, the drift is
 * kept. See {@link LslClockFit} for the formula. Allocation-free; not thread-safe (one publisher thread
 * owns it).
 */
public final class AudioClockFit {

    /** Residuals beyond this many RMS residuals are outliers. */
    public static final double OUTLIER_SIGMAS = LslClockFit.OUTLIER_SIGMAS;
    /** This many outliers in a row (same side) are a clock step, not jitter. */
    public static final int STEP_RUN = LslClockFit.STEP_RUN;

    private final LslClockFit fit;

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
        this.fit = new LslClockFit(nominalRate, timeConstant, outlierFloor, 0);
    }

    /**
     * Adds one observation: at LSL time {@code time}, the device had delivered {@code frames} frames
     * (the end of the block the callback carried).
     *
     * @return whether it was used (false for an outlier)
     */
    public boolean observe(long frames, double time) {
        return fit.observe(frames, time);
    }

    /** Fitted LSL time of frame {@code frame} (frames counted as in {@link #observe}). */
    public double timeOf(long frame) {
        return fit.timeOf(frame);
    }

    /** Fitted seconds per frame. */
    public double period() {
        return fit.period();
    }

    /** The device's frame rate on the LSL clock (Hz). */
    public double effectiveRate() {
        return fit.effectiveRate();
    }

    /** Drift of the audio clock against the LSL clock: (effective rate / nominal rate - 1) in ppm. */
    public double driftPpm() {
        return fit.driftPpm();
    }

    /** RMS residual of the callback times around the line (seconds): the offset jitter. */
    public double jitterRms() {
        return fit.jitterRms();
    }

    /** RMS of the residuals (outliers included) since the last {@link #resetWindow()} (seconds); NaN if none. */
    public double windowRms() {
        return fit.windowRms();
    }

    /** Largest |residual| since the last {@link #resetWindow()} (seconds). */
    public double windowMax() {
        return fit.windowMax();
    }

    /** Starts a new window for {@link #windowRms()} and {@link #windowMax()}. */
    public void resetWindow() {
        fit.resetWindow();
    }

    /** The newest observation's distance from the line before it was added (seconds). */
    public double lastResidual() {
        return fit.lastResidual();
    }

    /** Observations left out as outliers so far. */
    public long outliers() {
        return fit.outliers();
    }

    /** Clock steps detected so far. */
    public long steps() {
        return fit.steps();
    }

    /** Size of the newest step (seconds; positive: the callbacks came later than the frames said). */
    public double lastStepSeconds() {
        return fit.lastStepSeconds();
    }

    /** Whether the slope is fitted (enough observations since the start). */
    public boolean settled() {
        return fit.settled();
    }

    public double nominalRate() {
        return fit.nominalRate();
    }
}
