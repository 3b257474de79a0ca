package org.frisson.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options that cannot make a session are refused with the option's name. */
class SessionOptionsTest {

    private static void refused(String option, Runnable make) {
        var e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().startsWith(option), e.getMessage());
    }

    @Test
    void namesTheOptionThatIsWrong() {
        refused("the profile", () -> new SessionOptions("studio", 1, 1, 0, null, "s"));
        refused("--participants", () -> new SessionOptions("concert", 0, 1, 0, null, "s"));
        refused("--duration", () -> new SessionOptions("lab", 1, 1, -1, null, "s"));
        refused("--duration", () -> new SessionOptions("calibration", 1, 1, 60, null, "s", 8, 30));
        refused("--tracks", () -> SessionOptions.calibration(0, 30, 1, null, "s"));
        refused("--track-seconds", () -> SessionOptions.calibration(8, 0.5, 1, null, "s"));
    }

    @Test
    void aFileNeedsASessionWithAnEnd(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> SessionFile.write(
                new SessionOptions("lab", 1, 1, 0, null, "s"), dir.resolve("lab.xdf"), false));
        assertTrue(e.getMessage().contains("--duration"), e.getMessage());
    }
}
