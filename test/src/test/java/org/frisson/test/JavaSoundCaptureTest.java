package org.frisson.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Mixer;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code frisson capture} with the Java Sound back-end says what Java Sound sees: its mixers with
 * {@code --list}, or, on a machine where Java Sound lists none (no sound card), a clear message and exit
 * code 2, for {@code --list} and for a capture alike. Which of the two applies is asked of Java Sound here.
 */
class JavaSoundCaptureTest {

    static final String NONE = "Java Sound lists no audio device on this machine";

    @Test
    @Timeout(60)
    void listShowsJavaSoundsDevicesOrSaysThereAreNone() throws Exception {
        Mixer.Info[] mixers = AudioSystem.getMixerInfo();
        try (FrissonChild list = FrissonChild.start("capture", "--list")) {
            int code = list.awaitExit(Duration.ofSeconds(40));
            String log = list.log();
            if (mixers.length == 0) {
                assertEquals(2, code, log);
                assertTrue(log.contains(NONE) && log.contains("--backend jack"), log);
            } else {
                assertEquals(0, code, log);
                for (Mixer.Info m : mixers) {
                    assertTrue(log.contains(m.getName()), "device " + m.getName() + " listed:\n" + log);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void captureWithoutADeviceFailsWithTheSameMessage() throws Exception {
        if (AudioSystem.getMixerInfo().length > 0) {
            // a machine with a sound card: capture a second from it instead
            try (FrissonChild cap = FrissonChild.start("capture", "--duration", "1", "--name", "JavaSoundTest")) {
                int code = cap.awaitExit(Duration.ofSeconds(40));
                assertEquals(0, code, cap.log());
                assertTrue(cap.log().contains("clock: drift"), cap.log());
            }
            return;
        }
        try (FrissonChild cap = FrissonChild.start("capture", "--duration", "1")) {
            assertEquals(2, cap.awaitExit(Duration.ofSeconds(40)), cap.log());
            assertTrue(cap.log().contains("frisson capture: javasound: " + NONE), cap.log());
        }
    }
}
