package org.frisson.app.doctor;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Free-disk thresholds: FAIL below 500 MB, warn below 5 GB, with the hours of dense EEG that still fit. */
class DiskCheckTest {

    private static final Path HERE = Path.of("/data");

    @Test
    void thresholds() {
        assertEquals(Check.Status.FAIL, DiskCheck.evaluate(HERE, 0).status());
        assertEquals(Check.Status.FAIL, DiskCheck.evaluate(HERE, DiskCheck.FAIL_BELOW - 1).status());
        assertEquals(Check.Status.WARN, DiskCheck.evaluate(HERE, DiskCheck.FAIL_BELOW).status());
        assertEquals(Check.Status.WARN, DiskCheck.evaluate(HERE, DiskCheck.WARN_BELOW - 1).status());
        assertEquals(Check.Status.OK, DiskCheck.evaluate(HERE, DiskCheck.WARN_BELOW).status());
        assertEquals(Check.Status.OK, DiskCheck.evaluate(HERE, Long.MAX_VALUE).status());
    }

    @Test
    void messagesNameThePlaceAndTheHoursAndOnlyProblemsHaveAFix() {
        Check ok = DiskCheck.evaluate(HERE, 100_000_000_000L);
        assertNull(ok.fix());
        assertTrue(ok.message().contains("100.0 GB free at /data"), ok.message());
        // 64 ch x 4 bytes + a 9-byte stamp, 1000 samples/s: 954 MB an hour
        assertEquals(954_000_000L, DiskCheck.EEG_64CH_1KHZ_BYTES_PER_HOUR);
        assertTrue(ok.message().contains("about 105 hours of 64-ch EEG at 1 kHz"), ok.message());
        Check low = DiskCheck.evaluate(HERE, 2_000_000_000L);
        assertNotNull(low.fix());
        assertTrue(low.message().contains("about 2.1 hours"), low.message());
        Check fail = DiskCheck.evaluate(HERE, 300_000_000L);
        assertTrue(fail.message().contains("300 MB free") && fail.message().contains("about 19 minutes"), fail.message());
        assertNotNull(fail.fix());
    }
}
