package org.frisson.devices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report line a run prints for a board: its health, and the error that stopped it. */
class DeviceReportTest {

    @Test
    void theLastLineOfABoardThatFailedSaysWhy() {
        DeviceReport ok = new DeviceReport("muse_s", 12.5, 3200, 2, 1, 4.25, 1.5, 0, 900, 3, Double.NaN, Double.NaN,
                0, true, "");
        assertEquals("done muse_s: 12.5 s, 3200 samples, 2 packages dropped (1 gaps), drift +4.3 ppm, jitter 1.50 ms,"
                + " 3 markers, 900 pulls", ok.line());
        DeviceReport failed = new DeviceReport("muse_s", 12.5, 3200, 2, 1, 4.25, 1.5, 0, 900, 3, Double.NaN,
                Double.NaN, 0, true, "board 'muse_s': BOARD_NOT_READY_ERROR (exit code 7) while reading data");
        assertEquals(ok.line() + "; stopped by an error, its streams end: board 'muse_s': BOARD_NOT_READY_ERROR"
                + " (exit code 7) while reading data", failed.line());
    }

    @Test
    void batteryQualityAndReconnectionsAreSaidWhenKnown() {
        DeviceReport r = new DeviceReport("emotibit", 60, 15000, 0, 0, -3.0, 0.8, 0, 4000, 0, 87.4, 0.75, 2, false, "");
        assertEquals("device emotibit: 60.0 s, 15000 samples, 0 packages dropped (0 gaps), drift -3.0 ppm,"
                + " jitter 0.80 ms, 0 markers, 4000 pulls, battery 87 %, EEG signal quality 75 %, reconnected 2 times",
                r.line());
    }
}
