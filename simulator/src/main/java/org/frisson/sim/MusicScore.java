package org.frisson.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

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

    /** Seconds of silence before, between and after a playlist's tracks: the listener rates the track just heard. */
    public static final double PLAYLIST_PAUSE_SECONDS = 4;
    /** Shortest playlist track: the listener's EEG takes about a second to follow the music (EegModel). */
    public static final double MIN_TRACK_SECONDS = 2;
    /** A playlist track's low and high values: 0.1-0.35 and 0.65-0.9, clear of the middle of the scale. */
    private static final double LOW = 0.1;
    private static final double HIGH = 0.65;
    private static final double SPREAD = 0.25;

    /**
     * A calibration playlist: {@code tracks} tracks {@code cal-01}, {@code cal-02}, ... of {@code trackSeconds} s,
     * each in one valence-arousal quadrant (low 0.1-0.35, high 0.65-0.9), with a pause of
     * {@link #PLAYLIST_PAUSE_SECONDS} before, between and after them. The quadrants are dealt in the order
     * low-low, high-high, low-high, high-low and then shuffled, so any even number of tracks has as many high as
     * low valences and arousals, and any multiple of four has every quadrant equally often. Deterministic for a seed.
     */
    public static MusicScore playlist(int tracks, double trackSeconds, long seed) {
        if (tracks < 1) {
            throw new IllegalArgumentException("playlist: tracks must be >= 1, got " + tracks);
        }
        if (!(trackSeconds >= MIN_TRACK_SECONDS) || Double.isInfinite(trackSeconds)) {
            throw new IllegalArgumentException("playlist: track seconds must be >= " + MIN_TRACK_SECONDS + ", got "
                    + trackSeconds);
        }
        boolean[][] quadrants = {{false, false}, {true, true}, {false, true}, {true, false}}; // {valence, arousal}
        SplittableRandom r = new SplittableRandom(seed);
        int[] order = new int[tracks];
        for (int k = 0; k < tracks; k++) {
            order[k] = k % quadrants.length;
        }
        for (int k = tracks - 1; k > 0; k--) { // Fisher-Yates
            int j = r.nextInt(k + 1);
            int swap = order[k];
            order[k] = order[j];
            order[j] = swap;
        }
        List<Section> sections = new ArrayList<>();
        double t = 0;
        for (int k = 0; k < tracks; k++) {
            sections.add(Section.pause(t, PLAYLIST_PAUSE_SECONDS));
            t += PLAYLIST_PAUSE_SECONDS;
            boolean[] q = quadrants[order[k]];
            sections.add(new Section(String.format(Locale.ROOT, "cal-%02d", k + 1), t, trackSeconds, level(q[1], r),
                    level(q[0], r)));
            t += trackSeconds;
        }
        sections.add(Section.pause(t, PLAYLIST_PAUSE_SECONDS));
        return new MusicScore("calibration playlist", 120, List.copyOf(sections));
    }

    private static double level(boolean high, SplittableRandom r) {
        return Math.round(100 * ((high ? HIGH : LOW) + SPREAD * r.nextDouble())) / 100.0;
    }

    /** The sections that play music (a playlist's tracks), in order. */
    public List<Section> tracks() {
        return sections.stream().filter(s -> !s.silent()).toList();
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
