package org.frisson.app.simulate;

import org.frisson.app.CliException;
import org.frisson.models.ModelUnavailableException;
import org.frisson.sim.CohortWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** {@code frisson simulate cohort}: a labelled synthetic cohort for the training tools. */
@Command(name = "cohort", description = {
        "Write a labelled synthetic cohort for the training tools into DIR.",
        "Emotion: --subjects listeners x --trials tracks, DE features, MusiCNN embeddings, 1-9 ratings;"
                + " chills: --participants listeners x --songs songs, embeddings, phasic skin conductance, chill button."})
final class SimulateCohortCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Where the cohort goes.")
    Path cohort;

    @Option(names = "--subjects", defaultValue = "32", description = "Listeners rating tracks (default: ${DEFAULT-VALUE}, as DEAP).")
    int subjects;

    @Option(names = "--trials", defaultValue = "40", description = "Tracks per listener (default: ${DEFAULT-VALUE}, as DEAP).")
    int trials;

    @Option(names = "--trial-seconds", defaultValue = "30", description = "Seconds per track (default: ${DEFAULT-VALUE}).")
    double trialSeconds;

    @Option(names = "--participants", defaultValue = "10", description = "Listeners in the chill sessions (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--songs", defaultValue = "8", description = "Songs in the chill sessions (default: ${DEFAULT-VALUE}).")
    int songs;

    @Option(names = "--song-seconds", defaultValue = "60", description = "Seconds per song (default: ${DEFAULT-VALUE}).")
    double songSeconds;

    @Option(names = "--model", defaultValue = "musicnn",
            description = "Embedder for the music, musicnn or acoustic (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, Object> m = CohortWriter.write(new CohortWriter.Options(cohort, subjects, trials, trialSeconds,
                    participants, songs, songSeconds, model, seed), System.err);
            err.printf("cohort written to %s (embeddings: %s %s, %s weights)%n", cohort, m.get("embedding_model"),
                    m.get("embedding_layer"), m.get("embedding_weights"));
        } catch (IOException e) {
            throw new CliException(cohort + ": " + e.getMessage());
        } catch (ModelUnavailableException e) {
            throw new CliException("--model " + model + ": " + e.getMessage());
        }
        err.flush();
    }
}
