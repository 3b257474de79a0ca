package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputHistoryTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final StreamDescription FEATURES = new StreamDescription("frisson.features", "Features", 4,
            List.of("Rating.emotionality", "latency"), List.of("fraction", "seconds"), false);

    @Test
    void keepsSamplesAtFullPrecisionChannelMajor() {
        OutputHistory h = new OutputHistory(FEATURES);
        h.add(10.25, new double[]{0.123456789012345, 0.001});
        h.add(10.5, new double[]{Double.NaN, 0.002});
        OutputHistory.Slice s = h.read(0, h.head());
        assertArrayEquals(new double[]{10.25, 10.5}, s.stamps());
        assertArrayEquals(new double[]{0.123456789012345, Double.NaN}, s.values()[0]);
        assertArrayEquals(new double[]{0.001, 0.002}, s.values()[1]);
        assertEquals(1, h.read(1, h.head()).size(), "a delta from a cursor");
    }

    @Test
    void aReaderNeverGetsSamplesTheWriterHasOverwritten() {
        OutputHistory h = new OutputHistory(FEATURES);
        int total = h.capacity * 2 + 7;
        for (int i = 0; i < total; i++) {
            h.add(i, new double[]{i, i});
        }
        OutputHistory.Slice s = h.read(0, h.head());
        assertEquals(h.capacity - 1, s.size());
        for (int k = 0; k < s.size(); k++) {
            assertEquals(s.stamps()[k], s.values()[0][k], 0.0);
        }
    }

    @Test
    void addingSamplesAllocatesNothing() {
        OutputHistory h = new OutputHistory(FEATURES);
        double[] sample = {0.5, 0.001};
        long[] allocated = new long[6];
        boolean zeroRound = false;
        for (int round = 0; round < allocated.length && !zeroRound; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                h.add(i, sample);
            }
            allocated[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
            zeroRound = round >= 2 && allocated[round] == 0;
        }
        assertTrue(zeroRound, "bytes allocated per round: " + java.util.Arrays.toString(allocated));
    }
}
