package org.frisson.app.analysis;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@link EventResponse.Result} as seed 002 shows it: the mean response with its standard
 * error around the events (blue) and around random moments (orange), onset at 0. Plain Java 2D,
 * headless, to a PNG.
 */
public final class EpochFigure {

    private static final Color EVENTS = new Color(0x1F77B4);
    private static final Color RANDOM = new Color(0xFF7F0E);

    private EpochFigure() {
    }

    public static void write(EventResponse.Result r, String title, String events, String yLabel, Path file)
            throws IOException {
        double[] t = r.times();
        Figure.write(file, new Figure.Frame(title, String.format(Locale.ROOT, "post-onset mean (0-%.0f s): %.3f vs %.3f;"
                        + " permutation p = %.4f (one-sided, %d shuffles)", t[t.length - 1], r.eventAmplitude(),
                r.randomAmplitude(), r.p(), r.permutations()), "time from onset (s)", yLabel, 1, 0),
                List.of(new Figure.Series("random moments of the music (n = " + r.randomEpochs() + ")", RANDOM, t,
                                r.randomMean(), r.randomSe()),
                        new Figure.Series(events + " (n = " + r.eventEpochs() + ")", EVENTS, t, r.eventMean(),
                                r.eventSe())));
    }
}
