package org.frisson.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamBufferTest {

    private static ChunkEvent chunk(double t0, int n, double rate, int channels) {
        ChunkEvent e = new ChunkEvent(1024, 4);
        e.samples = n;
        for (int i = 0; i < n; i++) {
            e.stamps[i] = t0 + i / rate;
            for (int c = 0; c < channels; c++) {
                e.values[i * channels + c] = 100 * i + c;
            }
        }
        return e;
    }

    @Test
    void windowBoundsFollowTheStampsAcrossTheWrap() {
        StreamBuffer b = new StreamBuffer(2, 50, false);
        b.append(chunk(0, 40, 10, 2));   // 0.0 .. 3.9
        b.append(chunk(4, 30, 10, 2));   // 4.0 .. 6.9, wraps: holds 2.0 .. 6.9
        assertEquals(50, b.size());
        assertEquals(2.0, b.stamp(0), 1e-12);
        WindowView w = new WindowView(0, 1.0, b);
        w.frame(5.0, false);             // (4.0, 5.0]
        assertEquals(10, w.size());
        assertEquals(4.1, w.stamp(0), 1e-9);
        assertEquals(5.0, w.stamp(9), 1e-9);
        assertEquals(100 + 1, w.value(0, 1), 0.0);
        w.frame(5.0, true);
        assertEquals(0, w.size(), "a missing stream shows an empty window");
    }

    @Test
    void evictingSamplesNoFrameCoveredIsCounted() {
        StreamBuffer b = new StreamBuffer(1, 20, false);
        b.append(chunk(0, 20, 10, 1)); // 0.0 .. 1.9
        assertEquals(0, b.wouldEvictUncovered(5, 1.0), "the five oldest (0.0-0.4) were covered");
        assertEquals(4, b.wouldEvictUncovered(5, 0.0), "0.0 itself was covered, 0.1-0.4 were not");
        assertTrue(b.goesBack(1.5));
        b.clear();
        assertEquals(0, b.size());
    }
}
