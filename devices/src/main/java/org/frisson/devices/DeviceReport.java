package org.frisson.devices;

import java.util.Locale;

/**
 * A publisher's numbers so far: board seconds and samples published, packages dropped (gaps in the package
 * counter), the board clock's drift against the LSL clock and the pulls' jitter around the fit, markers seen,
 * the battery (percent, NaN if the board has none), the EEG signal quality (fraction of channels within the
 * plausible range, NaN without EEG), times the board was opened again; in the last report of a board that
 * stopped by an error, that error ({@code ""} otherwise).
 */
public record DeviceReport(String board, double seconds, long samples, long droppedPackages, long gaps,
                           double driftPpm, double jitterMs, long outliers, long pulls, long markers,
                           double battery, double signalQuality, long reconnects, boolean final_, String failure) {

    /** One line, as {@code frisson device} prints it. */
    public String line() {
        return String.format(Locale.ROOT,
                "%s %s: %.1f s, %d samples, %d packages dropped (%d gaps), drift %+.1f ppm, jitter %.2f ms, "
                        + "%d markers, %d pulls", final_ ? "done" : "device", board, seconds, samples,
                droppedPackages, gaps, driftPpm, jitterMs, markers, pulls)
                + (Double.isNaN(battery) ? "" : String.format(Locale.ROOT, ", battery %.0f %%", battery))
                + (Double.isNaN(signalQuality) ? "" : String.format(Locale.ROOT, ", EEG signal quality %.0f %%",
                100 * signalQuality))
                + (reconnects == 0 ? "" : ", reconnected " + reconnects + (reconnects == 1 ? " time" : " times"))
                + (failure.isEmpty() ? "" : "; stopped by an error, its streams end: " + failure);
    }
}
