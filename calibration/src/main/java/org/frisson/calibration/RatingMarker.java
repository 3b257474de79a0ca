package org.frisson.calibration;

import java.util.Locale;

/**
 * One per-track rating as a string marker: {@code rating valence=<v> arousal=<a> track=<title>}, valence and
 * arousal on the 1-9 self-assessment scales (seed 001, DEAP), the title last so it may hold spaces. The same
 * text whoever rates: the terminal, the dashboard's form or a participant's own rating device on LSL.
 */
public record RatingMarker(String track, double valence, double arousal) {

    /** The self-assessment manikin scales' ends (seed 001: DEAP rates on 1-9). */
    public static final double MIN = 1;
    public static final double MAX = 9;
    /** The marker stream's LSL type. */
    public static final String STREAM_TYPE = "Ratings";

    private static final String PREFIX = "rating ";

    public RatingMarker {
        if (track == null || track.isBlank()) {
            throw new IllegalArgumentException("rating: track is empty");
        }
        check("valence", valence);
        check("arousal", arousal);
    }

    private static void check(String field, double v) {
        if (!(v >= MIN && v <= MAX)) {
            throw new IllegalArgumentException("rating: " + field + " must be within " + (int) MIN + "-" + (int) MAX
                    + ", got " + v);
        }
    }

    /** The marker text. */
    public String format() {
        return String.format(Locale.ROOT, "%s valence=%s arousal=%s track=%s", PREFIX.strip(), plain(valence),
                plain(arousal), track);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Whether {@code text} is meant as a rating (whether or not it is a valid one). */
    public static boolean isRating(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /**
     * Parses a marker made by {@link #format()}; {@code where} names the stream or file in the message of the
     * {@link IllegalArgumentException} thrown for a malformed one.
     */
    public static RatingMarker parse(String text, String where) {
        if (!isRating(text)) {
            throw new IllegalArgumentException(where + ": not a rating marker: '" + text + "'");
        }
        int trackAt = text.indexOf(" track=");
        if (trackAt < 0) {
            throw new IllegalArgumentException(where + ": rating marker without track=: '" + text + "'");
        }
        String track = text.substring(trackAt + " track=".length());
        double valence = Double.NaN;
        double arousal = Double.NaN;
        for (String field : text.substring(PREFIX.length(), trackAt).trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": rating marker field without '=': '" + field + "'");
            }
            String key = field.substring(0, eq);
            double value;
            try {
                value = Double.parseDouble(field.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": rating marker " + key + " is not a number: '" + field + "'");
            }
            switch (key) {
                case "valence" -> valence = value;
                case "arousal" -> arousal = value;
                default -> throw new IllegalArgumentException(where + ": rating marker has unknown field '" + key + "'");
            }
        }
        if (Double.isNaN(valence) || Double.isNaN(arousal)) {
            throw new IllegalArgumentException(where + ": rating marker needs valence= and arousal=: '" + text + "'");
        }
        try {
            return new RatingMarker(track, valence, arousal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
