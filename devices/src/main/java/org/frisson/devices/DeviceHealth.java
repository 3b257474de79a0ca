package org.frisson.devices;

import java.util.List;

/**
 * A published board's health as the experimenter needs it: whether it is streaming, its battery, which EEG
 * channels look like EEG ({@link SignalQuality}), packages dropped, and reconnections. Written by the
 * publishing thread, read by anyone (volatile fields, one writer).
 */
public final class DeviceHealth {

    /** Where the board is. */
    public enum State {
        /** Data is coming. */
        STREAMING,
        /** Silent or failed; being opened again. */
        RECONNECTING,
        /** Closed, or stopped by an error with reconnection off. */
        STOPPED
    }

    private final String name;
    private final List<String> eegLabels;
    private volatile State state = State.STREAMING;
    private volatile double battery = Double.NaN;
    private volatile double signalQuality = Double.NaN;
    private volatile String badChannels = "";
    private volatile long droppedPackages;
    private volatile long reconnects;
    private volatile String lastError = "";
    /** The channels' goodness when {@link #badChannels} was last written (publishing thread only). */
    private final boolean[] shown;

    DeviceHealth(String name, List<String> eegLabels) {
        this.name = name;
        this.eegLabels = List.copyOf(eegLabels);
        this.shown = new boolean[eegLabels.size()];
        java.util.Arrays.fill(shown, true);
    }

    /** The board as Frisson names it: the board's name, with its serial number when one was given. */
    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** Whether data is coming. */
    public boolean connected() {
        return state == State.STREAMING;
    }

    /** The board's battery in percent, NaN if it reports none. */
    public double battery() {
        return battery;
    }

    /** Fraction of EEG channels within the plausible amplitude range in the last second; NaN without EEG. */
    public double signalQuality() {
        return signalQuality;
    }

    /** The EEG channels outside that range in the last second, comma-separated ({@code ""} if none). */
    public String badChannels() {
        return badChannels;
    }

    /** Packages missing from the board's package counter since the start. */
    public long droppedPackages() {
        return droppedPackages;
    }

    /** Times the board was opened again after going silent or failing. */
    public long reconnects() {
        return reconnects;
    }

    /** Why the board last went away ({@code ""} until it does). */
    public String lastError() {
        return lastError;
    }

    void battery(double percent) {
        battery = percent;
    }

    void droppedPackages(long count) {
        droppedPackages = count;
    }

    /** After a completed quality block: the fraction, and the names of the bad channels when they change. */
    void quality(SignalQuality q) {
        signalQuality = q.fraction();
        boolean changed = false;
        for (int c = 0; c < shown.length; c++) {
            changed |= shown[c] != q.good(c);
            shown[c] = q.good(c);
        }
        if (changed) {
            StringBuilder bad = new StringBuilder();
            for (int c = 0; c < shown.length; c++) {
                if (!shown[c]) {
                    bad.append(bad.length() == 0 ? "" : ", ").append(eegLabels.get(c));
                }
            }
            badChannels = bad.toString();
        }
    }

    void reconnecting(String why) {
        lastError = why;
        state = State.RECONNECTING;
        signalQuality = Double.NaN;
    }

    void reconnected() {
        reconnects++;
        state = State.STREAMING;
    }

    void stopped(String why) {
        if (!why.isEmpty()) {
            lastError = why;
        }
        state = State.STOPPED;
    }
}
