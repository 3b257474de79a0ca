package org.frisson.models;

import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training tools' own tests (models/python/tests, pytest): metrics against scipy, data readers, training
 * on planted and shuffled cohorts, gradient reversal, ONNX against Keras, byte-identical default models.
 */
class TrainingPythonTest {

    @Test
    void trainingToolTestsPass() throws Exception {
        VenvPython.Result r = VenvPython.run(900, "-m", "pytest", "models/python/tests", "-q", "-n", "2",
                "-p", "no:cacheprovider", "-rfEs");
        assertEquals(0, r.exit(), "pytest failed:\n" + VenvPython.tail(r.output()));
        Matcher m = Pattern.compile("(\\d+) passed").matcher(r.output());
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 30, "too few tests ran:\n" + r.output());
        assertFalse(r.output().contains("skipped"), "no test may be skipped:\n" + r.output());
    }
}
