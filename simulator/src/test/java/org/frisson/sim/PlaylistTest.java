package org.frisson.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration playlist: tracks balanced over the valence-arousal quadrants, with pauses, reproducible. */
class PlaylistTest {

    @Test
    void eightTracksCoverEveryQuadrantTwiceWithPausesBetween() {
        MusicScore p = MusicScore.playlist(8, 30, 7);
        List<Section> tracks = p.tracks();
        assertEquals(8, tracks.size());
        int[] quadrant = new int[4];
        for (int k = 0; k < 8; k++) {
            Section t = tracks.get(k);
            assertEquals(String.format("cal-%02d", k + 1), t.label());
            assertEquals(30, t.length(), 0);
            assertEquals(4 + k * 34.0, t.start(), 1e-9, "a 4-s pause before every track");
            assertTrue(inside(t.valence()) && inside(t.arousal()), t.toString());
            quadrant[(t.valence() > 0.5 ? 2 : 0) + (t.arousal() > 0.5 ? 1 : 0)]++;
        }
        assertEquals(List.of(2, 2, 2, 2), List.of(quadrant[0], quadrant[1], quadrant[2], quadrant[3]));
        assertEquals(8 * 30 + 9 * 4, p.length(), 1e-9);
        for (Section s : p.sections()) {
            assertEquals(s.label().equals("pause"), s.silent(), s.toString());
        }
        // spread within the halves, not two fixed values
        assertTrue(tracks.stream().mapToDouble(Section::valence).distinct().count() >= 6);
    }

    private static boolean inside(double v) {
        return (v >= 0.1 && v <= 0.35) || (v >= 0.65 && v <= 0.9);
    }

    @Test
    void everyEvenLengthBalancesValenceAndArousal() {
        for (int n = 2; n <= 12; n += 2) {
            for (long seed = 1; seed <= 5; seed++) {
                List<Section> tracks = MusicScore.playlist(n, 5, seed).tracks();
                assertEquals(n / 2, tracks.stream().filter(t -> t.valence() > 0.5).count(), n + " tracks, seed " + seed);
                assertEquals(n / 2, tracks.stream().filter(t -> t.arousal() > 0.5).count(), n + " tracks, seed " + seed);
            }
        }
    }

    @Test
    void sameSeedSamePlaylistOtherSeedOtherOrder() {
        assertEquals(MusicScore.playlist(8, 30, 3), MusicScore.playlist(8, 30, 3));
        assertNotEquals(quadrants(MusicScore.playlist(8, 30, 3)), quadrants(MusicScore.playlist(8, 30, 4)));
    }

    private static List<String> quadrants(MusicScore p) {
        return p.tracks().stream().map(t -> (t.valence() > 0.5 ? "V" : "v") + (t.arousal() > 0.5 ? "A" : "a")).toList();
    }

    @Test
    void pausesAreSilentAndTracksAreNot() {
        int rate = 8000;
        MusicScore p = MusicScore.playlist(4, 3, 2);
        float[] pcm = MusicSynth.render(p, rate, 2);
        for (Section s : p.sections()) {
            double peak = 0;
            for (int i = (int) (s.start() * rate); i < (int) (s.end() * rate); i++) {
                peak = Math.max(peak, Math.abs(pcm[i]));
            }
            assertEquals(s.silent(), peak == 0, s + ": peak " + peak);
        }
    }

    @Test
    void refusesAnEmptyOrTooShortPlaylist() {
        var e = assertThrows(IllegalArgumentException.class, () -> MusicScore.playlist(0, 30, 1));
        assertTrue(e.getMessage().contains("tracks must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MusicScore.playlist(8, 1, 1));
        assertTrue(e.getMessage().contains("track seconds must be >= 2"), e.getMessage());
    }
}
