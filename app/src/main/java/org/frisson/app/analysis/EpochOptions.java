package org.frisson.app.analysis;

import org.frisson.app.CliException;
import picocli.CommandLine.Option;

/** The epoch options the event analyses share: baseline and epoch lengths, the seed, the permutation test's shuffles. */
final class EpochOptions {

    @Option(names = "--before", defaultValue = "2", paramLabel = "S", description = "Baseline before each onset, s (default: ${DEFAULT-VALUE}).")
    double before;

    @Option(names = "--after", defaultValue = "6", paramLabel = "S", description = "Epoch after each onset, s (default: ${DEFAULT-VALUE}).")
    double after;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random moments and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--permutations", defaultValue = "10000", paramLabel = "N", description = "Shuffles of each permutation test (default: ${DEFAULT-VALUE}).")
    int permutations;

    /** The analysis' options (0.05 s between epoch points, epochs across gaps over 0.5 s left out); checked. */
    EventResponse.Options options() {
        if (!(before > 0) || !(after > 0) || permutations < 1) {
            throw new CliException("--before and --after must be > 0 s and --permutations at least 1");
        }
        return new EventResponse.Options(before, after, 0.05, 0.5, permutations, seed);
    }
}
