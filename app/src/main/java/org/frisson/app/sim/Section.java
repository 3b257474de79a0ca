package org.frisson.app.sim;

/**
 * One section of a piece.
 *
 * @param label   what it sounds like
 * @param start   seconds from the start of the piece
 * @param length  seconds
 * @param arousal 0 (calm) to 1 (intense): drives beat, brightness, and the simulated listener's body
 * @param valence 0 (sad) to 1 (happy)
 */
public record Section(String label, double start, double length, double arousal, double valence) {
    public double end() {
        return start + length;
    }
}
