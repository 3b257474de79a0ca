package org.frisson.sim;

/**
 * One section of a piece.
 *
 * @param label   what it sounds like (a playlist's track: its title)
 * @param start   seconds from the start of the piece
 * @param length  seconds
 * @param arousal 0 (calm) to 1 (intense): drives beat, brightness, and the simulated listener's body
 * @param valence 0 (sad) to 1 (happy)
 * @param silent  no music plays: a pause between the tracks of a playlist
 */
public record Section(String label, double start, double length, double arousal, double valence, boolean silent) {

    /** A section that plays music. */
    public Section(String label, double start, double length, double arousal, double valence) {
        this(label, start, length, arousal, valence, false);
    }

    /** Silence: the listener at rest (arousal 0, neutral valence). */
    public static Section pause(double start, double length) {
        return new Section("pause", start, length, 0, 0.5, true);
    }

    public double end() {
        return start + length;
    }
}
