package org.frisson.dashboards;

/**
 * A device the run opened itself, as the experimenter's device table shows it.
 *
 * @param name            the board as Frisson names it ({@code muse_s}, {@code muse_s-1234})
 * @param state           {@code STREAMING}, {@code RECONNECTING} or {@code STOPPED}
 * @param battery         percent, NaN when the board reports none
 * @param signalQuality   fraction of EEG channels within the plausible amplitude range, NaN without EEG
 * @param badChannels     the EEG channels outside it, comma-separated
 * @param droppedPackages packages missing from the board's counter since the start
 * @param reconnects      times the board was opened again
 * @param lastError       why it last went away ({@code ""} until it does)
 */
public record DeviceRow(String name, String state, double battery, double signalQuality, String badChannels,
                        long droppedPackages, long reconnects, String lastError) {
}
