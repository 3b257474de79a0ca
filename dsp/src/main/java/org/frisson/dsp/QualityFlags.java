package org.frisson.dsp;

/** Bit flags that features attach to a value; 0 means nothing to report. */
public final class QualityFlags {

    /** A NaN or infinity was inside the value's window; the value is NaN. */
    public static final int NON_FINITE_INPUT = 1;
    /** The signal did not change over the flat-line window (sensor off or disconnected). */
    public static final int FLAT_LINE = 1 << 1;
    /** The signal was at or outside the plausible range (saturated sensor or rail). */
    public static final int OUT_OF_RANGE = 1 << 2;
    /** The signal changed faster than physiology allows (motion or contact artefact). */
    public static final int TOO_STEEP = 1 << 3;
    /** No heart beat for longer than allowed; heart rate is missing (NaN). */
    public static final int NO_RECENT_BEAT = 1 << 4;
    /** Too few beats in the window to compute the value; the value is NaN. */
    public static final int TOO_FEW_BEATS = 1 << 5;

    private QualityFlags() {
    }

    /** Human-readable names of the set bits, e.g. {@code "NON_FINITE_INPUT|FLAT_LINE"}. */
    public static String describe(int flags) {
        if (flags == 0) {
            return "OK";
        }
        StringBuilder b = new StringBuilder();
        String[] names = {"NON_FINITE_INPUT", "FLAT_LINE", "OUT_OF_RANGE", "TOO_STEEP", "NO_RECENT_BEAT",
                "TOO_FEW_BEATS"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (b.length() > 0) {
                    b.append('|');
                }
                b.append(names[i]);
            }
        }
        return b.toString();
    }
}
