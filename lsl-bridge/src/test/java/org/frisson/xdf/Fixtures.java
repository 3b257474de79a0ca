package org.frisson.xdf;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reference XDF example files in {@code <frisson.home>/../shared/fixtures/xdf/}. */
final class Fixtures {

    private Fixtures() {
    }

    /** The fixture file; the test is skipped when the shared fixtures folder is absent (a failure in CI). */
    static Path xdf(String name) {
        Path dir = PyXdf.home().resolve("../shared/fixtures/xdf").normalize();
        if (!Files.isDirectory(dir)) {
            if (System.getenv("CI") != null) {
                fail("the shared XDF fixtures are missing in CI: " + dir);
            }
            assumeTrue(false, "skipped: the shared XDF fixtures folder " + dir + " is absent");
        }
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            fail("fixture " + f + " is missing from " + dir);
        }
        return f;
    }
}
