package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimatedStreamTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static StreamDescription numeric(double rate, int channels) {
        List<String> labels = java.util.stream.IntStream.range(0, channels).mapToObj(c -> "c" + c).toList();
        return new StreamDescription("S", "EEG", rate, labels, labels.stream().map(l -> "microvolts").toList(), false);
    }

    @Test
    void ratesAboveOneHundredAreReducedToMinimumAndMaximumPerBlock() {
        assertEquals(221, new DecimatedStream(numeric(22050, 1)).factor);
        assertEquals(1, new DecimatedStream(numeric(64, 1)).factor);
        DecimatedStream s = new DecimatedStream(numeric(400, 2)); // blocks of 4 samples
        assertEquals(4, s.factor);
        assertEquals(100.0, s.displayRate);
        double[] stamps = new double[10];
        double[] values = new double[20];
        for (int i = 0; i < 10; i++) {
            stamps[i] = i / 400.0;
            values[2 * i] = i % 4 == 2 ? 9 : i;  // channel 0: a spike inside each block
            values[2 * i + 1] = -i;
        }
        s.add(10, stamps, values);
        assertEquals(2, s.head(), "two whole blocks; the last two samples wait for their block");
        DecimatedStream.Slice got = s.read(0, 2);
        assertArrayEquals(new double[]{3 / 400.0, 7 / 400.0}, got.stamps(), "a point carries its block's last stamp");
        assertArrayEquals(new float[]{0, 4}, got.lo()[0]);
        assertArrayEquals(new float[]{9, 9}, got.hi()[0], "spikes survive decimation");
        assertArrayEquals(new float[]{-3, -7}, got.lo()[1]);
        assertArrayEquals(new float[]{0, -4}, got.hi()[1]);
    }

    @Test
    void aReaderNeverGetsPointsTheWriterHasOverwritten() {
        DecimatedStream s = new DecimatedStream(numeric(10, 1));
        int total = s.capacity * 3 + 5;
        double[] stamp = new double[1];
        double[] value = new double[1];
        for (int i = 0; i < total; i++) {
            stamp[0] = i;
            value[0] = i;
            s.add(1, stamp, value);
        }
        DecimatedStream.Slice all = s.read(0, s.head());
        assertEquals(s.capacity - 1, all.size(), "only the intact part of the ring");
        for (int k = 0; k < all.size(); k++) {
            assertEquals(all.stamps()[k], all.lo()[0][k], 0.0, "stamp and value of the same sample");
        }
        assertEquals(total - 1, all.stamps()[all.size() - 1], 0.0);
    }

    @Test
    void markerStreamsKeepTheirTexts() {
        DecimatedStream s = new DecimatedStream(new StreamDescription("Chills", "Markers", 0, List.of("chill"),
                List.of(""), true));
        s.addText(2, new double[]{1.5, 2.5}, new String[]{"chill_on", "chill_off"});
        DecimatedStream.Slice got = s.read(0, s.head());
        assertArrayEquals(new String[]{"chill_on", "chill_off"}, got.texts());
        assertArrayEquals(new double[]{1.5, 2.5}, got.stamps());
    }

    @Test
    void feedingChunksAllocatesNothing() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        LiveData data = new LiveData();
        InputFeed feed = new InputFeed(data);
        feed.start(List.of(numeric(22050, 1), numeric(128, 32)));
        double[] stamps = new double[64];
        double[] values = new double[64 * 32];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i);
        }
        // rounds 0-1 warm up the JIT; a later one-off JIT event may allocate once, so: some whole round is 0
        long[] allocated = new long[6];
        boolean zeroRound = false;
        for (int round = 0; round < allocated.length && !zeroRound; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                feed.chunk(0, 64, stamps, values, null);
                feed.chunk(1, 64, stamps, values, null);
            }
            allocated[round] = THREADS.getCurrentThreadAllocatedBytes() - before;
            zeroRound = round >= 2 && allocated[round] == 0;
        }
        assertTrue(zeroRound, "bytes allocated per round of 40000 chunks: " + java.util.Arrays.toString(allocated));
    }
}
