package org.frisson.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The size the analysis is built for: a 10-minute session at 2.5 Hz (1500 rows in 10 one-minute tracks, so 10
 * outer folds), 10 layers 64..753 wide, 30 responses. Prints the fit time (single thread), then the time that two
 * ratings with their own gaps add (responses available on other rows need decompositions of their own). Asserts
 * that responses planted on a layer's leading components are recovered there.
 */
class EncodingTimingTest {

    private static final int[] WIDTHS = {64, 84, 110, 144, 190, 249, 327, 430, 565, 753};

    @Test
    void aTenMinuteSessionWithTenLayersAndThirtyResponses() {
        SyntheticSession session = new SyntheticSession(11, 10, 141, 10, WIDTHS, 3.0, 1.0);
        List<Layer> layers = session.layers.subList(1, session.layers.size());
        assertEquals(1500, session.block.length);
        Random random = new Random(5);
        List<Response> responses = new ArrayList<>();
        for (int j = 0; j < 30; j++) {
            int depth = 1 + random.nextInt(WIDTHS.length);
            responses.add(new Response("r" + j + "_on" + depth, "a.u.", session.plantedOnComponents(depth, 3, 0.8)));
        }
        List<Response> ratings = new ArrayList<>();
        for (int j = 0; j < 2; j++) {
            double[] rating = session.plantedOnComponents(4, 3, 0.8);
            for (int t = 0; t < rating.length; t++) {
                if (t % 151 < 25) {
                    rating[t] = Double.NaN; // the first 10 s of every track unrated
                }
            }
            ratings.add(new Response("rating" + j + "_on4", "1-9", rating));
        }

        long start = System.nanoTime();
        EncodingProfile profile = EncodingAnalysis.run(layers, responses, session.block,
                EncodingSettings.defaults(SyntheticSession.RATE));
        double seconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        EncodingProfile rated = EncodingAnalysis.run(layers, ratings, session.block,
                EncodingSettings.defaults(SyntheticSession.RATE));
        double ratingSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "encoding analysis, 1500 rows (10 tracks) x 10 layers (64..753 wide) x "
                + "30 responses: %.1f s; 2 more responses with their own gaps: %.1f s%n", seconds, ratingSeconds);

        check(profile, responses, layers, session.block);
        check(rated, ratings, layers, session.block);
    }

    private static void check(EncodingProfile profile, List<Response> responses, List<Layer> layers, int[] block) {
        for (int j = 0; j < responses.size(); j++) {
            String name = responses.get(j).name();
            int planted = Integer.parseInt(name.substring(name.lastIndexOf("_on") + 3));
            int at = profile.layer("layer" + planted);
            assertTrue(profile.r()[at][j] > 0.4, name + ": r at its layer " + profile.r()[at][j]);
            assertTrue(profile.p()[at][j] < 0.05, name + ": p at its layer " + profile.p()[at][j]);
            double[] fitted = profile.models().get(j).predict(layers.get(profile.bestLayer()[j]).values());
            double[] observed = responses.get(j).values();
            int[] rows = IntStream.range(0, observed.length).filter(t -> block[t] >= 0 && !Double.isNaN(observed[t]))
                    .toArray();
            double r = Pearson.r(Arrays.stream(rows).mapToDouble(t -> fitted[t]).toArray(),
                    Arrays.stream(rows).mapToDouble(t -> observed[t]).toArray());
            assertTrue(r > 0.4, name + ": the refitted model's in-sample r " + r);
        }
    }
}
