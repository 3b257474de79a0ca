package org.frisson.devices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The amplitude check on EEG channels, on planted signals either side of its limits. */
class SignalQualityTest {

    /** Rows 1..4 of a 6-row pull: a 20 µV rhythm, a flat line at 4000 µV offset, a railed input, 0.8 µV noise. */
    private static double[] pull(int n, int from) {
        double[] d = new double[6 * n];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double t = (from + i) / 250.0;
            d[n + i] = 1e5 + 20 * Math.sqrt(2) * Math.sin(2 * Math.PI * 10 * t); // sd 20 on a large offset
            d[2 * n + i] = 4000 + 0.1 * Math.sin(2 * Math.PI * 3 * t);           // sd 0.07: flat
            d[3 * n + i] = ((from + i) % 2 == 0 ? 1 : -1) * 187_000;               // sd 187000: railed
            d[4 * n + i] = 0.8 * r.nextGaussian();                                  // sd ~0.8: just above flat
        }
        return d;
    }

    @Test
    void flatAndRailedChannelsAreBadAndOnlyAfterAWholeBlock() {
        SignalQuality q = new SignalQuality(new int[]{1, 2, 3, 4}, 250);
        assertTrue(Double.isNaN(q.fraction()));
        assertFalse(q.add(pull(100, 0), 100), "no block after 100 of 250 samples");
        assertTrue(Double.isNaN(q.fraction()));
        assertTrue(q.add(pull(150, 100), 150), "a block after 250 samples");
        assertTrue(q.good(0), "a 20 µV rhythm on a 100 mV offset");
        assertFalse(q.good(1), "flat");
        assertFalse(q.good(2), "railed");
        assertTrue(q.good(3), "0.8 µV of noise");
        assertEquals(0.5, q.fraction(), 1e-12);
        q.reset();
        assertTrue(Double.isNaN(q.fraction()));
    }

    @Test
    void healthNamesTheBadChannels() {
        SignalQuality q = new SignalQuality(new int[]{1, 2, 3, 4}, 250);
        DeviceHealth h = new DeviceHealth("synthetic", java.util.List.of("Fz", "Cz", "Pz", "Oz"));
        q.add(pull(250, 0), 250);
        h.quality(q);
        assertEquals("Cz, Pz", h.badChannels());
        assertEquals(0.5, h.signalQuality(), 1e-12);
    }
}
