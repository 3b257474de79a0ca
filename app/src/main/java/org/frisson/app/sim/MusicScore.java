package org.frisson.app.sim;

import java.util.List;

/** The timeline of a piece: sections with their arousal and valence, and the transitions between them. */
public record MusicScore(String title, double tempoBpm, List<Section> sections) {

    /**
     * The demo piece: 96 s at 120 bpm, six 16-second sections whose character changes clearly at each
     * boundary (what a latent-transition detector should find, and what the simulated listeners react to).
     */
    public static MusicScore demoPiece() {
        return new MusicScore("Frisson demo piece", 120, List.of(
                new Section("intro: soft pad", 0, 16, 0.15, 0.5),
                new Section("build: bass and half-time kick", 16, 16, 0.5, 0.6),
                new Section("drop: full beat, hats, bright lead", 32, 16, 0.9, 0.8),
                new Section("breakdown: pad and slow lead", 48, 16, 0.3, 0.4),
                new Section("climax: full beat, lead an octave up", 64, 16, 1.0, 0.9),
                new Section("outro: fading pad", 80, 16, 0.15, 0.5)));
    }

    public double length() {
        Section last = sections.get(sections.size() - 1);
        return last.end();
    }

    /** The section playing at {@code t} seconds (the piece loops). */
    public Section at(double t) {
        double u = ((t % length()) + length()) % length();
        for (Section s : sections) {
            if (u < s.end()) {
                return s;
            }
        }
        return sections.get(sections.size() - 1);
    }

    /** Section boundaries within one pass of the piece (the first section's start excluded). */
    public double[] transitions() {
        double[] t = new double[sections.size() - 1];
        for (int i = 1; i < sections.size(); i++) {
            t[i - 1] = sections.get(i).start();
        }
        return t;
    }
}
