package org.frisson.lsl;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamWatchTest {

    private final List<StreamEvent> events = new ArrayList<>();

    private static double[] regular(double t0, int n, double rate) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = t0 + i / rate;
        }
        return s;
    }

    @Test
    void regularStampsRaiseNothing() {
        StreamWatch w = new StreamWatch("eeg", 500, 2.0, null, events::add);
        w.onSamples(regular(10, 500, 500), 500, 11);
        w.onSamples(regular(11, 500, 500), 500, 12);
        assertTrue(events.isEmpty(), events.toString());
        assertEquals(1000, w.samples());
    }

    @Test
    void gapIsReportedWithMissedSamplesFromTheRate() {
        StreamWatch w = new StreamWatch("eeg", 100, 5.0, null, events::add);
        w.onSamples(regular(0, 100, 100), 100, 1);          // last stamp 0.99
        w.onSamples(regular(3.0, 10, 100), 10, 3.1);        // first after gap 3.00
        assertEquals(1, events.size());
        StreamEvent.Gap g = assertInstanceOf(StreamEvent.Gap.class, events.get(0));
        assertEquals(0.99, g.start(), 1e-12);
        assertEquals(3.0, g.end(), 1e-12);
        assertEquals(200, g.missed());
        assertEquals(200, w.missedSamples());
    }

    @Test
    void backwardJumpIsAClockResetNotAGap() {
        StreamWatch w = new StreamWatch("gsr", 32, 5.0, null, events::add);
        w.onSamples(regular(100, 32, 32), 32, 101);
        w.onSamples(regular(90, 32, 32), 32, 102);
        assertEquals(1, events.size());
        StreamEvent.ClockReset r = assertInstanceOf(StreamEvent.ClockReset.class, events.get(0));
        assertTrue(r.jump() < -9.9);
        assertEquals(1, w.clockResets());
    }

    @Test
    void silenceBeyondTimeoutIsLostOnceThenRecovered() {
        StreamWatch w = new StreamWatch("ppg", 64, 2.0, null, events::add);
        w.onSamples(regular(0, 64, 64), 64, 1.0);
        w.onIdle(2.5);
        assertTrue(events.isEmpty());
        w.onIdle(3.5);
        w.onIdle(4.5);
        assertEquals(1, events.size());
        assertInstanceOf(StreamEvent.Lost.class, events.get(0));
        assertTrue(w.isLost());
        w.onSamples(regular(6, 64, 64), 64, 7);
        assertInstanceOf(StreamEvent.Recovered.class, events.get(1));
        assertInstanceOf(StreamEvent.Gap.class, events.get(2));
        assertTrue(!w.isLost());
    }

    @Test
    void irregularStreamIsLostOnlyWhenItsSourceIsGone() {
        boolean[] present = {true};
        int[] checks = {0};
        StreamWatch w = new StreamWatch("markers", 0, 2.0, () -> {
            checks[0]++;
            return present[0];
        }, events::add);
        w.onSamples(new double[]{1.0}, 1, 1.0);
        w.onIdle(10);
        w.onIdle(10.5); // rate-limited: no second check within the timeout
        assertEquals(1, checks[0]);
        assertTrue(events.isEmpty());
        present[0] = false;
        w.onIdle(12.5);
        assertInstanceOf(StreamEvent.Lost.class, events.get(0));
    }
}
