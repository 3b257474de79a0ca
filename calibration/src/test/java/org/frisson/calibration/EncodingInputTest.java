package org.frisson.calibration;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the analysis accepts and refuses. */
class EncodingInputTest {

    private static final EncodingSettings FAST = new EncodingSettings(SyntheticSession.RATE, 2, 4,
            new double[] {1, 100}, 2, 20, 1);

    private static SyntheticSession session() {
        return new SyntheticSession(41, 5, 50, 3, new int[] {6, 6}, 3.0, 1.0);
    }

    @Test
    void shapesThatDoNotMatchTheGridAreRefusedWithBothSizes() {
        SyntheticSession s = session();
        int n = s.block.length;
        Layer shortLayer = new Layer("conv1", 1, Arrays.copyOf(s.layer(1).values(), n - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodingAnalysis.run(
                List.of(shortLayer), List.of(new Response("eda", "uS", new double[n])), s.block, FAST));
        assertEquals("layer conv1 has " + (n - 1) + " rows, block has " + n, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EncodingAnalysis.run(s.layers,
                List.of(new Response("eda", "uS", new double[n + 2])), s.block, FAST));
        assertEquals("response eda has " + (n + 2) + " rows, block has " + n, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Layer("conv2", 2, new double[][] {{1, 2}, {3}}));
        assertEquals("layer conv2 values row 1 has 1 values, row 0 has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Layer("conv2", 2, new double[][] {{1, Double.NaN}}));
        assertEquals("layer conv2 values row 0 column 1 is NaN", e.getMessage());
    }

    @Test
    void tooFewTracksOrAConstantResponseAreRefused() {
        SyntheticSession s = session();
        int[] twoTracks = s.block.clone();
        for (int t = 0; t < twoTracks.length; t++) {
            twoTracks[t] = twoTracks[t] < 0 ? -1 : twoTracks[t] % 2;
        }
        double[] y = s.planted(1, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodingAnalysis.run(s.layers,
                List.of(new Response("eda", "uS", y)), twoTracks, FAST));
        assertTrue(e.getMessage().startsWith("block names 2 tracks"), e.getMessage());
        double[] constant = new double[s.block.length];
        Arrays.fill(constant, 3);
        e = assertThrows(IllegalArgumentException.class, () -> EncodingAnalysis.run(s.layers,
                List.of(new Response("hr", "bpm", constant)), s.block, FAST));
        assertTrue(e.getMessage().startsWith("response hr is constant"), e.getMessage());
        double[] twoRated = y.clone();
        for (int t = 0; t < twoRated.length; t++) {
            if (s.block[t] >= 2) {
                twoRated[t] = Double.NaN;
            }
        }
        e = assertThrows(IllegalArgumentException.class, () -> EncodingAnalysis.run(s.layers,
                List.of(new Response("rating", "1-9", twoRated)), s.block, FAST));
        assertTrue(e.getMessage().startsWith("response rating has usable rows in 2 tracks"), e.getMessage());
    }

    @Test
    void nanRowsLeaveOneResponseAndNotTheOthers() {
        SyntheticSession s = session();
        double[] full = s.planted(1, 0.5);
        double[] gappy = s.planted(2, 0.5);
        for (int t = 0; t < gappy.length; t += 7) {
            gappy[t] = Double.NaN;
        }
        Response a = new Response("eda", "uS", full);
        Response b = new Response("rating", "1-9", gappy);
        EncodingProfile together = EncodingAnalysis.run(s.layers, List.of(a, b), s.block, FAST);
        EncodingProfile aAlone = EncodingAnalysis.run(s.layers, List.of(a), s.block, FAST);
        EncodingProfile bAlone = EncodingAnalysis.run(s.layers, List.of(b), s.block, FAST);
        for (int i = 0; i < s.layers.size(); i++) {
            assertEquals(aAlone.r()[i][0], together.r()[i][0], 1e-12);
            assertEquals(aAlone.lambda()[i][0], together.lambda()[i][0]);
            assertEquals(bAlone.r()[i][0], together.r()[i][1], 1e-12);
            assertTrue(Double.isFinite(together.r()[i][1]));
        }
        assertArrayEquals(bAlone.models().get(0).weights(), together.models().get(1).weights(), 1e-12);
    }

    @Test
    void settingsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EncodingSettings(2.5, 6, 16, new double[] {1, -1}, 4, 200, 1));
        assertEquals("encoding settings: lambdas[1] must be a positive number, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new EncodingSettings(2.5, 6, 16, new double[] {1}, 1, 200, 1));
        assertTrue(e.getMessage().contains("innerFolds"), e.getMessage());
    }
}
