package org.frisson.lsl;

/** Something that happened to an input stream, as seen from its inlet. Times are on the local LSL clock. */
public sealed interface StreamEvent {

    /** The stream's name. */
    String stream();

    /**
     * Samples are missing between two delivered samples.
     *
     * @param start  stamp of the last sample before the gap
     * @param end    stamp of the first sample after it
     * @param missed samples missed, estimated from the nominal rate
     */
    record Gap(String stream, double start, double end, long missed) implements StreamEvent {
        public double seconds() {
            return end - start;
        }
    }

    /**
     * The source's clock was reset (its outlet restarted, or stamps jumped backwards).
     *
     * @param at   local time the reset was noticed
     * @param jump how far stamps moved backwards, 0 when liblsl reported the reset
     */
    record ClockReset(String stream, double at, double jump) implements StreamEvent {
    }

    /**
     * Nothing arrived for longer than the stream's lost timeout and, for an irregular stream, its source
     * is no longer on the network.
     */
    record Lost(String stream, double lastStamp, double silentSeconds) implements StreamEvent {
    }

    /** Samples arrive again after {@link Lost}. */
    record Recovered(String stream, double at, double downSeconds) implements StreamEvent {
    }
}
