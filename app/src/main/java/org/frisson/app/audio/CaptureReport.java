package org.frisson.app.audio;

import java.util.Locale;

/**
 * Where the capture stands: frames, losses, the audio clock against the LSL clock and latencies.
 *
 * @param seconds         audio seconds delivered so far (device frames / nominal rate)
 * @param frames          frames the device delivered
 * @param droppedFrames   frames dropped because the publisher fell behind
 * @param skippedFrames   frames the device skipped (JACK xruns) as its callback times confirm: a gap in the stream
 * @param rejectedClaims  skips the device claimed that its callback times did not bear out
 * @param callbacks       device callbacks so far
 * @param callbackBytes   bytes allocated inside the callback after its warm-up (-1: not measurable)
 * @param driftPpm        fitted drift of the audio clock against the LSL clock (ppm of the nominal rate)
 * @param effectiveRate   the device's frame rate on the LSL clock (Hz)
 * @param jitterMs        RMS distance of callback times from the fitted line since the previous report (ms)
 * @param jitterMaxMs     largest such distance since the previous report (ms)
 * @param outliers        callbacks left out of the fit (late beyond the outlier limit)
 * @param steps           clock steps detected (frames lost, device restarted)
 * @param latencyP50Ms    median of callback time minus the stamp of the block's first frame (ms)
 * @param latencyP99Ms    99th percentile of the same (ms)
 * @param pushP50Ms       median of LSL push completion minus callback time (ms)
 * @param pushP99Ms       99th percentile of the same (ms)
 */
public record CaptureReport(double seconds, long frames, long droppedFrames, long skippedFrames, long rejectedClaims, long callbacks,
                            long callbackBytes, double driftPpm, double effectiveRate,
                            double jitterMs, double jitterMaxMs, long outliers, long steps, double latencyP50Ms, double latencyP99Ms,
                            double pushP50Ms, double pushP99Ms) {

    /** One log line. */
    public String line() {
        return String.format(Locale.ROOT, "clock: drift %+.2f ppm (%.3f Hz), offset jitter %.3f ms rms (max %.3f ms), %d outliers, "
                        + "%d steps; latency callback->stamp p50 %.2f ms p99 %.2f ms, callback->pushed p50 %.2f ms p99 %.2f ms; "
                        + "%.1f s, %d frames, %d dropped, %d skipped by the device; %d callbacks, %d bytes allocated in them; %d skip claims rejected",
                driftPpm, effectiveRate, jitterMs, jitterMaxMs, outliers, steps, latencyP50Ms, latencyP99Ms, pushP50Ms, pushP99Ms,
                seconds, frames, droppedFrames, skippedFrames, callbacks, callbackBytes, rejectedClaims);
    }
}
