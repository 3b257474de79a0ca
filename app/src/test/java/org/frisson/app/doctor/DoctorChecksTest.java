package org.frisson.app.doctor;

import org.frisson.app.audio.AudioBackend;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks that need no liblsl: audio devices, the dashboard port, and the report's shape. */
class DoctorChecksTest {

    @Test
    void aTakenDashboardPortIsAWarning() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Check c = DashboardPortCheck.run("127.0.0.1", taken.getLocalPort());
            assertEquals(Check.Status.WARN, c.status());
            assertTrue(c.message().contains("127.0.0.1:" + taken.getLocalPort() + " is taken"), c.message());
            assertTrue(c.fix().contains("--dashboard-port"), c.fix());
        }
    }

    @Test
    void noAudioDeviceOrNoCaptureDeviceIsAWarning() {
        assertEquals(Check.Status.WARN, AudioCheck.evaluate(List.of()).status());
        assertEquals(Check.Status.WARN, AudioCheck.evaluate(List.of(
                new AudioBackend.DeviceEntry("Speakers", 0, 2, ""))).status());
        Check ok = AudioCheck.evaluate(List.of(new AudioBackend.DeviceEntry("USB Audio", 2, 2, "")));
        assertEquals(Check.Status.OK, ok.status());
        assertTrue(ok.message().contains("USB Audio (2 in, 2 out)"), ok.message());
    }

    @Test
    void aProblemAlwaysComesWithItsFixAndFailsDecideTheExitCode() {
        assertThrows(IllegalArgumentException.class, () -> Check.warn("x", "found", null));
        List<Check> warned = List.of(Check.ok("a", "fine"), Check.warn("b", "odd", "do this"));
        assertEquals(0, Doctor.exitCode(warned));
        List<String> lines = Doctor.text(warned);
        assertEquals("ok    a  fine", lines.get(0));
        assertEquals("warn  b  odd  -- fix: do this", lines.get(1));
        assertEquals(1, Doctor.exitCode(List.of(Check.ok("a", "fine"), Check.fail("c", "broken", "mend it"))));
        assertTrue(Doctor.json(warned).contains("\"fix\" : null"));
    }
}
