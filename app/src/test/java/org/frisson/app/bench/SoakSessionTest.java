package org.frisson.app.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's summary figures on planted samples: memory slope per hour past the warm-up, medians over a span. */
class SoakSessionTest {

    private static List<double[]> rows(double slopePerSecond, double warmupJump) {
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t <= 3600; t += 10) {
            double heap = 100 + slopePerSecond * t + (t < SoakSession.WARMUP_SECONDS ? -warmupJump : 0);
            double p99 = t < 300 ? 20 + (t / 10) % 3 : 30 + (t / 10) % 5;
            rows.add(new double[]{t, heap, 0, 0, 0, 0, 0, 10, p99});
        }
        return rows;
    }

    @Test
    void theSlopeIsPerHourAndIgnoresTheWarmUp() {
        // 1 kB a second is 3.6 MB an hour; the heap filling during the first two minutes is left out
        assertEquals(3.6, SoakSession.slopePerHour(rows(0.001, 50), 1), 1e-6);
        assertEquals(0.0, SoakSession.slopePerHour(rows(0, 50), 1), 1e-9);
        assertTrue(Double.isNaN(SoakSession.slopePerHour(List.of(new double[]{0, 1}), 1)));
    }

    @Test
    void medianOverASpan() {
        List<double[]> r = rows(0, 0);
        assertEquals(21.0, SoakSession.medianOf(r, 8, 0, 300), 1e-12);
        assertEquals(32.0, SoakSession.medianOf(r, 8, 3300, 3600), 1e-12);
        assertTrue(Double.isNaN(SoakSession.medianOf(r, 8, 5000, 6000)));
    }
}
