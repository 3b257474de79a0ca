package org.frisson.xdf;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** The reference XDF example files in the repository's {@code fixtures/xdf/}. */
final class Fixtures {

    private Fixtures() {
    }

    /** The fixture file; fails the test (never skips) when it is not there. */
    static Path xdf(String name) {
        Path f = PyXdf.home().resolve("fixtures/xdf").resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            fail("the reference XDF file " + f + " is missing: it ships with the repository in fixtures/xdf/"
                    + " (see fixtures/README.md)");
        }
        return f;
    }
}
