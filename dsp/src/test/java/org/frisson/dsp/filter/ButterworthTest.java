package org.frisson.dsp.filter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ButterworthTest {

    @Test
    void aRateTheFilterCannotExistAtIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Butterworth.lowPass(4, 3.0, 5.0));
        assertTrue(e.getMessage().contains("5.0 Hz") && e.getMessage().contains("3.0 Hz"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Butterworth.bandPass(2, 0.5, 8, 16));
        assertTrue(e.getMessage().contains("16.0 Hz"), e.getMessage());
    }

    @Test
    void unityGainInThePassband() {
        // DC through a low-pass, Nyquist through a high-pass: gain 1
        Sos lp = Butterworth.lowPass(4, 3, 32);
        SosFilter f = new SosFilter(lp, 1);
        double y = 0;
        for (int i = 0; i < 5000; i++) {
            y = f.filter(0, 1.0);
        }
        assertEquals(1.0, y, 1e-12);
        SosFilter h = new SosFilter(Butterworth.highPass(2, 0.05, 32), 1);
        for (int i = 0; i < 20000; i++) {
            y = h.filter(0, (i & 1) == 0 ? 1.0 : -1.0);
        }
        assertEquals(1.0, Math.abs(y), 1e-9);
    }

    @Test
    void settledFilterHasNoStartTransient() {
        SosFilter f = new SosFilter(Butterworth.highPass(2, 0.05, 32), 2);
        f.settle(1, 7.5);
        assertEquals(0.0, f.filter(1, 7.5), 1e-10);
        SosFilter g = new SosFilter(Butterworth.lowPass(2, 0.05, 32), 1);
        g.settle(0, 7.5);
        assertEquals(7.5, g.filter(0, 7.5), 1e-10);
    }
}
