package org.frisson.calibration;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A response planted on one layer of a synthetic hierarchy is found there. */
class PlantedLayerTest {

    private static SyntheticSession session;
    private static EncodingProfile profile;

    @BeforeAll
    static void analyse() {
        int[] widths = {16, 16, 16, 16, 16, 16, 16, 16};
        session = new SyntheticSession(7, 12, 75, 5, widths, 3.0, 1.0);
        double[] onFive = session.planted(5, 0.8);
        double[] onTwo = session.planted(2, 0.8);
        List<Response> responses = List.of(new Response("on5", "a.u.", onFive), new Response("on2", "a.u.", onTwo));
        long start = System.nanoTime();
        profile = EncodingAnalysis.run(session.layers, responses, session.block, EncodingSettings.defaults(2.5));
        System.out.printf("planted layers: %.1f s%n", (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < profile.layers().size(); i++) {
            System.out.printf("%-9s r=%s p=%s lambda=%s%n", profile.layers().get(i), Arrays.toString(profile.r()[i]),
                    Arrays.toString(profile.p()[i]), Arrays.toString(profile.lambda()[i]));
        }
        System.out.println("centroid " + Arrays.toString(profile.centroid()) + " best "
                + Arrays.toString(profile.bestLayer()));
    }

    @Test
    void theLayerFiveResponsePeaksAtLayerFive() {
        int j = profile.response("on5");
        int five = profile.layer("layer5");
        assertEquals("layer5", profile.layers().get(profile.bestLayer()[j]));
        double r5 = profile.r()[five][j];
        assertTrue(r5 - profile.r()[profile.layer("layer1")][j] > 0.1, "r at layer 5 clearly above layer 1");
        assertTrue(r5 - profile.r()[profile.layer("layer8")][j] > 0.1, "r at layer 5 clearly above layer 8");
        assertEquals(5, profile.centroid()[j], 1.0);
        assertTrue(profile.p()[five][j] < 0.05, "p at layer 5: " + profile.p()[five][j]);
    }

    @Test
    void theLayerTwoResponsePeaksAtLayerTwo() {
        int j = profile.response("on2");
        assertEquals("layer2", profile.layers().get(profile.bestLayer()[j]));
    }
}
