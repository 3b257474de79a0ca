package org.frisson.devices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackageCounterTest {

    @Test
    void countsGapsAcrossTheWrap() {
        PackageCounter c = new PackageCounter();
        for (int p : new int[]{250, 251, 253, 254, 255, 0, 1, 5, 6, 6, 7}) {
            c.next(p);
        }
        assertEquals(1 + 3, c.dropped());
        assertEquals(2, c.gaps());
        assertEquals(1, c.repeats());
        c.next(9); // 8 missing
        c.next(1); // 10..255 and 0 missing
        assertEquals(4 + 1 + 247, c.dropped());
    }

    @Test
    void learnsALargerWrap() {
        PackageCounter c = new PackageCounter();
        for (int p = 0; p < 1000; p++) {
            c.next(p);
        }
        c.next(0);
        assertEquals(0, c.dropped());
        assertEquals(1000, c.wrap());
    }
}
