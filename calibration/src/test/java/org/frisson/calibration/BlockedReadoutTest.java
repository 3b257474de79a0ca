package org.frisson.calibration;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockedReadoutTest {

    /** Windows of {@code tracks} tracks; high tracks shift the first three features by {@code effect}. */
    static Windows windows(long seed, int tracks, int perTrack, int features, double effect, double trackSd,
            double noiseSd) {
        Random random = new Random(seed);
        double[] ratings = new double[tracks];
        for (int k = 0; k < tracks; k++) {
            ratings[k] = 1 + 8 * random.nextDouble();
        }
        boolean[] trackHigh = MedianSplit.high(ratings, "valence");
        int n = tracks * perTrack;
        double[][] x = new double[n][features];
        boolean[] high = new boolean[n];
        int[] block = new int[n];
        for (int k = 0; k < tracks; k++) {
            double[] signature = new double[features];
            for (int f = 0; f < features; f++) {
                signature[f] = trackSd * random.nextGaussian();
            }
            for (int w = 0; w < perTrack; w++) {
                int i = k * perTrack + w;
                block[i] = 100 + k;
                high[i] = trackHigh[k];
                for (int f = 0; f < features; f++) {
                    x[i][f] = signature[f] + noiseSd * random.nextGaussian() + (trackHigh[k] && f < 3 ? effect : 0);
                }
            }
        }
        return new Windows(x, high, block, trackHigh);
    }

    record Windows(double[][] x, boolean[] high, int[] block, boolean[] trackHigh) {
    }

    @Test
    void plantedClassFeaturesAreReadOutWell() {
        Windows w = windows(3, 20, 15, 8, 1.5, 0.3, 1.0);
        ReadoutScore score = BlockedReadout.crossValidate(w.x(), w.high(), w.block(), 5, 1);
        assertEquals(5, score.folds());
        assertEquals(300, score.window().n());
        assertEquals(20, score.track().n());
        assertTrue(score.window().value() > 0.8, "window accuracy " + score.window());
        assertTrue(score.window().low() > 0.6, "window interval " + score.window());
        assertTrue(score.track().value() >= 0.9, "track accuracy " + score.track());
        assertTrue(score.window().low() <= score.window().value() && score.window().value() <= score.window().high());
    }

    @Test
    void foldsAreCappedAtTheNumberOfTracks() {
        Windows w = windows(4, 6, 10, 4, 2.0, 0.2, 1.0);
        assertEquals(6, BlockedReadout.crossValidate(w.x(), w.high(), w.block(), 10, 1).folds());
    }

    @Test
    void aTrackIsRightWhenAtLeastHalfItsWindowsAre() {
        // track 0: 2 of 4 right (half: right); track 1: 1 of 3 (wrong); track 2: 1 of 1 (right); track 3: 0 of 2
        TrackOutcomes outcomes = new TrackOutcomes(new int[] {4, 3, 1, 2}, new int[] {2, 1, 1, 0});
        Accuracy track = outcomes.aggregated();
        assertEquals(0.5, track.value());
        assertEquals(4, track.n());
        Accuracy window = outcomes.window(1);
        assertEquals(4.0 / 10, window.value());
        assertEquals(10, window.n());
    }

    @Test
    void wilsonIntervalsMatchNewcombesWorkedExamples() {
        // Newcombe (1998), Stat. Med. 17:857, Table I, method 3 (score interval without continuity correction)
        int[][] cases = {{81, 263}, {15, 148}, {0, 20}, {1, 29}};
        double[][] expected = {{0.2553, 0.3662}, {0.0624, 0.1605}, {0.0, 0.1611}, {0.0061, 0.1718}};
        for (int i = 0; i < cases.length; i++) {
            Accuracy a = WilsonInterval.of(cases[i][0], cases[i][1]);
            assertEquals(expected[i][0], a.low(), 5e-5, cases[i][0] + "/" + cases[i][1] + " low");
            assertEquals(expected[i][1], a.high(), 5e-5, cases[i][0] + "/" + cases[i][1] + " high");
        }
    }

    @Test
    void theBootstrapIntervalIsSeededAndWidensWithFewerTracks() {
        TrackOutcomes many = new TrackOutcomes(repeat(10, 40), alternate(40, 7, 3));
        TrackOutcomes few = new TrackOutcomes(repeat(10, 4), alternate(4, 7, 3));
        assertEquals(many.window(9), many.window(9));
        Accuracy a = many.window(9);
        Accuracy b = few.window(9);
        assertEquals(0.5, a.value(), 1e-12);
        assertTrue(a.low() < 0.5 && a.high() > 0.5);
        assertTrue(b.high() - b.low() > a.high() - a.low(), "fewer tracks, wider interval: " + a + " vs " + b);
    }

    @Test
    void theMedianSplitPutsRatingsAtTheMedianLow() {
        assertArrayEquals(new boolean[] {false, true, false, true, false}, MedianSplit.high(new double[] {3, 7, 5, 8, 1},
                "arousal"));
        // even count: median (4 + 6) / 2 = 5
        assertArrayEquals(new boolean[] {false, true, false, true}, MedianSplit.high(new double[] {4, 6, 2, 9},
                "valence"));
        // ties at the median
        assertArrayEquals(new boolean[] {false, false, false, true}, MedianSplit.high(new double[] {5, 5, 5, 9},
                "valence"));
    }

    @Test
    void aSplitWithAnEmptyClassIsRefusedNamingTheRating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MedianSplit.high(new double[] {5, 5, 5, 5}, "valence"));
        assertTrue(e.getMessage().startsWith("valence:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MedianSplit.high(new double[] {5, Double.NaN}, "arousal"));
        assertTrue(e.getMessage().contains("arousal") && e.getMessage().contains("track 1"), e.getMessage());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Windows w = windows(4, 6, 10, 4, 2.0, 0.2, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockedReadout.crossValidate(w.x(), java.util.Arrays.copyOf(w.high(), 59), w.block(), 5, 1));
        assertEquals("high has 59 rows, x has 60", e.getMessage());
        boolean[] oneClass = new boolean[60];
        e = assertThrows(IllegalArgumentException.class,
                () -> BlockedReadout.crossValidate(w.x(), oneClass, w.block(), 5, 1));
        assertTrue(e.getMessage().startsWith("high:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(new double[][] {{1}, {2}, {3}}, new boolean[] {true, false, false}));
        assertTrue(e.getMessage().startsWith("high:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(new double[][] {{1, 2}, {2}}, new boolean[] {true, false}));
        assertEquals("x row 1 has 1 values, row 0 has 2", e.getMessage());
    }

    @Test
    void windowsOutsideTracksOrWithNaNFeaturesAreLeftOut() {
        Windows w = windows(5, 8, 10, 4, 2.0, 0.2, 1.0);
        ReadoutScore clean = BlockedReadout.crossValidate(w.x(), w.high(), w.block(), 4, 2);
        double[][] x = new double[w.x().length + 2][];
        boolean[] high = new boolean[x.length];
        int[] block = new int[x.length];
        System.arraycopy(w.x(), 0, x, 0, w.x().length);
        System.arraycopy(w.high(), 0, high, 0, w.high().length);
        System.arraycopy(w.block(), 0, block, 0, w.block().length);
        x[x.length - 2] = new double[] {1e9, 1e9, 1e9, 1e9};
        block[x.length - 2] = -1;
        x[x.length - 1] = new double[] {Double.NaN, 0, 0, 0};
        block[x.length - 1] = w.block()[0];
        ReadoutScore withExtras = BlockedReadout.crossValidate(x, high, block, 4, 2);
        assertEquals(clean, withExtras);
    }

    private static int[] repeat(int v, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static int[] alternate(int n, int a, int b) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 2 == 0 ? a : b;
        }
        return v;
    }
}
